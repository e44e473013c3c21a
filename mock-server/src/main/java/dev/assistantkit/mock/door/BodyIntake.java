package dev.assistantkit.mock.door;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request's body for the edge, bounded: refused from its Content-Length or Content-Encoding
 * before a byte is read; read at once on the calling thread when it has arrived with the head (the
 * fast path: a client that sends its request in one go, as benchmarks and browsers do); otherwise
 * read asynchronously as it arrives ({@link BodyListener}), holding no thread, until a deadline
 * counted from the request's head.
 */
final class BodyIntake {

  private static final byte[] NO_BODY = new byte[0];
  private static final int FAST_PATH_BUFFER = 8192;

  /** Hands a complete body on, on the thread that completed it. */
  interface Handover {
    /**
     * @param body the body, decoded
     * @param async the request's async context when the body was read asynchronously, else null
     */
    void pass(byte[] body, AsyncContext async);
  }

  private final DoorPolicy policy;
  private final DoorAnswers answers;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong held = new AtomicLong();
  private final BodyListener.Budget budget =
      new BodyListener.Budget() {
        @Override
        public boolean reserve(long bytes) {
          if (held.addAndGet(bytes) > policy.maxPendingBodyBytes()) {
            held.addAndGet(-bytes);
            return false;
          }
          return true;
        }

        @Override
        public void release(long bytes) {
          held.addAndGet(-bytes);
        }
      };

  BodyIntake(DoorPolicy policy, DoorAnswers answers) {
    this.policy = policy;
    this.answers = answers;
  }

  /** Requests whose bodies are being read asynchronously right now. */
  int pending() {
    return pending.get();
  }

  /** The memory the bodies being read asynchronously hold, in bytes. */
  long held() {
    return held.get();
  }

  /**
   * Reads the body and hands it on: one that is complete already at once, on the calling thread;
   * one still arriving once it has arrived, on the Jetty thread that read its last bytes (the
   * request is then asynchronous). A refused one is answered here.
   */
  void read(
      Request base,
      HttpServletRequest request,
      HttpServletResponse response,
      long limit,
      Handover then)
      throws IOException {
    String encoding = String.join(", ", Collections.list(request.getHeaders("Content-Encoding")));
    Optional<BodyDecoder.Coding> coding =
        BodyDecoder.Coding.parse(encoding.isEmpty() ? null : encoding);
    if (coding.isEmpty()) {
      response.setHeader("Connection", "close");
      answers.refuse(
          base,
          response,
          400,
          DoorRules.BODY_CONTENT_ENCODING,
          "header",
          "/Content-Encoding",
          "this mock reads request bodies sent as they are, gzip or deflate; not in another"
              + " Content-Encoding");
      return;
    }
    long length = request.getContentLengthLong();
    if (length > limit) {
      response.setHeader("Connection", "close");
      answers.refuse(
          base,
          response,
          400,
          DoorRules.BODY_LIMITS,
          "body",
          "",
          "the body exceeds a limit of this server: Content-Length "
              + length
              + " is over "
              + limit
              + " bytes");
      return;
    }
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (length == 0 || (length < 0 && !chunked)) {
      then.pass(NO_BODY, null);
      return;
    }
    ServletInputStream in = request.getInputStream();
    BodyDecoder decoder = new BodyDecoder(coding.get(), limit, length);
    if (length > 0 && readWhatHasArrived(in, decoder, length)) {
      BodyDecoder.Decoded o = decoder.finish();
      decoder.close();
      if (o != BodyDecoder.Decoded.OK) {
        answers.refuseBody(base, response, o, limit);
      } else {
        then.pass(decoder.body(), null);
      }
      return;
    }
    if (decoder.outcome() != BodyDecoder.Decoded.OK) {
      decoder.close();
      answers.refuseBody(base, response, decoder.outcome(), limit);
      return;
    }
    // the rest is still on its way: read it as it arrives, holding no thread meanwhile
    if (!budget.reserve(decoder.budgeted())) {
      decoder.close();
      busy(base, response);
      return;
    }
    AsyncContext async = request.startAsync();
    long deadline = base.getTimeStamp() + policy.bodyTimeout().toMillis();
    async.setTimeout(Math.max(1, deadline - System.currentTimeMillis()));
    BodyListener reader =
        new BodyListener(async, in, decoder, new Pending(base, response, limit, then), budget);
    async.addListener(reader);
    pending.incrementAndGet();
    in.setReadListener(reader);
  }

