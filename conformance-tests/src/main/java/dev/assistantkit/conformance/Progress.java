package dev.assistantkit.conformance;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr at a fixed interval while a run goes, e.g. {@code [conformance] 60/210
 * checks, 58 requests answered}: a run against a slow server shows it is alive.
 */
final class Progress {

  private final ScheduledExecutorService timer;

  private Progress(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts printing; an interval of zero prints nothing. */
  static Progress start(PrintStream out, Duration every, SuiteRun run) {
    if (every.isZero() || out == null) {
      return new Progress(null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "conformance-progress");
              t.setDaemon(true);
              return t;
            });
    long ms = every.toMillis();
    timer.scheduleAtFixedRate(() -> out.println(line(run)), ms, ms, TimeUnit.MILLISECONDS);
    return new Progress(timer);
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

  void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
