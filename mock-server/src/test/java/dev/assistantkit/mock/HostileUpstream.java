package dev.assistantkit.mock;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 (a dynamic port) that reads one request per connection and
 * answers it as the test had last set when the request came. Every thread is a daemon, every
 * connection it holds open is held at most {@link #HOLD_MS}, and everything is closed at the end.
 */
final class HostileUpstream implements AutoCloseable {

  /**
   * How long a connection is held open, or an answer written, at most: far beyond the proxy's
   * timeout and beyond the test's guard against a hang, so that only the proxy ends an exchange
   * early, and an exchange it does not end shows as a hang, not as an end the upstream made.
   */
  static final int HOLD_MS = 120_000;

  /** What the upstream does with one connection, once it has read the request. */
  interface Answer {
    void write(Socket s, String request) throws IOException;
  }

  final List<String> requests = new CopyOnWriteArrayList<>();

  /** The connections still open on the upstream's side, by case. */
  final Map<Socket, String> open = new ConcurrentHashMap<>();

  /** The cases whose connections, held open, the proxy never closed (in {@link #HOLD_MS}). */
  final List<String> leftOpen = new CopyOnWriteArrayList<>();

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile Answer answer = (s, request) -> {};
  private volatile String label = "";

  HostileUpstream() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::acceptAll, "hostile-upstream-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** From now on, each connection gets this answer; the label names it in failures. */
  void answer(String label, Answer a) {
    this.label = label;
    this.answer = a;
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      sockets.add(s);
      open.put(s, label);
      Thread t =
          new Thread(
              () -> {
                try (s) {
                  s.setSoTimeout(HOLD_MS);
                  String request = readRequest(s.getInputStream());
                  // the answer of the case the request came in, not of the one the connection
                  // was opened in: a client may open a connection before it has a request for it
                  Answer a = answer;
                  open.put(s, label);
                  requests.add(request);
                  a.write(s, request);
                } catch (IOException | RuntimeException e) {
                  // the proxy hung up, or the case ended: nothing more to do
                } finally {
                  open.remove(s);
                }
              },
              "hostile-upstream-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  /** The request's head (and its body read past, by Content-Length). */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last = 0;
    while (last != 0x0D0A0D0A && head.size() < 65536) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before a request");
      }
      head.write(b);
      last = (last << 8) | b;
    }
    String text = head.toString(ISO_8859_1);
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
    return text;
  }

  static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(ISO_8859_1));
    s.getOutputStream().flush();
  }

  /**
   * Holds the connection open until the proxy closes it; after {@link #HOLD_MS} it counts as left
   * open by the proxy.
   */
  void holdOpen(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    byte[] buf = new byte[1024];
    try {
      while (in.read(buf) >= 0) {
        // whatever the proxy sends is ignored
      }
    } catch (SocketTimeoutException e) {
      leftOpen.add(open.get(s));
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing
    }
    List<Socket> all = new ArrayList<>(sockets);
    for (Socket s : all) {
      try {
        s.close();
      } catch (IOException e) {
        // closing
      }
    }
  }
}
