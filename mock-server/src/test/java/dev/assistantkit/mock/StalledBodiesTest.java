package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A thousand connections that sent their head and 21 of 1000 bytes of body, then nothing, hold no
 * thread: valid PATCHes are answered while every one of them is still held (the edge's count of
 * bodies it waits for says so as each answer arrives), and each stalled one gets a 408 in the error
 * shape once its 5 s are up. How long the PATCHes took is printed, a figure of this machine, not
 * asserted.
 */
class StalledBodiesTest {

  static final int STALLED = 1000;

  @Test
  void a_thousand_stalled_bodies_leave_valid_patches_answered_while_they_are_held()
      throws Exception {
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)))) {
      MockHttp http = new MockHttp(server.baseUrl());
      String valid = "{\"assistant_name\":\"through\"}";
      for (int i = 0; i < 200; i++) {
        assertEquals(200, http.patchJson(MockHttp.EXAMPLE, valid).status());
      }
      byte[] stall =
          (RawHttp.head(
                      "PATCH",
                      "/assistant/update/" + MockHttp.EXAMPLE,
                      "Content-Type: application/json\r\nAuthorization: Bearer "
                          + MockHttp.KEY
                          + "\r\nContent-Length: 1000\r\n")
                  + "{\"assistant_name\":\"ab")
              .getBytes(StandardCharsets.UTF_8);
      assertEquals(21, "{\"assistant_name\":\"ab".length());
      List<Socket> sockets = new ArrayList<>(STALLED);
      try {
        // connected first, the heads sent after: a body's 5 s start at its head, and only the
        // writes, not the connects, count against them
        long t0 = System.nanoTime();
        for (int i = 0; i < STALLED; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", server.port()), 60_000);
          sockets.add(s);
        }
        long connected = (System.nanoTime() - t0) / 1_000_000;
        long firstStall = System.nanoTime();
        for (Socket s : sockets) {
          s.getOutputStream().write(stall);
        }
        awaitPending(
            server,
            STALLED,
            "each body times out 5 s after its head, so all are held at once only if their heads"
                + " were read within 5 s");
        long held = (System.nanoTime() - firstStall) / 1_000_000;

        long[] millis = new long[5];
        for (int i = 0; i < millis.length; i++) {
          long p0 = System.nanoTime();
          var a = http.patchJson(MockHttp.EXAMPLE, valid);
          millis[i] = (System.nanoTime() - p0) / 1_000_000;
          assertEquals(200, a.status(), a::text);
          // answered while every stalled body was still held: none answered, none dropped
          assertEquals(
              STALLED,
              server.door().pendingBodies(),
              "a stalled body was let go before a valid PATCH was answered");
        }
        System.out.printf(
            "stalled=%d (connected in %d ms, all pending %d ms after the first head) PATCH ms=%s"
                + " (%d ms after the first head)%n",
            sockets.size(),
            connected,
            held,
            Arrays.toString(millis),
            (System.nanoTime() - firstStall) / 1_000_000);

        // each stalled request is answered 408 in the error shape once its 5 s are up (a minute
        // without it: the timeout is broken)
        for (Socket s :
            List.of(sockets.get(0), sockets.get(STALLED / 2), sockets.get(STALLED - 1))) {
          s.setSoTimeout(60_000);
          String answer = readAll(s.getInputStream());
          assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
          assertTrue(answer.contains("Content-Type: application/json"), answer);
          assertTrue(answer.contains("\"rule\":\"request.body-timeout\""), answer);
        }
        awaitPending(server, 0, "the stalled bodies were not all let go");
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      assertEquals(200, http.patchJson(MockHttp.EXAMPLE, valid).status());
    }
  }

  @Test
  void slow_bodies_hold_at_most_the_edges_budget_and_the_rest_are_told_to_retry() throws Exception {
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)))) {
      MockHttp http = new MockHttp(server.baseUrl());
      byte[] head =
          RawHttp.head(
                  "PATCH",
                  "/assistant/update/" + MockHttp.EXAMPLE,
                  "Content-Type: application/json\r\nContent-Length: 65536\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] most = new byte[60_000];
      Arrays.fill(most, (byte) ' ');
      List<RawHttp> slow = new ArrayList<>();
      int busy = 0;
      int timedOut = 0;
      try {
        // connected first, then each head with most of its body: a body's 5 s start at its head,
        // and only the writes, not the connects, count against them
        for (int i = 0; i < 700; i++) {
          slow.add(new RawHttp(server.port()));
        }
        long t0 = System.nanoTime();
        for (RawHttp raw : slow) {
          raw.send(head);
          raw.sendQuietly(most);
        }
        long sent = (System.nanoTime() - t0) / 1_000_000;
        long budget = dev.assistantkit.mock.door.DoorPolicy.MAX_PENDING_BODY_BYTES;
        // each slow body is either held or answered; the minute is a guard against a hang only
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<RawHttp> answered = new ArrayList<>();
        while (System.nanoTime() < deadline
            && server.door().pendingBodies() + answered.size() < slow.size()) {
          ForkedMock.sleep(50);
          for (RawHttp raw : slow) {
            if (!answered.contains(raw) && raw.hasAnswer()) {
              answered.add(raw);
            }
          }
        }
        int pending = server.door().pendingBodies();
        long held = server.door().pendingBodyBytes();
        assertEquals(
            slow.size(), pending + answered.size(), "slow bodies neither held nor answered");
        for (RawHttp raw : answered) {
          var a = raw.read();
          if (a.status() == 408) {
            // one whose 5 s ran out before the others had arrived: a slower machine, not a fault
            assertEquals("request.body-timeout", a.rule(), a::toString);
            timedOut++;
            continue;
          }
          assertEquals(503, a.status(), a::toString);
          assertEquals("server.busy", a.rule());
          assertEquals("1", a.header("Retry-After"));
          busy++;
        }
        System.out.printf(
            "sent in %d ms, pending=%d held=%d MiB closed with 503=%d, timed out=%d%n",
            sent, pending, held >> 20, busy, timedOut);
        assertTrue(held <= budget, () -> "held " + held);
        assertTrue(busy > 0, "no slow body was refused");
        assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"ok\"}").status());
      } finally {
        slow.forEach(RawHttp::close);
      }
      // given back as the connections close; the minute is a guard against a hang only
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.door().pendingBodyBytes() > 0 && System.nanoTime() < until) {
        ForkedMock.sleep(20);
      }
      assertEquals(0, server.door().pendingBodyBytes(), "memory not given back");
      assertEquals(0, server.door().pendingBodies());
    }
  }

  /**
   * Waits until the edge waits for exactly {@code expected} bodies. The minute is a guard against a
   * hang only: the count gets there in a fraction of a second, or never.
   */
  private static void awaitPending(MockServer server, int expected, String why) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.door().pendingBodies() != expected && System.nanoTime() < deadline) {
      ForkedMock.sleep(10);
    }
    assertEquals(expected, server.door().pendingBodies(), "pending bodies after a minute; " + why);
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
