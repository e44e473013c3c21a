package dev.assistantkit.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The typed results of one run, in the order the checks ran, and when the run started and its last
 * check ended: the run's own duration, whatever else runs in the same JVM.
 */
final class CheckLog {

  private final List<CheckResult> results = new ArrayList<>();
  private long startedNanos = System.nanoTime();
  private long lastNanos = startedNanos;

  /**
   * The run starts now (its first check class asked for it): under Surefire the test plan may have
   * begun long before, with other test classes.
   */
  synchronized void start() {
    startedNanos = System.nanoTime();
    lastNanos = startedNanos;
  }

  synchronized void add(CheckResult result) {
    results.add(result);
    lastNanos = System.nanoTime();
  }

  synchronized List<CheckResult> results() {
    return List.copyOf(results);
  }

  synchronized int size() {
    return results.size();
  }

  /** From the start of the run to its last check (or to now, while it runs). */
  synchronized java.time.Duration duration() {
    return java.time.Duration.ofNanos(lastNanos - startedNanos);
  }

  /** Marks the end of the run (reports written after the last check). */
  synchronized void finish() {
    lastNanos = System.nanoTime();
  }
}