  /**
   * The fast path: reads what Jetty already holds, without blocking. Whether the whole body was
   * there (false also when the decoder refused it: see {@link BodyDecoder#outcome()}).
   */
  private static boolean readWhatHasArrived(ServletInputStream in, BodyDecoder decoder, long length)
      throws IOException {
    byte[] buffer = new byte[(int) Math.min(length, FAST_PATH_BUFFER)];
    long got = 0;
    while (got < length) {
      int available = in.available();
      if (available <= 0) {
        return false;
      }
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(available, length - got)));
      if (n < 0) {
        return false;
      }
      got += n;
      if (decoder.write(buffer, 0, n) != BodyDecoder.Decoded.OK) {
        return false;
      }
    }
    return true;
  }

  /** The end of an asynchronous read. Exactly one method is called per request. */
  private final class Pending implements BodyListener.Outcomes {
    private final Request base;
    private final HttpServletResponse response;
    private final long limit;
    private final Handover then;

    Pending(Request base, HttpServletResponse response, long limit, Handover then) {
      this.base = base;
      this.response = response;
      this.limit = limit;
      this.then = then;
    }

    @Override
    public void complete(BodyListener reader, byte[] body) {
      pending.decrementAndGet();
      // the body's deadline is over; the answer has its own (a delay, the proxy's timeout)
      reader.async().setTimeout(0);
      then.pass(body, reader.async());
    }

    @Override
    public void refuse(BodyListener reader, BodyDecoder.Decoded outcome) {
      pending.decrementAndGet();
      try {
        answers.refuseBody(base, response, outcome, limit);
      } catch (IOException e) {
        // the client is gone
      }
      completeQuietly(reader.async());
    }

    @Override
    public void busy(BodyListener reader) {
      pending.decrementAndGet();
      try {
        BodyIntake.this.busy(base, response);
      } catch (IOException e) {
        // the client is gone
      }
      completeQuietly(reader.async());
    }

    @Override
    public void timedOut(BodyListener reader) {
      pending.decrementAndGet();
      try {
        response.setHeader("Connection", "close");
        answers.refuse(
            base,
            response,
            408,
            DoorRules.BODY_TIMEOUT,
            "body",
            "",
            "the body did not arrive within "
                + policy.bodyTimeout().toSeconds()
                + " s of the request's head");
      } catch (IOException e) {
        // the client is gone
      }
      completeQuietly(reader.async());
    }

    @Override
    public void failed(BodyListener reader, Throwable cause) {
      pending.decrementAndGet();
      if (cause != null && !response.isCommitted()) {
        try {
          response.setHeader("Connection", "close");
          answers.refuse(
              base,
              response,
              400,
              DoorRules.MALFORMED,
              "body",
              "",
              "the body ended before it was complete");
        } catch (IOException | RuntimeException e) {
          // the client is gone
        }
      }
      completeQuietly(reader.async());
    }
  }

  /** Too many bodies arriving slowly at once: this one is refused, the client may retry. */
  private void busy(Request base, HttpServletResponse response) throws IOException {
    response.setHeader("Connection", "close");
    response.setHeader("Retry-After", "1");
    answers.refuse(
        base,
        response,
        503,
        DoorRules.BUSY,
        "body",
        "",
        "too many request bodies are arriving slowly at once; try again");
  }

  private static void completeQuietly(AsyncContext async) {
    try {
      async.complete();
    } catch (IllegalStateException alreadyDone) {
      // completed (or the server is stopping)
    }
  }
}
