package dev.assistantkit.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A GET over a plain socket, for the headers Java's HTTP clients will not send as given (Host):
 * returns the answer's body, chunked encoding undone.
 */
final class RawHttp {

  private RawHttp() {}

  static String get(int port, String path, Map<String, String> headers) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(60_000); // a guard against a hang only
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = answer.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new IOException("no HTTP answer: " + answer);
      }
      String head = answer.substring(0, end).toLowerCase(java.util.Locale.ROOT);
      String body = answer.substring(end + 4);
      return head.contains("transfer-encoding: chunked") ? unchunk(body) : body;
    }
  }

  /** The body of a chunked answer (the sizes count bytes: decoded as UTF-8 bytes). */
  private static String unchunk(String chunked) {
    byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < bytes.length) {
      int lineEnd = i;
      while (lineEnd + 1 < bytes.length
          && !(bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      String size = new String(bytes, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0];
      int n = Integer.parseInt(size.trim(), 16);
      if (n == 0) {
        break;
      }
      out.write(bytes, lineEnd + 2, n);
      i = lineEnd + 2 + n + 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
