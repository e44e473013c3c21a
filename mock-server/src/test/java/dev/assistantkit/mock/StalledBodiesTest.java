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
 * thread: a valid PATCH is answered within 100 ms meanwhile, and each stalled one gets a 408 in the
 * error shape once its 5 s are up.
 */
class StalledBodiesTest {

  static final int STALLED = 1000;

  @Test
  void a_thousand_stalled_bodies_leave_a_valid_patch_answered_within_100_ms() throws Exception {
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
      long firstStall = System.nanoTime();
      try {
        for (int i = 0; i < STALLED; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
          s.getOutputStream().write(stall);
          sockets.add(s);
        }
        long opened = (System.nanoTime() - firstStall) / 1_000_000;
        awaitPending(server, STALLED, Math.max(100, 4500 - opened));

        long[] millis = new long[5];
        for (int i = 0; i < millis.length; i++) {
          long t0 = System.nanoTime();
          var a = http.patchJson(MockHttp.EXAMPLE, valid);
          millis[i] = (System.nanoTime() - t0) / 1_000_000;
          assertEquals(200, a.status(), a::text);
        }
        long elapsed = (System.nanoTime() - firstStall) / 1_000_000;
        System.out.printf(
            "stalled=%d (opened in %d ms) pending=%d PATCH ms=%s (%d ms after the first stall)%n",
            sockets.size(),
            opened,
            server.door().pendingBodies(),
            Arrays.toString(millis),
            elapsed);
        assertTrue(elapsed < 5000, "measured after the stalled requests had timed out");
        assertEquals(STALLED, server.door().pendingBodies(), "the stalled bodies were not pending");
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        assertTrue(sorted[0] < 100, () -> "no PATCH within 100 ms: " + Arrays.toString(millis));
        assertTrue(
            sorted[sorted.length / 2] < 100,
            () -> "median over 100 ms: " + Arrays.toString(millis));

        // each stalled request is answered 408 in the error shape once its 5 s are up
        for (Socket s :
            List.of(sockets.get(0), sockets.get(STALLED / 2), sockets.get(STALLED - 1))) {
          s.setSoTimeout(15_000);
          String answer = readAll(s.getInputStream());
          assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
          assertTrue(answer.contains("Content-Type: application/json"), answer);
          assertTrue(answer.contains("\"rule\":\"request.body-timeout\""), answer);
        }
        awaitPending(server, 0, 15_000);
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
      try {
        for (int i = 0; i < 700; i++) {
          RawHttp raw = new RawHttp(server.port());
          slow.add(raw);
          raw.send(head);
          raw.sendQuietly(most);
        }
        long budget = dev.assistantkit.mock.door.DoorPolicy.MAX_PENDING_BODY_BYTES;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
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
        for (RawHttp raw : answered) {
          var a = raw.read();
          assertEquals(503, a.status(), a::toString);
          assertEquals("server.busy", a.rule());
          assertEquals("1", a.header("Retry-After"));
        }
        busy = answered.size();
        long held = server.door().pendingBodyBytes();
        System.out.printf(
            "pending=%d held=%d MiB closed with 503=%d%n",
            server.door().pendingBodies(), held >> 20, busy);
        assertTrue(held <= budget, () -> "held " + held);
        assertTrue(busy > 0, "no slow body was refused");
        assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"ok\"}").status());
      } finally {
        slow.forEach(RawHttp::close);
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.door().pendingBodyBytes() > 0 && System.nanoTime() < until) {
        ForkedMock.sleep(20);
      }
      assertEquals(0, server.door().pendingBodyBytes(), "memory not given back");
      assertEquals(0, server.door().pendingBodies());
    }
  }

  private static void awaitPending(MockServer server, int expected, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (server.door().pendingBodies() != expected && System.nanoTime() < deadline) {
      ForkedMock.sleep(10);
    }
    assertEquals(expected, server.door().pendingBodies(), "pending bodies after " + millis + " ms");
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
