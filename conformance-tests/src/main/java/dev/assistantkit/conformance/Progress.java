package dev.assistantkit.conformance;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A progress line on stderr at a fixed interval while a run goes, e.g. {@code [conformance] 60/210
 * checks, 58 requests answered}: a run against a slow server shows it is alive. When the run ends,
 * one more line with the final counts: every run with progress on ends with a progress line,
 * however short it was.
 */
final class Progress {

  /** What calls {@link #tick} every so often; the run's own is a daemon thread. */
  interface Timer {
    /**
     * Calls {@code tick} every {@code every} until the returned handle is run.
     *
     * @return stops the calls
     */
    Runnable every(Duration every, Runnable tick);
  }

  /** A daemon thread, the first line after one interval. */
  static final Timer THREAD =
      (every, tick) -> {
        ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "conformance-progress");
                  t.setDaemon(true);
                  return t;
                });
        long ms = every.toMillis();
        timer.scheduleAtFixedRate(tick, ms, ms, TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
      };

  private final PrintStream out;
  private final Supplier<String> line;
  private Runnable cancel;
  private boolean stopped;

  private Progress(PrintStream out, Supplier<String> line) {
    this.out = out;
    this.line = line;
  }

  /** Starts printing; an interval of zero prints nothing. */
  static Progress start(PrintStream out, Duration every, SuiteRun run) {
    return start(out, every, () -> line(run), THREAD);
  }

  /** Starts printing the lines {@code line} makes, at the times {@code timer} says. */
  static Progress start(PrintStream out, Duration every, Supplier<String> line, Timer timer) {
    if (every.isZero() || out == null) {
      return new Progress(null, line);
    }
    Progress p = new Progress(out, line);
    Runnable cancel = timer.every(every, p::tick);
    synchronized (p) {
      p.cancel = cancel;
    }
    return p;
  }

  static String line(SuiteRun run) {
    return "[conformance] "
        + run.log().size()
        + "/"
        + run.plan().checks().size()
        + " checks, "
        + run.answered()
        + (run.plan().checks().stream().anyMatch(c -> c.kind() == CheckKind.RECORDED)
            ? " exchanges judged"
            : " requests answered");
  }

  /** One line with the counts so far; none once stopped (the final line is the last). */
  synchronized void tick() {
    if (out != null && !stopped) {
      out.println(line.get());
    }
  }

  /** Stops the timer and prints the final line, once; nothing when progress is off. */
  synchronized void stop() {
    if (out == null || stopped) {
      return;
    }
    stopped = true;
    if (cancel != null) {
      cancel.run();
    }
    out.println(line.get());
  }
}
