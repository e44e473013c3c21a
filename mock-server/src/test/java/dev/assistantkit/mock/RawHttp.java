package dev.assistantkit.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a raw socket, for what no well-behaved client sends: bad request lines, lying or
 * huge lengths, stalled bodies, bombs. Every socket is closed by the caller (try-with-resources).
 */
final class RawHttp implements AutoCloseable {

  /** A parsed answer. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      return MockHttp.JSON.readTree(body);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String rule() {
      return json().path("errors").path(0).path("rule").asString();
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawHttp(String host, int port) {
    try {
      socket = new Socket();
      // guards against a hang only: a loaded machine may take seconds to accept or answer
      socket.connect(new InetSocketAddress(host, port), 30_000);
      socket.setSoTimeout(60_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RawHttp(int port) {
    this("127.0.0.1", port);
  }

  RawHttp timeout(int millis) {
    try {
      socket.setSoTimeout(millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  RawHttp send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Sends, ignoring a server that already answered and closed (it may refuse before reading). */
  boolean sendQuietly(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads one answer (Content-Length or chunked or until close). */
  Answer read() {
    try {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int last = 0;
      while (last != 0x0D0A0D0A) {
        int b = in.read();
        if (b < 0) {
          throw new IOException(
              "closed before an answer: " + head.toString(StandardCharsets.ISO_8859_1));
        }
        head.write(b);
        last = (last << 8) | b;
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.merge(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim(),
              (a, b) -> a + ", " + b);
        }
      }
      byte[] body;
      if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = chunked();
      } else if (status == 204 || status == 304) {
        body = new byte[0];
      } else {
        body = in.readAllBytes();
      }
      return new Answer(status, headers, body);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer in time", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line();
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether an answer (or part of one) has arrived and can be read without waiting. */
  boolean hasAnswer() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the server closed the connection (reads EOF or a reset within the timeout). */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    hangUp();
  }

  /** Closes the connection now, before the end of the block that opened it. */
  void hangUp() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing
    }
  }

  /** A request head; {@code extra} are further header lines (each ending CRLF). */
  static String head(String method, String target, String extra) {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
  }
}
