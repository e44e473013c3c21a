package dev.assistantkit.mock;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one exchange ended, as the client saw it.
 *
 * @param status the status, 0 when the connection closed before a head
 * @param headers the head's fields (lower-case names; repeated ones joined)
 * @param body the first MiB of the body
 * @param bodyBytes all the body's bytes that arrived
 * @param complete whether the body reached the end its framing announced
 * @param millis from connecting to the end (or the close)
 */
record ExchangeEnd(
    int status,
    Map<String, String> headers,
    byte[] body,
    long bodyBytes,
    boolean complete,
    long millis) {

  String header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  @Override
  public String toString() {
    return status
        + " "
        + headers
        + " complete="
        + complete
        + " after "
        + millis
        + " ms, "
        + bodyBytes
        + " bytes: "
        + new String(body, 0, Math.min(body.length, 300), UTF_8);
  }

  /**
   * Reads an answer's head and body, to the end its framing announces or to the close; a read that
   * times out is the caller's (a SocketTimeoutException: the server hung).
   *
   * @param t0 when the exchange began ({@link System#nanoTime()})
   */
  static ExchangeEnd read(InputStream in, long t0) throws IOException {
    Reader r = new Reader(in);
    Map<String, String> headers = new LinkedHashMap<>();
    String status = null;
    boolean complete;
    try {
      status = r.line();
      for (String l = status == null ? "" : r.line(); l != null && !l.isEmpty(); l = r.line()) {
        int colon = l.indexOf(':');
        if (colon > 0) {
          headers.merge(
              l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              l.substring(colon + 1).trim(),
              (a, b) -> a + ", " + b);
        }
      }
      if (status == null) {
        complete = false;
      } else if (headers.containsKey("content-length")) {
        complete = r.body(Long.parseLong(headers.get("content-length")));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        complete = r.chunked();
      } else {
        r.toEnd();
        complete = true; // delimited by the close: nothing tells a cut from the end
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      complete = false; // reset by the server
    }
    int code = status == null ? 0 : Integer.parseInt(status.split(" ")[1]);
    return new ExchangeEnd(
        code,
        headers,
        r.kept.toByteArray(),
        r.bytes,
        complete,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The reading side. */
  private static final class Reader {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long bytes;

    Reader(InputStream in) {
      this.in = in;
    }

    /** Reads n body bytes; false if the connection ended first. */
    boolean body(long n) throws IOException {
      byte[] buf = new byte[65536];
      while (n > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, n));
        if (r < 0) {
          return false;
        }
        keep(buf, r);
        n -= r;
      }
      return true;
    }

    void toEnd() throws IOException {
      byte[] buf = new byte[65536];
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        keep(buf, r);
      }
    }

    private void keep(byte[] buf, int r) {
      bytes += r;
      int room = 1024 * 1024 - kept.size();
      if (room > 0) {
        kept.write(buf, 0, Math.min(room, r));
      }
    }

    /** A CRLF-ended line, or null at the end of the stream. */
    String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); ; c = in.read()) {
        if (c < 0) {
          return null;
        }
        if (c == '\n') {
          return b.toString(ISO_8859_1).replaceAll("\r$", "");
        }
        b.write(c);
      }
    }

    /** Chunks to the last one and its trailers; false if the connection ended first. */
    boolean chunked() throws IOException {
      while (true) {
        String size = line();
        if (size == null) {
          return false;
        }
        long n = Long.parseLong(size.split(";")[0].trim(), 16);
        if (n == 0) {
          for (String t = line(); ; t = line()) {
            if (t == null) {
              return false;
            }
            if (t.isEmpty()) {
              return true;
            }
          }
        }
        if (!body(n) || line() == null) {
          return false;
        }
      }
    }
  }
}
