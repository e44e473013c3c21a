package dev.assistantkit.mock.proxy;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.util.BytesRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.HttpCookieStore;

/**
 * The deployment behind the proxy, reached with Jetty's asynchronous HTTP client: a request goes
 * out unchanged (method, path and query, headers including Authorization, body) and its answer is
 * handed over as it arrives, part by part, the next part read only once the last went on, so no
 * thread waits on a slow upstream or a slow client. Bounded: connecting has a limit, and each
 * exchange a deadline fixed when its request arrived ({@link Deadlines}), which ends it wherever it
 * is then: waiting for a connection, waiting for the head, or in the middle of the body; a head
 * larger than the proxy passes on is refused. Set to change nothing: no redirects followed, no
 * retries, no decompression, no cookies kept, no User-Agent added.
 */
public final class Upstream implements AutoCloseable {

  /** Headers of one hop, never forwarded (RFC 9110 7.6.1), and those the client sets itself. */
  private static final List<String> HOP =
      List.of(
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
   * The most bytes of header fields an answer may have to be passed on: the door sends at most 32
   * KiB of head, its own fields included. A larger head is a 502, not a failure of the door.
   */
  public static final int MAX_HEAD_BYTES = 16 * 1024;

  /**
   * Connections to the upstream at once; past them an exchange waits for one (at most {@link
   * #MAX_QUEUED} wait, more are refused at once), its deadline running.
   */
  public static final int MAX_CONNECTIONS = 256;

  /** Exchanges waiting for a connection at most. */
  public static final int MAX_QUEUED = 4 * MAX_CONNECTIONS;

  /** What the proxy is told as an exchange goes. Each method is called at most once, in order. */
  public interface Listener {

    /**
     * The head arrived: status and headers (hop headers left out), and the length of the body when
     * the upstream framed it by a Content-Length (else -1).
     */
    void head(int status, List<Map.Entry<String, String>> headers, long contentLength);

    /** A part of the body; call {@code next} once it went on, to get the next. */
    void part(byte[] bytes, Runnable next);

    /**
     * The exchange ended.
     *
     * @param failure why it did not end well, for people (never the upstream's own bytes); empty
     *     when the answer arrived whole
     * @param headArrived whether the head had arrived (else nothing was passed on)
     */
    void ended(Optional<String> failure, boolean headArrived);
  }

  private final URI upstream;
  private final String base;
  private final Duration total;
  private final Deadlines deadlines;
  private final HttpClient client;
  private final Optional<HttpField> host;

  /**
   * @param upstream the deployment, e.g. https://staging.example.com (a path prefix is kept)
   * @param total the most one exchange may take, from the arrival of its request to the last byte
   *     of the answer
   * @param threads the threads the client's callbacks run on (the door's: one pool for both ends)
   * @param deadlines the clock and timer that end exchanges at their deadlines
   */
  public Upstream(
      URI upstream, Duration total, java.util.concurrent.Executor threads, Deadlines deadlines) {
    String s = upstream.toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    this.upstream = URI.create(base);
    this.total = total;
    this.deadlines = deadlines;
    HttpClient c = new HttpClient();
    c.setExecutor(threads);
    c.addBean(threads, false); // the door's: started and stopped with the door, not the client
    c.setFollowRedirects(false);
    c.setCookieStore(new HttpCookieStore.Empty());
    c.setUserAgentField(null);
    c.setConnectTimeout(Math.min(10_000, Math.max(1_000, total.toMillis())));
    c.setIdleTimeout(total.toMillis());
    c.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
    c.setMaxRequestsQueuedPerDestination(MAX_QUEUED);
    c.setMaxResponseHeadersSize(MAX_HEAD_BYTES);
    c.getContentDecoderFactories().clear();
    try {
      c.start();
    } catch (Exception e) {
      throw new IllegalStateException("the proxy's HTTP client did not start", e);
    }
    c.getProtocolHandlers().clear(); // no redirects, no authentication, no 100-continue
    this.client = c;
    // the Host every request gets (the client's is one hop's): as Jetty would make it from each
    // request's URI, which it rebuilt and parsed again for every request
    URI any = c.newRequest(this.upstream).getURI();
    this.host =
        Optional.ofNullable(any == null ? null : any.getAuthority())
            .map(a -> new HttpField(HttpHeader.HOST, a));
  }

  public URI uri() {
    return upstream;
  }

  /**
   * Where a request target goes upstream, when it can go unchanged: Jetty's server takes targets
   * that are no URI ({@code /a|b}, {@code /a\\b}, {@code /a"b}), which the client cannot send.
   */
  public Optional<URI> target(String target) {
    try {
      return Optional.of(URI.create(base + target));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The most one exchange may take, from the arrival of its request. */
  public Duration timeout() {
    return total;
  }

  /** The exchange's time limit, for people. */
  String limit() {
    long ms = total.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  /**
   * Sends a request and tells the listener what comes back, ending the exchange at its deadline
   * wherever it is then (an exchange whose deadline has passed already is not sent).
   *
   * @param target where it goes ({@link #target(String)})
   * @param deadlineMillis when it must have ended, in ms of the {@link Deadlines}' clock: the
   *     arrival of the request plus {@link #timeout()}
   * @return a way to stop the exchange (the client went away)
   */
  public java.util.function.Consumer<Throwable> forward(
      String method,
      URI target,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      long deadlineMillis,
      Listener listener) {
    if (deadlineMillis <= deadlines.now()) {
      listener.ended(Optional.of(why(new DeadlinePassed(), false)), false);
      return t -> {};
    }
    Request request = client.newRequest(target).method(method);
    boolean hasBody = body.length > 0;
    List<HttpField> fields = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey();
      if (!hop(name)) {
        fields.add(new HttpField(name, h.getValue()));
      }
      hasBody |=
          name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding");
    }
    request.headers(
        h -> {
          h.remove(HttpHeader.ACCEPT_ENCODING);
          fields.forEach(h::add);
          host.ifPresent(h::add); // where Jetty put it: after the client's fields
        });
    if (hasBody) {
      // an empty body sent as one goes on as one (Content-Length: 0)
      request.body(new BytesRequestContent(body));
    }
    Exchanging exchanging = new Exchanging(listener);
    request
        .onResponseHeaders(exchanging::headers)
        .onResponseContentAsync(exchanging::content)
        .send(exchanging::complete);
    // the one bound on the exchange's time, queueing for a connection included (Jetty's own
    // request timeout would count from sending, after whatever the exchange waited for before)
    exchanging.armed(deadlines.at(deadlineMillis, () -> request.abort(DEADLINE)));
    return request::abort;
  }

  /** Whether a header is one hop's, never forwarded (any case of the name). */
  static boolean hop(String name) {
    for (String h : HOP) {
      if (h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** One exchange as it goes: the head passed on once, parts in order, one end. */
  private final class Exchanging {
    private final Listener listener;
    private volatile boolean headArrived;
    // the deadline's cancel once armed; ENDED once the exchange ended
    private final AtomicReference<Runnable> deadline = new AtomicReference<>();

    Exchanging(Listener listener) {
      this.listener = listener;
    }

    /** The deadline is set: cancelled at the end, or now if the exchange ended already. */
    void armed(Runnable cancel) {
      if (!deadline.compareAndSet(null, cancel)) {
        cancel.run();
      }
    }

    void headers(Response response) {
      List<Map.Entry<String, String>> out = new ArrayList<>();
      long bytes = 0;
      for (HttpField f : response.getHeaders()) {
        bytes += f.getName().length() + (f.getValue() == null ? 0 : f.getValue().length()) + 4;
        if (!hop(f.getName())) {
          out.add(Map.entry(f.getName(), f.getValue() == null ? "" : f.getValue()));
        }
      }
      if (bytes > MAX_HEAD_BYTES) {
        response.abort(
            new HeadTooLarge(
                "its head holds "
                    + bytes
                    + " bytes of header fields, over the "
                    + MAX_HEAD_BYTES
                    + " the proxy passes on"));
        return;
      }
      headArrived = true;
      long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
      boolean chunked = response.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
      listener.head(response.getStatus(), out, chunked ? -1 : length);
    }

    void content(Response response, ByteBuffer buffer, Callback callback) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      listener.part(bytes, callback::succeeded);
    }

    void complete(Result result) {
      Runnable cancel = deadline.getAndSet(ENDED);
      if (cancel != null) {
        cancel.run();
      }
      if (result.isSucceeded()) {
        listener.ended(Optional.empty(), true);
        return;
      }
      Throwable failure =
          result.getResponseFailure() != null
              ? result.getResponseFailure()
              : result.getRequestFailure();
      listener.ended(Optional.of(why(failure, headArrived)), headArrived);
    }
  }

  /** Why no (whole) answer came, for the 502 or the cut: never the upstream's own bytes. */
  private String why(Throwable failure, boolean headArrived) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HeadTooLarge h) {
        return h.getMessage();
      }
      if (t instanceof DeadlinePassed || t instanceof TimeoutException) {
        return headArrived ? "no more of it within " + limit() : "no answer within " + limit();
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return "cannot connect to the upstream (" + t.getClass().getSimpleName() + ")";
      }
      if (t instanceof java.net.SocketTimeoutException) {
        return "no connection within " + limit();
      }
      if (t instanceof HttpResponseException) {
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("too large") || m.contains("431")
            ? "its head is over the proxy's limits (" + MAX_HEAD_BYTES + " bytes)"
            : "its answer is not HTTP/1.1 the proxy can read";
      }
      if (t instanceof EOFException) {
        return headArrived
            ? "the upstream broke off (EOFException)"
            : "the upstream closed the connection without an answer";
      }
      if (t instanceof ClientGone) {
        return "the client went away";
      }
    }
    return headArrived
        ? "the upstream broke off (" + failure.getClass().getSimpleName() + ")"
        : "the connection failed before an answer (" + failure.getClass().getSimpleName() + ")";
  }

  private static final DeadlinePassed DEADLINE = new DeadlinePassed();

  private static final Runnable ENDED = () -> {};

  /** The exchange's deadline came: it ends there, wherever it was. */
  private static final class DeadlinePassed extends Exception {
    private static final long serialVersionUID = 1L;

    DeadlinePassed() {
      super("the exchange's deadline passed", null, false, false);
    }
  }

  /** An answer head over the proxy's limit. */
  private static final class HeadTooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    HeadTooLarge(String why) {
      super(why, null, false, false);
    }
  }

  /** The proxy's client went away: the exchange with the upstream stops. */
  public static final class ClientGone extends Exception {
    private static final long serialVersionUID = 1L;

    public ClientGone() {
      super("the client went away", null, false, false);
    }
  }

  /**
   * Keeps the first bytes of an answer, counting the rest: in an array the size of what it keeps
   * (one part, the whole of a small answer, is kept as it came), never a fixed buffer per exchange.
   */
  static final class BodyCap {
    private static final byte[] NONE = new byte[0];
    private final int limit;
    private byte[] bytes = NONE;
    private int size;
    private long total;

    BodyCap(int limit) {
      this.limit = limit;
    }

    synchronized void add(byte[] part) {
      total += part.length;
      int take = Math.min(limit - size, part.length);
      if (take <= 0) {
        return;
      }
      if (size == 0 && take == part.length) {
        bytes = part; // parts are never changed once handed over
        size = take;
        return;
      }
      if (size + take > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + take, 2 * size)));
      }
      System.arraycopy(part, 0, bytes, size, take);
      size += take;
    }

    synchronized byte[] bytes() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    synchronized boolean truncated() {
      return total > size;
    }

    synchronized long total() {
      return total;
    }
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
