package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What hostile input costs a mock started as {@code java -Xmx256m}: resident memory (from /proc) is
 * sampled while each input is sent, and valid PATCHes are sent all the while. A 1 MB gzip bomb of 1
 * GiB, 100 MiB bodies, a thousand stalled sockets, four bombs at once: each refused in the error
 * shape, with the growth of the resident set far below 300 MB. Each input goes on until at least
 * one valid PATCH was answered meanwhile, however fast or slow the machine. How long each took, and
 * the slowest valid answer, are printed figures.
 */
class HostileMemoryTest {

  static final long LIMIT = 100L * 1024 * 1024; // "far below 300 MB"
  static final String ID = MockHttp.EXAMPLE;
  static final byte[] BOMB = Bodies.gzipBomb(1024);

  /** Samples the process's resident set and keeps valid PATCHes going while it runs. */
  static final class Watch implements AutoCloseable {
    final ForkedMock mock;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong peak = new AtomicLong();
    final AtomicLong valid = new AtomicLong();
    final AtomicLong slowest = new AtomicLong();
    final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    Watch(ForkedMock mock, MockHttp http) {
      this.mock = mock;
      threads.submit(
          () -> {
            while (running.get()) {
              peak.accumulateAndGet(mock.rssBytes(), Math::max);
              ForkedMock.sleep(20);
            }
          });
      threads.submit(
          () -> {
            while (running.get()) {
              long t0 = System.nanoTime();
              try {
                var a = patch(http, "{\"assistant_name\":\"meanwhile\"}");
                if (a.status() != 200) {
                  failures.add(a.status() + " " + a.text());
                }
              } catch (RuntimeException e) {
                failures.add(e.toString());
              }
              slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
              valid.incrementAndGet();
              ForkedMock.sleep(25);
            }
          });
    }

    /** Whether no valid PATCH has been answered (or failed) yet: the hostile input goes on. */
    boolean none() {
      return valid.get() == 0;
    }

    /** Waits until a valid PATCH sent after this call has been answered (or failed). */
    void awaitNext() {
      long before = valid.get();
      // a PATCH ends within its client's 60 s either way, and two are waited for: the three
      // minutes guard against a hang only
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (valid.get() <= before + 1 && System.nanoTime() < deadline) {
        ForkedMock.sleep(10);
      }
      assertTrue(valid.get() > before + 1, "no valid PATCH ended in three minutes");
    }

    /** Stops the watchers and waits for them; the figures are final after it. */
    void stop() {
      running.set(false);
      threads.shutdown();
      try {
        // each ends after its current PATCH (within its client's 60 s): a guard against a hang
        assertTrue(threads.awaitTermination(2, TimeUnit.MINUTES), "the watchers did not stop");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while stopping the watchers", e);
      }
    }

    @Override
    public void close() {
      stop();
    }
  }

  static MockHttp.Answer patch(MockHttp http, String json) {
    return http.patch(
        ID,
        json.getBytes(StandardCharsets.UTF_8),
        Map.of(
            "Content-Type", "application/json", "Authorization", "Bearer " + MockConfig.DEV_KEY));
  }

  static String head(String extra) {
    return RawHttp.head(
        "PATCH",
        "/assistant/update/" + ID,
        "Content-Type: application/json\r\nAuthorization: Bearer "
            + MockConfig.DEV_KEY
            + "\r\n"
            + extra);
  }

