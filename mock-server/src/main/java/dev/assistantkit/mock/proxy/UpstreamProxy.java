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
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Forwards a request to the upstream unchanged (method, path and query, headers including
 * Authorization, body) and streams the answer back unchanged (status, headers, body), keeping the
 * first bytes of the answer for the judge. Bounded in time: connecting, the answer's head, and the
 * whole exchange each have a limit; a head larger than the proxy passes on is refused.
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
   * @param truncated whether the body was longer than what was kept
   * @param complete whether the whole body arrived (false: cut by a timeout or the client)
   */
  public record Forwarded(
      int status,
      List<Map.Entry<String, String>> headers,
      byte[] kept,
      boolean truncated,
      boolean complete) {}

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
    return stream(answer, headers, to);
  }

  private Forwarded stream(
      HttpResponse<InputStream> answer,
      List<Map.Entry<String, String>> headers,
      HttpServletResponse to) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(keep, 8192));
    boolean truncated = false;
    boolean complete = false;
    InputStream in = answer.body();
    ScheduledFuture<?> deadline =
        watchdog.schedule(() -> close(in), total.toMillis(), TimeUnit.MILLISECONDS);
    try (in) {
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[16_384];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        int room = keep - kept.size();
        if (room > 0) {
          kept.write(buf, 0, Math.min(room, n));
        }
        if (n > room) {
          truncated = true;
        }
      }
      out.flush();
      complete = true;
    } catch (IOException e) {
      // the upstream stalled past the deadline, or the client went away: the answer is cut
    } finally {
      deadline.cancel(false);
    }
    return new Forwarded(answer.statusCode(), headers, kept.toByteArray(), truncated, complete);
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
