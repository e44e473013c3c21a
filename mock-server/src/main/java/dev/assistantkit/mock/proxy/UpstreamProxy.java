package dev.assistantkit.mock.proxy;

import dev.assistantkit.contract.spec.ApiRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
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
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Forwards a request to the upstream unchanged (method, path and query, headers including
 * Authorization, body) and streams the answer back unchanged (status, headers, body), keeping the
 * first bytes of the answer for the judge. Bounded in time: connecting, and the whole exchange from
 * sending to the last byte of the answer, each have a limit; a head larger than the proxy passes on
 * is refused. The answer's head goes to the client as soon as it has arrived; an answer cut after
 * that (the upstream stalled or broke off) is reported as such, for the edge to close the
 * connection: the client never takes it for whole.
 *
 * <p>The client is Apache HttpClient 5 (WireMock's own), set to change nothing: no redirects
 * followed, no retries, no decompression, no cookies kept, no User-Agent added. Not the JDK's
 * {@code java.net.http} client: it never closes a connection whose answer head it cannot parse (not
 * HTTP, a head over its limit), so every such answer of a hostile upstream cost the proxy a socket,
 * for good.
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

  /** The most header fields of an answer the client reads before giving up on it. */
  private static final int MAX_HEADER_FIELDS = 256;

  /** Connections to the upstream at once (the edge's threads bound the exchanges anyway). */
  private static final int MAX_CONNECTIONS = 256;

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
  private final CloseableHttpClient client;
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
    Timeout limit = Timeout.of(total);
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(
                                Timeout.ofSeconds(Math.min(10, Math.max(1, total.toSeconds()))))
                            .setSocketTimeout(limit)
                            // a kept connection the upstream may have closed is checked first
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                            .build())
                    .setConnectionFactory(
                        ManagedHttpClientConnectionFactory.builder()
                            .http1Config(
                                Http1Config.custom()
                                    .setMaxLineLength(MAX_HEAD_BYTES)
                                    .setMaxHeaderCount(MAX_HEADER_FIELDS)
                                    .build())
                            .build())
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(limit)
                    .setConnectionRequestTimeout(limit)
                    .setProtocolUpgradeEnabled(false)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableDefaultUserAgent()
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
    HttpUriRequestBase send;
    try {
      send = new HttpUriRequestBase(request.method(), URI.create(upstream + request.target()));
    } catch (IllegalArgumentException e) {
      throw new Unreachable("the request target cannot be sent upstream");
    }
    boolean body = request.body().length > 0;
    for (Map.Entry<String, String> h : request.headers().entries()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!HOP.contains(name)) {
        send.addHeader(h.getKey(), h.getValue());
      }
      body |= name.equals("content-length") || name.equals("transfer-encoding");
    }
    if (body) {
      // an empty body sent as one goes on as one (Content-Length: 0), framed by the client
      send.setEntity(new ByteArrayEntity(request.body(), null));
    }
    // the whole exchange, from here to the answer's last byte: cancelling closes the connection,
    // which ends a wait for a head or a body that does not come
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> watch =
        watchdog.schedule(
            () -> {
              late.set(true);
              send.cancel();
            },
            total.toNanos(),
            TimeUnit.NANOSECONDS);
    ClassicHttpResponse answer;
    try {
      answer = client.executeOpen(null, send, null);
    } catch (IOException e) {
      watch.cancel(false);
      throw new Unreachable(late.get() ? "no answer within " + limit() : why(e));
    } catch (RuntimeException e) {
      watch.cancel(false);
      throw new Unreachable("the request cannot be sent upstream");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    long headBytes = 0;
    for (Header h : answer.getHeaders()) {
      headBytes += h.getName().length() + h.getValue().length() + 4;
      if (!HOP.contains(h.getName().toLowerCase(Locale.ROOT))) {
        headers.add(Map.entry(h.getName(), h.getValue()));
      }
    }
    if (headBytes > MAX_HEAD_BYTES) {
      watch.cancel(false);
      drop(send, answer);
      throw new Unreachable(
          "its head holds "
              + headBytes
              + " bytes of header fields, over the "
              + MAX_HEAD_BYTES
              + " the proxy passes on");
    }
    to.setStatus(answer.getCode());
    headers.forEach(h -> to.addHeader(h.getKey(), h.getValue()));
    // chunked, even to a client that sent Connection: close, so that a connection closed in the
    // middle reads as a cut and never as the end (Jetty leaves it out where no body may follow,
    // and an HTTP/1.0 client has no such framing)
    to.setHeader("Transfer-Encoding", "chunked");
    return stream(send, answer, headers, to, watch, late);
  }

  /** Why no answer came, for the 502: never the upstream's own bytes. */
  private String why(IOException e) {
    if (e instanceof ConnectTimeoutException) {
      return "no connection within " + limit();
    }
    if (e instanceof ConnectException) {
      return "cannot connect to the upstream (" + e.getClass().getSimpleName() + ")";
    }
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + limit();
    }
    if (e instanceof NoHttpResponseException) {
      return "the upstream closed the connection without an answer";
    }
    if (e instanceof MessageConstraintException) {
      return "its head is over the proxy's limits ("
          + MAX_HEADER_FIELDS
          + " fields, "
          + MAX_HEAD_BYTES
          + " bytes a line)";
    }
    if (e instanceof ClientProtocolException) {
      return "its answer is not HTTP/1.1 the proxy can read";
    }
    return "the connection failed before an answer (" + e.getClass().getSimpleName() + ")";
  }

  private Forwarded stream(
      HttpUriRequestBase send,
      ClassicHttpResponse answer,
      List<Map.Entry<String, String>> headers,
      HttpServletResponse to,
      ScheduledFuture<?> watch,
      AtomicBoolean late) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(keep, 8192));
    long bytes = 0;
    String cut = null;
    HttpEntity entity = answer.getEntity();
    try {
      OutputStream out = to.getOutputStream();
      // the head goes on now: a client waits for it, not for a body that may never come
      to.flushBuffer();
      InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
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
      if (cut == null) {
        close(answer); // read to its end: the connection is kept for the next exchange
      } else {
        drop(send, answer);
      }
    }
    return new Forwarded(
        answer.getCode(),
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

  /** Drops the connection, unread: closing the answer alone would read the rest of the body. */
  private static void drop(HttpUriRequestBase send, ClassicHttpResponse answer) {
    send.cancel();
    close(answer);
  }

  private static void close(ClassicHttpResponse answer) {
    try {
      answer.close();
    } catch (IOException | RuntimeException e) {
      // the connection is gone already; nothing more to do
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
  }
}
