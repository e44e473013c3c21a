package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A thousand connections that sent their head and 21 of 1000 bytes of body, then nothing, hold no
 * thread: valid PATCHes are answered while every one of them is still held (the edge's count of
 * bodies it waits for says so as each answer arrives), and each stalled one gets a 408 in the error
 * shape once its time is up. While they are held, a mock whose bodies may take ten minutes is used:
 * with the 5 s of the default, a machine too loaded to send a thousand heads and five PATCHes
 * within 5 s would see the first bodies let go, through no fault of the mock. The 408s are the
 * default's. How long the PATCHes took is printed, a figure of this machine, not asserted.
 */
class StalledBodiesTest {

  static final int STALLED = 1000;

  /** Longer than any run of these tests: no body is let go for its time while they run. */
  static final Duration HELD = Duration.ofMinutes(10);

  static final String VALID = "{\"assistant_name\":\"through\"}";

  static MockServer holding() {
    return MockServer.start(
        MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)),
        Contract.load(),
        p -> p.withBodyTimeout(HELD));
  }

  static byte[] stall() {
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
    return stall;
  }

  /** Connects {@code n} sockets, then sends each the stalled head; they are added to {@code to}. */
  static void stallMany(MockServer server, int n, List<Socket> to) throws IOException {
    for (int i = 0; i < n; i++) {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 60_000);
      to.add(s);
    }
    byte[] stall = stall();
    for (Socket s : to) {
      s.getOutputStream().write(stall);
    }
  }

  @Test
  void a_thousand_stalled_bodies_leave_valid_patches_answered_while_they_are_held()
      throws Exception {
    try (MockServer server = holding()) {
      MockHttp http = new MockHttp(server.baseUrl());
      for (int i = 0; i < 200; i++) {
        assertEquals(200, http.patchJson(MockHttp.EXAMPLE, VALID).status());
      }
      List<Socket> sockets = new ArrayList<>(STALLED);
      try {
        long firstStall = System.nanoTime();
        stallMany(server, STALLED, sockets);
        awaitPending(server, STALLED, "every stalled body is held (for ten minutes)");
        long held = (System.nanoTime() - firstStall) / 1_000_000;

        long[] millis = new long[5];
        for (int i = 0; i < millis.length; i++) {
          long p0 = System.nanoTime();
          var a = http.patchJson(MockHttp.EXAMPLE, VALID);
          millis[i] = (System.nanoTime() - p0) / 1_000_000;
          assertEquals(200, a.status(), a::text);
          // answered while every stalled body was still held: none answered, none dropped
          assertEquals(
              STALLED,
              server.door().pendingBodies(),
              "a stalled body was let go before a valid PATCH was answered");
        }
        System.out.printf(
            "stalled=%d (all pending %d ms after the first connect) PATCH ms=%s%n",
            sockets.size(), held, Arrays.toString(millis));
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      // let go as their clients hang up
      awaitPending(server, 0, "the stalled bodies were not all let go when their clients left");
      assertEquals(200, http.patchJson(MockHttp.EXAMPLE, VALID).status());
    }
  }

  @Test
  void each_of_a_thousand_stalled_bodies_is_answered_408_once_its_5_s_are_up() throws Exception {
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)))) {
      List<Socket> sockets = new ArrayList<>(STALLED);
      try {
        stallMany(server, STALLED, sockets);
        // each is answered 408 in the error shape once its 5 s are up, whenever its head was
        // read (a minute without it: the timeout is broken)
        for (Socket s :
            List.of(sockets.get(0), sockets.get(STALLED / 2), sockets.get(STALLED - 1))) {
          s.setSoTimeout(60_000);
          String answer = readAll(s.getInputStream());
          assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
          assertTrue(answer.contains("Content-Type: application/json"), answer);
          assertTrue(answer.contains("\"rule\":\"request.body-timeout\""), answer);
          assertTrue(answer.contains("within 5 s"), answer);
        }
        awaitPending(server, 0, "the stalled bodies were not all let go");
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      assertEquals(200, new MockHttp(server.baseUrl()).patchJson(MockHttp.EXAMPLE, VALID).status());
    }
  }

  @Test
  void slow_bodies_hold_at_most_the_edges_budget_and_the_rest_are_told_to_retry() throws Exception {
    // bodies held ten minutes: with 5 s, the first could be let go before the last arrive on a
    // loaded machine, and the budget never be reached
    try (MockServer server = holding()) {
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
          assertEquals(503, a.status(), a::toString);
          assertEquals("server.busy", a.rule());
          assertEquals("1", a.header("Retry-After"));
          busy++;
        }
        System.out.printf(
            "sent in %d ms, pending=%d held=%d MiB closed with 503=%d%n",
            sent, pending, held >> 20, busy);
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
