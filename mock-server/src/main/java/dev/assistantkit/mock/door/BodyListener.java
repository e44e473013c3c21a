package dev.assistantkit.mock.door;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a body that had not fully arrived with the request's head, without holding a thread: Jetty
 * calls back as bytes arrive. Ends in exactly one of: the body is complete (the request is
 * dispatched again to be handed to WireMock), it is refused (over the limit, bad encoding), the
 * deadline passed (408), or the client went away.
 */
final class BodyListener implements ReadListener, AsyncListener {

  /** What to do when the reader is done. */
  interface Outcomes {
    void complete(BodyListener reader, byte[] body);

    void refuse(BodyListener reader, BodyDecoder.Decoded outcome);

    /** The bodies being read hold all the memory the edge gives them: this one is dropped. */
    void busy(BodyListener reader);

    void timedOut(BodyListener reader);

    void failed(BodyListener reader, Throwable cause);
  }

  /** The memory all pending bodies may hold together. */
  interface Budget {
    boolean reserve(long bytes);

    void release(long bytes);
  }

  private final AsyncContext async;
  private final ServletInputStream in;
  private final BodyDecoder decoder;
  private final Outcomes outcomes;
  private final Budget budget;
  private final AtomicBoolean done = new AtomicBoolean();
  private long reserved;

  /**
   * A reader whose decoder's current buffer is already reserved in the budget (if over the start).
   */
  BodyListener(
      AsyncContext async,
      ServletInputStream in,
      BodyDecoder decoder,
      Outcomes outcomes,
      Budget budget) {
    this.async = async;
    this.in = in;
    this.decoder = decoder;
    this.outcomes = outcomes;
    this.budget = budget;
    this.reserved = decoder.budgeted();
  }

  /** The memory this reader holds, given back when it ends (once). */
  private void releaseMemory() {
    budget.release(reserved);
    reserved = 0;
  }

  AsyncContext async() {
    return async;
  }

  @Override
  public void onDataAvailable() throws IOException {
    // a buffer per call, not per reader: a stalled body holds only what it has sent
    byte[] buffer = new byte[4096];
    while (!done.get() && in.isReady()) {
      int n = in.read(buffer);
      if (n < 0) {
        return; // onAllDataRead follows
      }
      BodyDecoder.Decoded o = decoder.write(buffer, 0, n);
      if (o != BodyDecoder.Decoded.OK && done.compareAndSet(false, true)) {
        decoder.close();
        releaseMemory();
        outcomes.refuse(this, o);
        return;
      }
      long grown = decoder.budgeted() - reserved;
      if (grown > 0) {
        if (!budget.reserve(grown)) {
          if (done.compareAndSet(false, true)) {
            decoder.close();
            releaseMemory();
            outcomes.busy(this);
          }
          return;
        }
        reserved += grown;
      }
    }
  }

  @Override
  public void onAllDataRead() {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    BodyDecoder.Decoded o = decoder.finish();
    decoder.close();
    releaseMemory(); // the body goes on as a plain array, counted no more
    if (o == BodyDecoder.Decoded.OK) {
      outcomes.complete(this, decoder.body());
    } else {
      outcomes.refuse(this, o);
    }
  }

  @Override
  public void onError(Throwable t) {
    if (done.compareAndSet(false, true)) {
      decoder.close();
      releaseMemory();
      outcomes.failed(this, t);
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    if (done.compareAndSet(false, true)) {
      decoder.close();
      releaseMemory();
      outcomes.timedOut(this);
    }
  }

  @Override
  public void onError(AsyncEvent event) {
    onError(event.getThrowable());
  }

  @Override
  public void onComplete(AsyncEvent event) {
    if (done.compareAndSet(false, true)) {
      decoder.close();
      releaseMemory();
      outcomes.failed(this, null);
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // a later startAsync (a held request, WireMock's own) does not concern the reader
  }
}
