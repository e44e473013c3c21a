package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The progress lines, on a timer the test turns by hand: a line per interval while the run goes,
 * and one final line when it ends, however short the run was.
 */
class ProgressTest {

  /** A timer that ticks only when the test says so. */
  static final class HandTimer implements Progress.Timer {
    Duration every;
    Runnable tick;
    boolean cancelled;

    @Override
    public Runnable every(Duration interval, Runnable onTick) {
      this.every = interval;
      this.tick = onTick;
      return () -> cancelled = true;
    }
  }

  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  final AtomicInteger done = new AtomicInteger();
  final HandTimer timer = new HandTimer();

  List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  Progress start(Duration every) {
    return Progress.start(
        err, every, () -> "[conformance] " + done.get() + "/3 checks, 0 requests answered", timer);
  }

  @Test
  void a_run_that_ends_before_the_first_interval_still_ends_with_one_line_of_final_counts() {
    Progress p = start(Duration.ofSeconds(1));
    done.set(3);
    p.stop();
    assertEquals(List.of("[conformance] 3/3 checks, 0 requests answered"), lines());
    assertTrue(timer.cancelled, "the timer runs on after the run");
  }

  @Test
  void each_interval_prints_the_counts_so_far_and_the_end_the_final_ones() {
    Progress p = start(Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(10), timer.every);
    assertEquals(List.of(), lines(), "a line before the first interval");
    done.set(1);
    timer.tick.run();
    done.set(2);
    timer.tick.run();
    done.set(3);
    p.stop();
    assertEquals(
        List.of(
            "[conformance] 1/3 checks, 0 requests answered",
            "[conformance] 2/3 checks, 0 requests answered",
            "[conformance] 3/3 checks, 0 requests answered"),
        lines());
  }

  @Test
  void the_final_line_is_printed_once_and_is_the_last() {
    Progress p = start(Duration.ofSeconds(1));
    done.set(3);
    p.stop();
    p.stop(); // the run is finished, then closed
    timer.tick.run(); // a tick already under way when the timer was cancelled
    assertEquals(List.of("[conformance] 3/3 checks, 0 requests answered"), lines());
  }

  @Test
  void progress_off_prints_nothing_not_even_at_the_end() {
    Progress zero = start(Duration.ZERO);
    zero.stop();
    Progress.start(null, Duration.ofSeconds(1), () -> "never", timer).stop();
    assertEquals(List.of(), lines());
    assertEquals(null, timer.tick, "a timer was started with progress off");
  }
}
