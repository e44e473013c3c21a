package dev.assistantkit.mock.proxy;

import dev.assistantkit.contract.ApiRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Forwards a request to the upstream unchanged (method, path and query, headers including
 * Authorization, body) and streams the answer back unchanged (status, headers, body), keeping the
 * first bytes of the answer for the judge. Bounded in time: connecting, and the whole exchange from
 * sending to the last byte of the answer, each have a limit; a head larger than the proxy passes on
 * is refused. The answer's head goes to the client as soon as it has arrived; an answer cut after
 * that (the upstream stalled or broke off) is reported as such, for the edge to close the
 * connection: the client never takes it for whole.
 */
public final class UpstreamProxy implements AutoCloseable {

  /** Headers of one hop, never forwarded (RFC 9110 7.6.1), and those the client sets itself. */
  private static final Set<String> HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "http2-settings");

  /**
   * The most bytes of header fields an answer may have to be passed on: Jetty sends at most 32 KiB
   * of head (WireMock's setting), its own fields included. A larger head is a 502, not Jetty's 500.
   */
  public static final int MAX_HEAD_BYTES = 16 * 1024;

  /**
   * What came back.
   *
   * @param status the upstream's status
   * @param headers its headers, as received (hop headers left out)
   * @param kept the first bytes of its body
   * @param bytes how many bytes of its body reached the client
   * @param cut why the answer is incomplete (the upstream stalled or broke off, or the client went
   *     away), when it is
   */
  public record Forwarded(
      int status,
      List<Map.Entry<String, String>> headers,
      byte[] kept,
      long bytes,
      Optional<String> cut) {

    /** Whether the body was longer than what was kept. */
    public boolean truncated() {
      return bytes > kept.length;
    }

    /** Whether the whole answer arrived and went on to the client. */
    public boolean complete() {
      return cut.isEmpty();
    }
  }

  /** No answer that can be passed on came back; the client gets a 502 in the error shape. */
  public static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String why) {
      super(why, null, false, false);
    }
  }

  private final URI upstream;
  private final Duration total;
  private final int keep;
  private final HttpClient client;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "proxy-watchdog");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param upstream the deployment, e.g. https://staging.example.com (a path prefix is kept)
   * @param total the most one exchange may take, from sending to the last byte of the answer
   * @param keep how many bytes of each answer to keep for the judge
   */
  public UpstreamProxy(URI upstream, Duration total, int keep) {
    String s = upstream.toString();
    this.upstream = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.total = total;
    this.keep = keep;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, total.toSeconds()))))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public URI upstream() {
    return upstream;
  }

  /**
   * Sends the request upstream and streams the answer into the servlet response.
   *
   * @throws Unreachable when no answer head that can be passed on arrived (nothing was written to
   *     the client yet)
   */
  public Forwarded forward(ApiRequest request, HttpServletResponse to) throws Unreachable {
    long deadline = System.nanoTime() + total.toNanos();
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(upstream + request.target()))
              .timeout(total)
              .method(
                  request.method(),
                  request.body().length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    } catch (IllegalArgumentException e) {
      throw new Unreachable("the request target cannot be sent upstream");
    }
    for (Map.Entry<String, String> h : request.headers().entries()) {
      if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        try {
          b.header(h.getKey(), h.getValue());
        } catch (IllegalArgumentException e) {
          // a header the JDK client refuses to send (restricted or malformed): left out
        }
      }
    }
    HttpResponse<InputStream> answer;
    try {
      answer = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new Unreachable("no connection within " + limit());
    } catch (HttpTimeoutException e) {
      throw new Unreachable("no answer within " + limit());
    } catch (ConnectException e) {
      throw new Unreachable("cannot connect to the upstream (ConnectException)");
    } catch (ProtocolException e) {
      // the JDK's message quotes the upstream's bytes: never passed on
      throw new Unreachable("its answer is not HTTP/1.1 the proxy can read (ProtocolException)");
    } catch (IOException e) {
      throw new Unreachable(
          "the connection failed before an answer (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    long headBytes = 0;
    for (Map.Entry<String, List<String>> h : answer.headers().map().entrySet()) {
      String name = h.getKey();
      for (String v : h.getValue()) {
        headBytes += name.length() + v.length() + 4;
        if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          headers.add(Map.entry(name, v));
        }
      }
    }
    if (headBytes > MAX_HEAD_BYTES) {
      close(answer.body()); // the connection is dropped, not kept for another exchange
      throw new Unreachable(
          "its head holds "
              + headBytes
              + " bytes of header fields, over the "
              + MAX_HEAD_BYTES
              + " the proxy passes on");
    }
    to.setStatus(answer.statusCode());
    headers.forEach(h -> to.addHeader(h.getKey(), h.getValue()));
    // chunked, even to a client that sent Connection: close, so that a connection closed in the
    // middle reads as a cut and never as the end (Jetty leaves it out where no body may follow,
    // and an HTTP/1.0 client has no such framing)
    to.setHeader("Transfer-Encoding", "chunked");
    return stream(answer, headers, to, deadline);
  }

  private Forwarded stream(
      HttpResponse<InputStream> answer,
      List<Map.Entry<String, String>> headers,
      HttpServletResponse to,
      long deadline) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(keep, 8192));
    long bytes = 0;
    String cut = null;
    InputStream in = answer.body();
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> watch =
        watchdog.schedule(
            () -> {
              late.set(true);
              close(in); // a read blocked on a stalled upstream ends with an IOException
            },
            Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
    try {
      OutputStream out = to.getOutputStream();
      // the head goes on now: a client waits for it, not for a body that may never come
      to.flushBuffer();
      byte[] buf = new byte[16_384];
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          cut =
              late.get()
                  ? "no more of it within " + limit()
                  : "the upstream broke off (" + e.getClass().getSimpleName() + ")";
          break;
        }
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        out.flush(); // streamed as it comes, not held until Jetty's buffer fills
        bytes += n;
        int room = keep - kept.size();
        if (room > 0) {
          kept.write(buf, 0, Math.min(room, n));
        }
      }
    } catch (IOException e) {
      cut = "the client went away";
    } finally {
      watch.cancel(false);
      close(in);
    }
    return new Forwarded(
        answer.statusCode(),
        headers,
        kept.toByteArray(),
        bytes,
        cut == null
            ? Optional.empty()
            : Optional.of("cut after " + bytes + " bytes of the body: " + cut));
  }

  /** The exchange's time limit, for people. */
  private String limit() {
    long ms = total.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing to stop a stalled read; nothing more to do
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
