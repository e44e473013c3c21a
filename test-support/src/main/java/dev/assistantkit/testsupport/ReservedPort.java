package dev.assistantkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A port on 127.0.0.1 this JVM holds bound without listening, for as long as it is open: a
 * connection to it is refused, and no other program is given it meanwhile (neither a bind to port 0
 * nor a connection's local port takes a port that is bound). A port picked free and closed again
 * could be taken by anything running beside the build before the test uses it; this one cannot.
 */
public final class ReservedPort implements AutoCloseable {

  private final Socket socket;

  private ReservedPort(boolean shared) {
    try {
      socket = new Socket();
      socket.setReuseAddress(shared);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port where nothing listens and nothing can start listening while it is held. */
  public static ReservedPort refusing() {
    return new ReservedPort(false);
  }

  /**
   * A port kept for a server this test starts: refused until that server listens on it, which a
   * server binding with {@code SO_REUSEADDR} (Jetty, the JDK's ServerSocket, Node) can, while
   * nothing else is given it.
   */
  public static ReservedPort forServer() {
    return new ReservedPort(true);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing
    }
  }
}
