package dev.assistantkit.mock.door;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;

/**
 * An answer that goes out as it arrives (the proxy's): the head, then parts of the body, each
 * written without blocking; a part's {@code written} callback runs once it has gone out, so the
 * sender reads no faster than the client takes. Ends whole ({@link #end}) or cut ({@link #cut}: the
 * connection is closed, so that a client never takes a part for the whole).
 */
public final class StreamedReply implements WriteListener {

  private record Chunk(byte[] bytes, Runnable written) {}

  private final Exchange exchange;
  private final Request base;
  private final HttpServletResponse response;
  private final AsyncContext async;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private ServletOutputStream out;
  private Runnable inFlight;
  private boolean headSent;
  private boolean headDue;
  private boolean ending;
  private boolean done;
  private Consumer<Throwable> onFailure = t -> {};
  private ScheduledFuture<?> headTimer;

  /** How long the head waits for the first part of the body before it goes out alone. */
  static final long HEAD_ALONE_AFTER_MS = 50;

  StreamedReply(
      Exchange exchange,
      Request base,
      HttpServletResponse response,
      AsyncContext async,
      ScheduledExecutorService timer) {
    this.exchange = exchange;
    this.base = base;
    this.response = response;
    this.async = async;
    this.timer = timer;
  }

  /** What to do when the client goes away or a write fails (e.g. stop reading the upstream). */
  public synchronized void onFailure(Consumer<Throwable> action) {
    this.onFailure = action;
  }

  /**
   * Sets the head: the status and headers as given, framed by the length the sender knows (so that
   * the answer ends with its last part, in one write when it is small), else chunked: either way a
   * connection closed in the middle reads as a cut and never as the end. An HTTP/1.0 client cannot
   * read chunks: without a length its answer ends with the connection, and says so ({@code
   * Connection: close}), so that it sends nothing more on it. The head goes out with the first
   * part, or alone once no part came within {@link #HEAD_ALONE_AFTER_MS}: a client waits for it,
   * not for a body that may never come.
   *
   * @param contentLength the body's length, or -1 when the sender does not know it
   */
  public void head(int status, List<Map.Entry<String, String>> headers, long contentLength)
      throws IOException {
    synchronized (this) {
      base.setHandled(true);
      response.setStatus(status);
      for (Map.Entry<String, String> h : headers) {
        response.addHeader(h.getKey(), h.getValue());
      }
      if (contentLength >= 0) {
        response.setContentLengthLong(contentLength);
      } else if (base.getHttpVersion() == org.eclipse.jetty.http.HttpVersion.HTTP_1_0) {
        response.setHeader("Connection", "close");
      } else {
        response.setHeader("Transfer-Encoding", "chunked");
      }
      out = response.getOutputStream();
      out.setWriteListener(this);
      // cancelled (and gone from the timer) as soon as a part or the end comes: most answers
      // arrive with their head
      headTimer = timer.schedule(this::headAlone, HEAD_ALONE_AFTER_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** The head goes with a part, or the answer ended: no need to send it alone. */
  private void noHeadAlone() {
    ScheduledFuture<?> f = headTimer;
    if (f != null) {
      headTimer = null;
      f.cancel(false);
    }
  }

  /** No part came soon after the head: the head goes out alone. */
  private void headAlone() {
    List<Runnable> run;
    synchronized (this) {
      headDue = true;
      run = drain();
    }
    run.forEach(Runnable::run);
  }

  /** Queues a part of the body; {@code written} runs once it went out. */
  public void write(byte[] part, Runnable written) {
    List<Runnable> run;
    synchronized (this) {
      if (done) {
        return;
      }
      noHeadAlone();
      queue.add(new Chunk(part, written));
      run = drain();
    }
    run.forEach(Runnable::run);
  }

  /** The body is whole: it ends once the queued parts went out. */
  public void end(Exchange.Sent sent) {
    exchange.keep(sent);
    List<Runnable> run;
    synchronized (this) {
      noHeadAlone();
      ending = true;
      run = drain();
    }
    run.forEach(Runnable::run);
  }

  /** The body is cut: the connection closes, whatever went out so far. */
  public void cut(Exchange.Sent sent) {
    exchange.keep(sent);
    synchronized (this) {
      noHeadAlone();
      if (done) {
        return;
      }
      done = true;
      queue.clear();
    }
    base.getHttpChannel().abort(new IOException("the answer was cut"));
    complete();
  }

  @Override
  public void onWritePossible() {
    List<Runnable> run;
    synchronized (this) {
      run = drain();
    }
    run.forEach(Runnable::run);
  }

  @Override
  public void onError(Throwable t) {
    Consumer<Throwable> failure;
    synchronized (this) {
      noHeadAlone();
      if (done) {
        return;
      }
      done = true;
      queue.clear();
      failure = onFailure;
    }
    failure.accept(t);
    complete();
  }

  /** Writes what it can; returns the callbacks of the parts that went out, to run unlocked. */
  private List<Runnable> drain() {
    List<Runnable> written = new ArrayList<>(2);
    if (out == null || done) {
      return written;
    }
    try {
      while (out.isReady()) {
        if (!headSent && queue.isEmpty() && !ending) {
          if (headDue) {
            // no part came soon: the head goes alone (a client waits for it)
            headSent = true;
            out.flush();
            continue;
          }
          return written;
        }
        headSent = true;
        if (inFlight != null) {
          written.add(inFlight);
          inFlight = null;
        }
        Chunk next = queue.poll();
        if (next == null) {
          if (ending) {
            done = true;
            written.add(this::complete);
          }
          return written;
        }
        out.write(next.bytes());
        inFlight = next.written();
        if (out.isReady()) {
          // on as it comes, not held until Jetty's buffer fills
          out.flush();
        }
      }
    } catch (IOException | IllegalStateException e) {
      done = true;
      queue.clear();
      Consumer<Throwable> failure = onFailure;
      written.add(() -> failure.accept(e));
      written.add(this::complete);
    }
    return written;
  }

  private void complete() {
    try {
      async.complete();
    } catch (IllegalStateException completed) {
      // completed already
    }
  }
}