  /** Sends a body chunked, as fast as the server takes it, until it answers; its answer. */
  static RawHttp.Answer streamChunked(int port, String extraHead, byte[] data, long total)
      throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send(head("Transfer-Encoding: chunked\r\n" + extraHead));
      Thread writer =
          new Thread(
              () -> {
                for (long sent = 0; sent < total; ) {
                  int off = (int) (sent % data.length);
                  int n = (int) Math.min(16 * 1024, Math.min(data.length - off, total - sent));
                  if (!raw.sendQuietly(Bodies.chunk(data, off, n))) {
                    return;
                  }
                  sent += n;
                }
                raw.sendQuietly(Bodies.LAST_CHUNK);
              });
      writer.setDaemon(true);
      writer.start();
      RawHttp.Answer a = raw.read();
      raw.hangUp();
      writer.join(15_000);
      return a;
    }
  }

  private static void assertLimits(RawHttp.Answer a) {
    assertEquals(400, a.status(), a::toString);
    assertEquals("body.limits", a.rule(), a::toString);
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  @Test
  void hostile_input_costs_a_256m_mock_little_memory_and_valid_requests_keep_their_answers()
      throws Exception {
    List<String> figures = new ArrayList<>();
    try (ForkedMock mock = ForkedMock.start(List.of("-Xms32m", "-Xmx256m"), null, "--port", "0")) {
      int port = mock.awaitPort();
      MockHttp http = new MockHttp("http://127.0.0.1:" + port);
      for (int i = 0; i < 1500; i++) {
        assertEquals(200, patch(http, "{\"assistant_name\":\"warm " + i + "\"}").status());
      }
      ForkedMock.sleep(500);
      long base = mock.rssBytes();
      figures.add("after warm-up: " + mib(base));

      byte[] spaces = new byte[64 * 1024];
      Arrays.fill(spaces, (byte) ' ');
      String[] names = {
        "1 MB gzip bomb (1 GiB inflated), chunked, x100",
        "1 MB gzip bomb with its Content-Length, x100",
        "100 MiB body, chunked, x30",
        "100 MiB Content-Length, x100",
        "four bombs at once, x25",
        "1,000 stalled sockets"
      };
      for (int step = 0; step < names.length; step++) {
        try (Watch watch = new Watch(mock, http)) {
          long t0 = System.nanoTime();
          switch (step) {
            case 0 -> {
              for (int i = 0; i < 100 || watch.none(); i++) {
                assertLimits(streamChunked(port, "Content-Encoding: gzip\r\n", BOMB, BOMB.length));
              }
            }
            case 1 -> {
              for (int i = 0; i < 10 || watch.none(); i++) {
                try (RawHttp raw = new RawHttp(port)) {
                  raw.send(
                      head("Content-Encoding: gzip\r\nContent-Length: " + BOMB.length + "\r\n"));
                  raw.sendQuietly(BOMB);
                  assertLimits(raw.read());
                }
              }
            }
            case 2 -> {
              for (int i = 0; i < 30 || watch.none(); i++) {
                assertLimits(streamChunked(port, "", spaces, 100L << 20));
              }
            }
            case 3 -> {
              for (int i = 0; i < 100 || watch.none(); i++) {
                try (RawHttp raw = new RawHttp(port)) {
                  raw.send(head("Content-Length: " + (100L << 20) + "\r\n"));
                  assertLimits(raw.read());
                }
              }
            }
            case 4 -> {
              ExecutorService four = Executors.newFixedThreadPool(4);
              try {
                for (int round = 0; round < 25 || watch.none(); round++) {
                  List<Future<RawHttp.Answer>> bombs = new ArrayList<>();
                  for (int b = 0; b < 4; b++) {
                    bombs.add(
                        four.submit(
                            () ->
                                streamChunked(
                                    port, "Content-Encoding: gzip\r\n", BOMB, BOMB.length)));
                  }
                  for (Future<RawHttp.Answer> f : bombs) {
                    assertLimits(f.get(60, TimeUnit.SECONDS)); // a guard against a hang only
                  }
                }
              } finally {
                four.shutdownNow();
              }
            }
            default -> stallThousand(port, watch);
          }
          long took = (System.nanoTime() - t0) / 1_000_000;
          watch.stop();
          long growth = watch.peak.get() - base;
          figures.add(
              String.format(
                  "%s: %d ms, peak RSS %s (growth %s), %d valid PATCHes meanwhile, slowest %d ms",
                  names[step],
                  took,
                  mib(watch.peak.get()),
                  mib(growth),
                  watch.valid.get(),
                  watch.slowest.get()));
          int s = step;
          assertTrue(watch.failures.isEmpty(), () -> names[s] + ": " + watch.failures);
          assertTrue(watch.valid.get() > 0, "no valid request was answered meanwhile");
          assertTrue(growth < LIMIT, () -> names[s] + " grew the resident set by " + mib(growth));
        }
      }
      assertEquals(200, patch(http, "{\"assistant_name\":\"still fine\"}").status());
      mock.stop(); // all it wrote, however late, read to the end
      assertEquals("", mock.stderr(), "the mock logged something");
    } finally {
      figures.forEach(System.out::println);
    }
  }

  /**
   * A thousand sockets with 21 of 1000 bytes of body, held until a valid PATCH sent after the last
   * of them was answered, and then until they are answered 408.
   */
  private static void stallThousand(int port, Watch watch) throws IOException {
    byte[] stall =
        (head("Content-Length: 1000\r\n") + "{\"assistant_name\":\"ab")
            .getBytes(StandardCharsets.UTF_8);
    List<Socket> sockets = new ArrayList<>(1000);
    try {
      for (int i = 0; i < 1000; i++) {
        Socket s = new Socket();
        // a minute: a mock busy accepting hundreds may leave a SYN unanswered for seconds
        s.connect(new InetSocketAddress("127.0.0.1", port), 60_000);
        OutputStream out = s.getOutputStream();
        out.write(stall);
        sockets.add(s);
      }
      watch.awaitNext();
      for (Socket s : List.of(sockets.get(0), sockets.get(999))) {
        s.setSoTimeout(60_000); // the 408 comes after 5 s; a minute guards against a hang only
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      }
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
