package dev.assistantkit.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw {@link ServerSocket} server that misbehaves on purpose, for proving that the suite ends in
 * bounded time and memory whatever a server does.
 */
final class HostileServer implements AutoCloseable {

  /** How it misbehaves. */
  enum Mode {
    /** 200 JSON, chunked, and the chunks never end. */
    ENDLESS_BODY,
    /** 200 with a 50 MB body. */
    HUGE_BODY,
    /** The headers of a 200 with a 100-byte body, then nothing, the connection kept open. */
    HEADERS_THEN_STALL,
    /** 200 JSON, chunked, one byte every 100 ms, for ever: the idle timeout never fires. */
    SLOW_DRIP,
    /** A static file server: HTML 404 or 405 to everything. */
    STATIC_HTML,
    /** JSON 401 and 404 to the first two requests (the suite's probes), then stalls. */
    PROBES_THEN_STALL
  }

  static final int HUGE = 50 * 1024 * 1024;

  private final ServerSocket socket;
  private final Mode mode;
  private final AtomicLong written = new AtomicLong();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private HostileServer(ServerSocket socket, Mode mode) {
    this.socket = socket;
    this.mode = mode;
  }

  static HostileServer start(Mode mode) throws IOException {
    HostileServer s =
        new HostileServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), mode);
    Thread t = new Thread(s::accept, "hostile-" + mode);
    t.setDaemon(true);
    t.start();
    return s;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Requests read, over all connections. */
  int requests() {
    return requests.get();
  }

  /** Bytes written to clients, over all connections. */
  long written() {
    return written.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket c = socket.accept();
        clients.add(c);
        Thread t = new Thread(() -> serve(c), "hostile-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket c) {
    try (c) {
      String head = readRequest(c.getInputStream());
      int n = requests.incrementAndGet();
      OutputStream out = c.getOutputStream();
      switch (mode) {
        case ENDLESS_BODY -> {
          write(
              out,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n");
          byte[] chunk =
              ("1000\r\n" + "1,".repeat(2048) + "\r\n").getBytes(StandardCharsets.US_ASCII);
          while (!closed) {
            write(out, chunk);
          }
        }
        case HUGE_BODY -> {
          write(
              out,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + HUGE
                  + "\r\n\r\n");
          byte[] block = "1,".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
          for (long sent = 0; sent < HUGE && !closed; sent += block.length) {
            write(out, block);
          }
        }
        case HEADERS_THEN_STALL -> {
          write(
              out,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
          stall();
        }
        case SLOW_DRIP -> {
          write(
              out,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n");
          while (!closed) {
            write(out, "1\r\n \r\n");
            Thread.sleep(100);
          }
        }
        case STATIC_HTML -> {
          boolean get = head.toUpperCase(Locale.ROOT).startsWith("GET ");
          String body =
              "<html><body><h1>"
                  + (get ? "404 Not Found" : "405 Not Allowed")
                  + "</h1></body></html>";
          write(
              out,
              "HTTP/1.1 "
                  + (get ? "404 Not Found" : "405 Method Not Allowed")
                  + "\r\nContent-Type: text/html\r\nContent-Length: "
                  + body.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + body);
        }
        case PROBES_THEN_STALL -> {
          if (n <= 2) {
            String body = "{\"success\":false,\"message\":\"no\"}";
            write(
                out,
                "HTTP/1.1 "
                    + (n == 1 ? "401 Unauthorized" : "404 Not Found")
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length()
                    + "\r\nConnection: close\r\n\r\n"
                    + body);
          } else {
            stall();
          }
        }
      }
      out.flush();
    } catch (IOException | InterruptedException e) {
      // the client went away: what the suite is meant to do
    }
  }

  private void stall() throws InterruptedException {
    while (!closed) {
      Thread.sleep(100);
    }
  }

  private void write(OutputStream out, String text) throws IOException {
    write(out, text.getBytes(StandardCharsets.US_ASCII));
  }

  private void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    written.addAndGet(bytes.length);
  }

  /** Reads the request head and a Content-Length body. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4 && head.size() < 65536) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        long length = Long.parseLong(line.substring(15).trim());
        in.skipNBytes(Math.min(length, 1 << 20));
      }
    }
    return text;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket c : clients) {
      c.close();
    }
  }
}
