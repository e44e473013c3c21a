package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Slow peers hold connections, never the threads that answer. Before: 60 clients that asked for the
 * Swagger UI bundle and never read held every Jetty thread (a valid PATCH and the health check
 * waited 12 s); clients that pipelined small requests and never read did the same once their
 * sockets' buffers were full (Jetty's blocking write of an answer's last bytes); 40 clients in
 * front of an upstream that never answered delayed the mock's own endpoints by up to 10 s, and half
 * of them got their 502 at twice the proxy's timeout, after waiting for a thread.
 *
 * <p>No assertion is about time. Each test holds the hostile connections (the door is writing to
 * every slow reader; the upstream holds every proxied request) while the valid requests are
 * answered, and shows they are still held after. With the old blocking writes, the door could not
 * even begin answering every slow reader: its threads were all waiting on the first ones. How long
 * each valid request took is printed, for people.
 */
class SlowPeersTest {

  /** The number: more slow connections than the door has threads (25). */
  static final int SLOW_READERS = 60;

  static final int HANGING = 40;

  /** A guard against a hang only: normal runs take a fraction of it. */
  static final long GUARD_MS = 60_000;

  static final String BUNDLE = "/docs/swagger-ui-bundle.js";

  /** A small static answer (1.3 KB): written in one go, the whole of it the answer's last bytes. */
  static final String SMALL = "/docs/oauth2-redirect.js";

  @Test
  void clients_that_never_read_large_answers_hold_no_thread_the_api_needs() throws Exception {
    try (MockServer mock = holdingClientsThatNeverRead()) {
      MockHttp http = new MockHttp(mock.baseUrl());
      assertTrue(http.get(BUNDLE).body().length > 1_000_000, "the bundle is large");
      // a traffic HAR of a few megabytes, for the slow readers of a view
      String big = "x".repeat(14_000);
      for (int i = 0; i < 100; i++) {
        http.patchJson(
            MockHttp.EXAMPLE,
            "{\"assistant_prompt\":\"" + big + "\",\"assistant_description\":\"" + big + "\"}");
      }
      List<SlowReader> slow = new ArrayList<>();
      try {
        for (int i = 0; i < SLOW_READERS; i++) {
          // a few requests each, pipelined: more than the kernel's buffers take, whatever they are
          slow.add(
              i % 4 == 0
                  ? new SlowReader(mock.port(), "/__mock/traffic.har", 2)
                  : new SlowReader(mock.port(), BUNDLE, 3));
        }
        meanwhile(mock, http, slow, "large answers");
      } finally {
        slow.forEach(SlowReader::close);
      }
      await(
          () -> mock.door().pendingWrites() == 0,
          () -> "answers still being written to closed sockets: " + mock.door().pendingWrites());
    }
  }

  @Test
  void clients_that_pipeline_small_requests_and_never_read_hold_no_thread() throws Exception {
    try (MockServer mock = holdingClientsThatNeverRead()) {
      MockHttp http = new MockHttp(mock.baseUrl());
      int small = http.get(SMALL).body().length;
      assertTrue(small < 4096, "a small answer: " + small);
      List<SlowReader> slow = new ArrayList<>();
      try {
        for (int i = 0; i < SLOW_READERS; i++) {
          // megabytes of small answers: the socket's buffers fill, then a write must wait
          slow.add(new SlowReader(mock.port(), SMALL, 3_000));
        }
        meanwhile(mock, http, slow, "small answers");
      } finally {
        slow.forEach(SlowReader::close);
      }
      await(
          () -> mock.door().pendingWrites() == 0,
          () -> "answers still being written to closed sockets: " + mock.door().pendingWrites());
    }
  }

