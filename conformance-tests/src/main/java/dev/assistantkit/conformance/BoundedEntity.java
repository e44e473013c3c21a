package dev.assistantkit.conformance;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.HttpEntity;
import org.apache.http.conn.ConnectionReleaseTrigger;
import org.apache.http.entity.HttpEntityWrapper;

/**
 * A response entity whose body ends at the size cap, at the request's deadline, or at an I/O error
 * (the idle timeout mid-body): the status and headers did come, so the answer is kept, marked cut.
 * A cut body is never drained: its connection is dropped instead.
 */
final class BoundedEntity extends HttpEntityWrapper {

  private final RequestControl control;
  private final int maxBytes;
  private final String deadline;

  BoundedEntity(HttpEntity wrapped, RequestControl control, int maxBytes, String deadline) {
    super(wrapped);
    this.control = control;
    this.maxBytes = maxBytes;
    this.deadline = deadline;
  }

  @Override
  public InputStream getContent() throws IOException {
    return new Bounded(super.getContent());
  }

  @Override
  public long getContentLength() {
    long n = super.getContentLength();
    return n > maxBytes ? -1 : n;
  }

  @Override
  public boolean isRepeatable() {
    return false;
  }

  private final class Bounded extends FilterInputStream {
    private long count;
    private boolean ended;

    Bounded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended) {
        return -1;
      }
      long left = maxBytes - count;
      if (left <= 0) {
        cut("the body was cut at " + maxBytes + " bytes (--max-response-bytes)");
        return -1;
      }
      try {
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
          ended = true;
          return -1;
        }
        count += n;
        return n;
      } catch (IOException e) {
        control.stalled = true;
        cut(
            control.expired
                ? "the body was cut at the request deadline (" + deadline + ")"
                : "the body was cut after " + count + " bytes: " + e.getClass().getSimpleName());
        return -1;
      }
    }

    private void cut(String why) {
      ended = true;
      if (control.cut == null) {
        control.cut = why;
      }
      control.shutdown();
    }

    @Override
    public long skip(long n) {
      return 0;
    }

    @Override
    public void close() throws IOException {
      if (control.cut != null) {
        // never drain the rest of an endless or huge body: drop the connection
        if (in instanceof ConnectionReleaseTrigger t) {
          t.abortConnection();
        }
        control.shutdown();
        return;
      }
      super.close();
    }
  }
}
