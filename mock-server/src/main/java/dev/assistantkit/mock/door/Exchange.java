package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * One request the door let through, and the way to answer it: what the client sent (method, target
 * as on the wire, every header in order, the body decoded from its Content-Encoding), how it may be
 * shown ({@link #shown()}: secrets masked), and the answer, given once by whichever road the gate
 * chose. Every answer is kept ({@link Keeper}) before it goes out.
 *
 * <p>An exchange is answered on the thread that handles it, or later from any thread once it is
 * {@linkplain #detach() detached}; writes never block on a slow reader (every answer is sent
 * asynchronously: a client that does not read holds its connection, never a thread). Nothing a
 * client sends can stand in for what this object holds.
 */
public final class Exchange {

  /** Keeps an answer as it goes out (the journal, the traffic, the verbose log). */
  @FunctionalInterface
  public interface Keeper {
    void kept(Exchange exchange, Sent sent);
  }

  /**
   * An answer as it went out.
   *
   * @param status the status
   * @param headers the headers (the door's CORS headers aside)
   * @param body the body as sent, or its first bytes when streamed ({@link #truncated})
   * @param truncated whether more of the body went out than {@code body} holds
   * @param incomplete why the answer did not go out whole, when it did not
   * @param own whether it is one of the mock's own answers (masked as such)
   */
  public record Sent(
      int status,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      boolean truncated,
      Optional<String> incomplete,
      boolean own) {}

  private static final Keeper NOBODY = (x, s) -> {};

  private final Door.Parts door;
  private final Request base;
  private final HttpServletResponse response;
  private final Arrival arrival;
  private final AtomicBoolean answered = new AtomicBoolean();
  private volatile AsyncContext async;
  private volatile Keeper keeper = NOBODY;
  private volatile boolean detached;

  Exchange(
      Door.Parts door,
      Request base,
      HttpServletResponse response,
      Surface surface,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      SecretMasker masker,
      AsyncContext async) {
    this.door = door;
    this.base = base;
    this.response = response;
    this.arrival =
        new Arrival(
            door.ids().next(),
            surface,
            base.getMethod(),
            DoorAnswers.rawTarget(base),
            headers,
            body,
            masker,
            base.getTimeStamp(),
            base.getScheme(),
            base.getServerName(),
            base.getServerPort(),
            base.getRemoteAddr(),
            base.getProtocol());
    this.async = async;
  }

  // ------------------------------------------------------------------ what arrived

  /** What arrived, apart from the connection: safe to keep after the exchange is over. */
  public Arrival arrival() {
    return arrival;
  }

  /** Unique within the process; WireMock's journal knows the exchange by it. */
  public UUID id() {
    return arrival.id();
  }

  public Surface surface() {
    return arrival.surface();
  }

  /** The method, case as sent. */
  public String method() {
    return arrival.method();
  }

  /** The path and query as on the wire, percent-encoding untouched. */
  public String rawTarget() {
    return arrival.rawTarget();
  }

  /** The path as on the wire, without the query. */
  public String rawPath() {
    return arrival.rawPath();
  }

  /** Every header field, in order, names as sent. */
  public List<Map.Entry<String, String>> headers() {
    return arrival.headers();
  }

  /** The first value of a header (name case-insensitive), if sent. */
  public Optional<String> header(String name) {
    return arrival.header(name);
  }

  /** The body, decoded from gzip or deflate; never null (do not modify). */
  public byte[] body() {
    return arrival.body();
  }

  /** The masker of this request: the known secrets and the credentials it carries. */
  public SecretMasker masker() {
    return arrival.masker();
  }

  /** When the request's head arrived. */
  public Instant arrived() {
    return arrival.arrived();
  }

  /** The request as it may be shown: secrets masked, a body the mask cannot reach withheld. */
  public ShownRequest shown() {
    return arrival.shown();
  }

  @Override
  public String toString() {
    return arrival.toString();
  }

  // ------------------------------------------------------------------ the answer

  /** Whoever keeps the answer (the recorder); set by the gate before a road answers. */
  public void keepWith(Keeper keeper) {
    this.keeper = keeper;
  }

  /** Whether an answer was given (or the connection broken). */
  public boolean answered() {
    return answered.get();
  }

  /**
   * The road will answer later, from another thread (a delay, an upstream, a scheduled answer): the
   * handling thread goes back to Jetty meanwhile.
   */
  public void detach() {
    detached = true;
    startAsync();
  }

  /** Sends an answer as given (a user's stub, an upstream's answer). */
  public void reply(Reply reply) {
    send(reply, false);
  }

  /**
   * Sends one of the mock's own answers: masked first (secret properties, known secrets and this
   * request's credentials anywhere; an error that is not JSON gets the error shape).
   */
  public void replyOwn(Reply reply) {
    send(door.masking().mask(reply, masker()), true);
  }

  /** One of the mock's own answers as it may go out: masked as {@link #replyOwn} masks it. */
  public Reply masked(Reply reply) {
    return door.masking().mask(reply, masker());
  }

  /** Sends an answer after a delay, holding no thread meanwhile. */
  public void replyAfter(long delayMillis, Reply reply, boolean own) {
    if (delayMillis <= 0) {
      send(own ? door.masking().mask(reply, masker()) : reply, own);
      return;
    }
    detach();
    door.timer()
        .schedule(
            () -> {
              try {
                send(own ? door.masking().mask(reply, masker()) : reply, own);
              } catch (RuntimeException e) {
                fail(e);
              }
            },
            delayMillis,
            TimeUnit.MILLISECONDS);
  }

  /** A refusal in the error shape, naming a rule (never kept: the request went nowhere). */
  public void refuse(int status, String rule, String in, String pointer, String message) {
    if (claim()) {
      try {
        door.answers().refuse(base, response, status, rule, in, pointer, message);
      } catch (IOException e) {
        // the client is gone
      } finally {
        completeAsync();
      }
    }
  }

  /** A failure of the mock itself: a 500 in the error shape if nothing was sent yet. */
  public void fail(Throwable t) {
    boolean first = claim();
    if (first || !response.isCommitted()) {
      door.answers().failure(base, response, t);
    } else {
      base.getHttpChannel().abort(t);
    }
    completeAsync();
  }

  /** Answers by breaking the connection (WireMock's faults, a proxy's cut answer). */
  public void breakConnection(Breakage breakage) {
    if (!claim()) {
      return;
    }
    keep(new Sent(0, List.of(), new byte[0], false, Optional.of(breakage.description()), false));
    breakage.apply(base, response);
    completeAsync();
  }

  /** An answer streamed as it arrives (the proxy): the head first, then the body in parts. */
  public StreamedReply stream() {
    if (!claim()) {
      throw new IllegalStateException("the exchange was answered already");
    }
    detach();
    return new StreamedReply(this, base, response, async, door.timer());
  }

  private void send(Reply reply, boolean own) {
    if (!claim()) {
      return;
    }
    keep(new Sent(reply.status(), reply.headers(), reply.body(), false, Optional.empty(), own));
    try {
      if (reply.reason().isPresent()) {
        base.getResponse().setStatusWithReason(reply.status(), reply.reason().get());
      } else {
        response.setStatus(reply.status());
      }
      String exposed = response.getHeader(Cors.EXPOSE);
      if (exposed != null) {
        // a page may read the headers this answer carries besides the kit's
        response.setHeader(Cors.EXPOSE, Cors.exposing(exposed, reply.headers()));
      }
      for (Map.Entry<String, String> h : reply.headers()) {
        if (!h.getKey().equalsIgnoreCase("Content-Length")
            && !h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
          response.addHeader(h.getKey(), h.getValue());
        }
      }
      byte[] bytes = reply.body();
      response.setContentLength(bytes.length);
      base.setHandled(true);
      // every answer is written asynchronously, however small: Jetty's blocking write of a
      // response's last bytes waits for the client to take them, so a client that pipelines
      // requests and never reads held a serving thread each, once its socket's buffers were full
      startAsync();
      AsyncContext a = async;
      door.writes().incrementAndGet();
      base.getResponse()
          .getHttpOutput()
          .sendContent(
              ByteBuffer.wrap(bytes),
              new Callback() {
                @Override
                public void succeeded() {
                  door.writes().decrementAndGet();
                  a.complete();
                }

                @Override
                public void failed(Throwable x) {
                  door.writes().decrementAndGet();
                  a.complete(); // the client went away, or did not read within the idle time
                }
              });
    } catch (RuntimeException e) {
      base.getHttpChannel().abort(e);
      completeAsync();
    }
  }

  void keep(Sent sent) {
    try {
      keeper.kept(this, sent);
    } catch (RuntimeException e) {
      // keeping must never cost the client its answer
      DoorAnswers.logKeepFailure(e);
    }
  }

  private boolean claim() {
    return answered.compareAndSet(false, true);
  }

  private synchronized void startAsync() {
    if (async == null) {
      AsyncContext a = base.startAsync();
      a.setTimeout(0);
      async = a;
    }
  }

  private void completeAsync() {
    AsyncContext a = async;
    if (a != null) {
      try {
        a.complete();
      } catch (IllegalStateException done) {
        // completed already
      }
    } else {
      base.setHandled(true);
    }
  }

  Request base() {
    return base;
  }

  /** Whether a road took the exchange to answer it later. */
  boolean detached() {
    return detached;
  }
}
