package dev.assistantkit.mock.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's timeout is the most a client waits, queueing included: every exchange's deadline is
 * fixed when its request arrived, and the one deadline mechanism ends it wherever it is then, the
 * exchanges the upstream holds and those still waiting for one of the proxy's {@link
 * Upstream#MAX_CONNECTIONS} connections alike. Proved on a clock the test moves, against an
 * upstream that accepts every connection and never answers: nothing ends before the deadline,
 * everything ends at it. No duration is measured.
 */
class UpstreamDeadlineTest {

  /** The proxy's timeout here: only the test's clock reaches it (its idle timeout is as long). */
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** A guard against a hang, never a measure: what should happen at once may take this long. */
  private static final long GUARD_MS = 120_000;

  private SilentUpstream silent;
  private QueuedThreadPool threads;
  private ManualDeadlines clock;
  private Upstream upstream;

  @BeforeEach
  void start() throws Exception {
    silent = new SilentUpstream();
    threads = new QueuedThreadPool(25, 8);
    threads.start();
    clock = new ManualDeadlines();
    upstream =
        new Upstream(URI.create("http://127.0.0.1:" + silent.port()), TIMEOUT, threads, clock);
  }

  @AfterEach
  void stop() throws Exception {
    upstream.close();
    threads.stop();
    silent.close();
  }

  @Test
  void exchanges_queued_past_the_connection_limit_end_at_the_same_deadline_as_the_held_ones() {
    int queued = 44;
    int n = Upstream.MAX_CONNECTIONS + queued;
    long arrived = clock.now();
    long deadline = arrived + TIMEOUT.toMillis();
    List<Ending> endings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Ending e = new Ending();
      endings.add(e);
      upstream.forward("GET", at("/hang/" + i), List.of(), new byte[0], deadline, e);
    }
    // the upstream holds as many as the proxy connects at once; the rest wait for a connection
    await(
        () -> silent.accepted.size() >= Upstream.MAX_CONNECTIONS,
        () -> "connections the upstream holds: " + silent.accepted.size());
    assertEquals(
        Upstream.MAX_CONNECTIONS,
        silent.accepted.size(),
        "the proxy connects at most MAX_CONNECTIONS times at once: the others are queued");
    assertEquals(0, ended(endings), "nothing ends before its deadline");

    clock.advanceTo(deadline - 1);
    assertEquals(0, ended(endings), "nothing ends a millisecond before its deadline");

    clock.advanceTo(deadline);
    await(() -> ended(endings) == n, () -> ended(endings) + " of " + n + " ended");
    for (Ending e : endings) {
      assertFalse(e.headArrived, "the silent upstream sent no head");
      assertTrue(
          e.failure.orElse("").startsWith("no answer within"),
          () -> "each ends with the timeout, queued or held: " + e.failure);
    }
  }

  @Test
  void the_deadline_counts_from_arrival_not_from_sending() {
    long timeout = TIMEOUT.toMillis();
    // arrived long ago (it waited for a thread, or its body came slowly): sent now, it still has
    // only what is left of its timeout
    long arrived = clock.now() - (timeout - 1000);
    Ending late = new Ending();
    upstream.forward("GET", at("/hang/late"), List.of(), new byte[0], arrived + timeout, late);
    Ending fresh = new Ending();
    upstream.forward(
        "GET", at("/hang/fresh"), List.of(), new byte[0], clock.now() + timeout, fresh);
    await(() -> silent.accepted.size() >= 2, () -> "held: " + silent.accepted.size());

    clock.advanceTo(clock.now() + 1000);
    await(() -> late.ended, () -> "the late exchange did not end at its deadline");
    assertTrue(late.failure.orElse("").startsWith("no answer within"), late.failure::toString);
    assertFalse(fresh.ended, "an exchange that arrived now has its whole timeout");
  }

  @Test
  void an_exchange_whose_deadline_passed_before_it_could_be_sent_is_not_sent() {
    Ending e = new Ending();
    upstream.forward("GET", at("/hang/never"), List.of(), new byte[0], clock.now(), e);
    assertTrue(e.ended, "ended at once");
    assertTrue(e.failure.orElse("").startsWith("no answer within"), e.failure::toString);
    assertEquals(0, silent.accepted.size(), "nothing was sent upstream");
  }

  private URI at(String target) {
    return upstream.target(target).orElseThrow();
  }

  private static int ended(List<Ending> endings) {
    return (int) endings.stream().filter(e -> e.ended).count();
  }

  private static void await(BooleanSupplier condition, Supplier<String> state) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GUARD_MS);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < until, () -> "not in " + GUARD_MS + " ms: " + state.get());
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** How one exchange ended, if it did. */
  private static final class Ending implements Upstream.Listener {
    volatile boolean ended;
    volatile boolean headArrived;
    volatile Optional<String> failure = Optional.empty();

    @Override
    public void head(int status, List<Map.Entry<String, String>> headers, long contentLength) {
      headArrived = true;
    }

    @Override
    public void part(byte[] bytes, Runnable next) {
      next.run();
    }

    @Override
    public void ended(Optional<String> failure, boolean headArrived) {
      this.failure = failure;
      this.ended = true;
    }
  }

  /** A clock the test moves; the timers due by it run on the thread that moves it. */
  private static final class ManualDeadlines implements Deadlines {
    private record Timer(long at, Runnable action, AtomicBoolean cancelled) {}

    private final List<Timer> timers = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Override
    public synchronized long now() {
      return now;
    }

    @Override
    public synchronized Runnable at(long atMillis, Runnable action) {
      Timer t = new Timer(atMillis, action, new AtomicBoolean());
      timers.add(t);
      return () -> t.cancelled().set(true);
    }

    void advanceTo(long millis) {
      List<Timer> due = new ArrayList<>();
      synchronized (this) {
        now = millis;
        timers.removeIf(
            t -> {
              if (t.at() <= millis) {
                due.add(t);
                return true;
              }
              return false;
            });
      }
      for (Timer t : due) {
        if (!t.cancelled().get()) {
          t.action().run();
        }
      }
    }
  }

  /** Accepts every connection and holds it: reads nothing, answers nothing. */
  private static final class SilentUpstream implements AutoCloseable {
    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Map<Socket, Boolean> open = new ConcurrentHashMap<>();

    SilentUpstream() {
      try {
        server = new ServerSocket(0, 2048, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    open.put(s, true);
                    accepted.add(s);
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              },
              "silent-upstream");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        // closing
      }
      for (Socket s : open.keySet()) {
        try {
          s.close();
        } catch (IOException e) {
          // closing
        }
      }
    }
  }
}
