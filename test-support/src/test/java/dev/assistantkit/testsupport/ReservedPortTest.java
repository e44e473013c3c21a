package dev.assistantkit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class ReservedPortTest {

  static void connect(int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
    }
  }

  @Test
  void a_refusing_port_refuses_connections_and_no_server_can_take_it() throws Exception {
    try (ReservedPort reserved = ReservedPort.refusing()) {
      assertThrows(ConnectException.class, () -> connect(reserved.port()));
      try (ServerSocket other = new ServerSocket()) {
        assertThrows(
            BindException.class,
            () ->
                other.bind(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), reserved.port())));
      }
    }
  }

  @Test
  void a_port_for_a_server_is_refused_until_the_server_listens_on_it() throws Exception {
    try (ReservedPort reserved = ReservedPort.forServer()) {
      assertThrows(ConnectException.class, () -> connect(reserved.port()));
      try (ServerSocket server = new ServerSocket()) {
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), reserved.port()));
        assertEquals(reserved.port(), server.getLocalPort());
        connect(reserved.port());
      }
    }
  }
}