  /**
   * The mock, with an idle timeout far past anything a loaded machine takes to answer the valid
   * requests: the door's default (30 s without progress) is the only thing meant to let a slow
   * reader go, and a machine busy enough could reach it before the test looks.
   */
  private static MockServer holdingClientsThatNeverRead() {
    return MockServer.start(
        MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)),
        Contract.load(),
        p -> p.withIdleTimeout(Duration.ofMinutes(10)));
  }

  /**
   * Once every slow reader holds an answer being written, the API, the health check, the state and
   * the admin API answer, and every slow reader is still held.
   */
  private static void meanwhile(MockServer mock, MockHttp http, List<SlowReader> slow, String what)
      throws Exception {
    await(
        () -> mock.door().pendingWrites() >= slow.size(),
        () -> "answers being written: " + mock.door().pendingWrites() + " of " + slow.size());
    long patch =
        guarded(
            () ->
                assertEquals(
                    200,
                    http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"meanwhile\"}")
                        .status()));
    long health = guarded(() -> assertEquals(200, http.get("/__admin/health").status()));
    long state = guarded(() -> assertEquals(200, http.get("/__mock/assistants").status()));
    long admin = guarded(() -> assertEquals(200, http.get("/__admin/mappings").status()));
    int held = mock.door().pendingWrites();
    System.out.printf(
        "SlowPeersTest: %d slow readers of %s held (%d answers being written); PATCH %d ms,"
            + " health %d ms, state %d ms, admin %d ms%n",
        slow.size(), what, held, patch, health, state, admin);
    // still held, every one: no thread was freed by cutting a slow reader (the door's idle
    // timeout, set far away here, is the only bound on how long one holds its connection)
    assertTrue(held >= slow.size(), "the slow readers were let go: " + held);
  }

  @Test
  void clients_in_front_of_a_hanging_upstream_hold_no_thread_the_mock_needs() throws Exception {
    try (HostileUpstream upstream = hangingUpstream()) {
      try (MockServer proxy = proxyTo(upstream, Duration.ofMillis(GUARD_MS))) {
        MockHttp http = new MockHttp(proxy.baseUrl());
        ExecutorService clients = Executors.newFixedThreadPool(HANGING);
        try {
          List<Future<RawHttp.Answer>> hanging = hang(clients, proxy);
          // every one of them reached the upstream at once: none waits for a thread or a slot
          await(
              () -> upstream.open.size() >= HANGING,
              () -> "requests held by the upstream: " + upstream.open.size());
          long patch =
              guarded(
                  () ->
                      assertEquals(
                          200,
                          http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"meanwhile\"}")
                              .status()));
          long health = guarded(() -> assertEquals(200, http.get("/__admin/health").status()));
          long traffic = guarded(() -> assertEquals(200, http.get("/__mock/traffic").status()));
          long docs = guarded(() -> assertEquals(200, http.get("/docs/").status()));
          int held = upstream.open.size();
          System.out.printf(
              "SlowPeersTest: %d requests held by a hanging upstream (%d still held after);"
                  + " proxied PATCH %d ms, health %d ms, traffic %d ms, docs %d ms%n",
              HANGING, held, patch, health, traffic, docs);
          // the PATCH's own connection to the upstream may be open still: at least the hanging
          assertTrue(held >= HANGING, "the hanging requests were let go: " + held);
          upstream.close(); // the upstream hangs up on every request it held
          for (Future<RawHttp.Answer> f : hanging) {
            RawHttp.Answer a = f.get(3 * GUARD_MS, TimeUnit.MILLISECONDS);
            assertEquals(502, a.status(), a::toString);
            assertEquals("proxy.upstream-unreachable", a.rule());
          }
        } finally {
          clients.shutdownNow();
        }
      }
    }
  }

  /**
   * The proxy's timeout ends each exchange with a hanging upstream, every one of many at once: each
   * client's 502 says no answer came within the timeout (not that the upstream hung up: it never
   * does here), and none waited for a slot first (all reached the upstream together, above).
   */
  @Test
  void the_proxy_timeout_ends_every_hanging_exchange_itself() throws Exception {
    try (HostileUpstream upstream = hangingUpstream();
        MockServer proxy = proxyTo(upstream, Duration.ofSeconds(2))) {
      ExecutorService clients = Executors.newFixedThreadPool(HANGING);
      try {
        long t0 = System.nanoTime();
        List<Future<RawHttp.Answer>> hanging = hang(clients, proxy);
        long slowest = 0;
        for (Future<RawHttp.Answer> f : hanging) {
          RawHttp.Answer a = f.get(3 * GUARD_MS, TimeUnit.MILLISECONDS);
          slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
          assertEquals(502, a.status(), a::toString);
          assertEquals("proxy.upstream-unreachable", a.rule());
          assertTrue(a.text().contains("no answer within 2 s"), a::toString);
        }
        System.out.printf(
            "SlowPeersTest: %d clients of a hanging upstream, --proxy-timeout 2 s: the last 502"
                + " after %d ms%n",
            HANGING, slowest);
        assertTrue(upstream.leftOpen.isEmpty(), "the proxy closed every exchange it ended");
      } finally {
        clients.shutdownNow();
      }
    }
  }

  /** An upstream that holds every /hang/ request open and answers any other at once. */
  private static HostileUpstream hangingUpstream() {
    String answer =
        "{\"success\":true,\"message\":\"Assistant updated successfully\",\"data\":{\"assistant_id\":\""
            + MockHttp.EXAMPLE
            + "\"}}";
    HostileUpstream upstream = new HostileUpstream();
    upstream.answer(
        "hang for /hang, else answer",
        (socket, request) -> {
          if (request.startsWith("GET /hang/")) {
            upstream.holdOpen(socket);
          } else {
            HostileUpstream.write(
                socket,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + answer.length()
                    + "\r\n\r\n"
                    + answer);
          }
        });
    return upstream;
  }

  private static MockServer proxyTo(HostileUpstream upstream, Duration timeout) {
    return MockServer.start(
        MockConfig.defaults()
            .withProxy(
                new MockConfig.Proxy(URI.create("http://127.0.0.1:" + upstream.port()), timeout)));
  }

  private static List<Future<RawHttp.Answer>> hang(ExecutorService clients, MockServer proxy) {
    List<Future<RawHttp.Answer>> hanging = new ArrayList<>();
    for (int i = 0; i < HANGING; i++) {
      int n = i;
      hanging.add(
          clients.submit(
              () -> {
                try (RawHttp c = new RawHttp(proxy.port()).timeout((int) (3 * GUARD_MS))) {
                  return c.send(RawHttp.head("GET", "/hang/" + n, "")).read();
                }
              }));
    }
    return hanging;
  }

  /**
   * A connection that asks for a path {@code times} times, pipelined, and never reads. The requests
   * are written by a thread of its own (a server that stops reading cannot block the test).
   */
  static final class SlowReader implements AutoCloseable {
    final Socket socket;
    private final Thread writer;

    SlowReader(int port, String path, int times) {
      try {
        socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting: the window it offers stays small
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] requests =
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .repeat(times)
              .getBytes(StandardCharsets.ISO_8859_1);
      writer =
          new Thread(
              () -> {
                try {
                  socket.getOutputStream().write(requests);
                  socket.getOutputStream().flush();
                } catch (IOException e) {
                  // closed by the test
                }
              },
              "slow-reader-writer");
      writer.setDaemon(true);
      writer.start();
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

  /** Waits until the condition holds; fails after the guard (a hang, never a slow machine). */
  static void await(BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GUARD_MS);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, () -> "not in " + GUARD_MS + " ms: " + state.get());
      ForkedMock.sleep(10);
    }
  }

  /** Runs a check on another thread, waiting at most the guard; how long it took, in ms. */
  static long guarded(Runnable check) throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      long t0 = System.nanoTime();
      Callable<Void> c =
          () -> {
            check.run();
            return null;
          };
      one.submit(c).get(GUARD_MS, TimeUnit.MILLISECONDS);
      return (System.nanoTime() - t0) / 1_000_000;
    } finally {
      one.shutdownNow();
    }
  }
}
