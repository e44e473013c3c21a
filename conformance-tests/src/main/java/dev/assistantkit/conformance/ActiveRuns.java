package dev.assistantkit.conformance;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The runs going on in this JVM, by id, so that the report listener (which starts a run and renders
 * it) and the check classes (which run its checks) share one {@link SuiteRun} and one parse of the
 * settings. The jar's runner passes its run's id as the configuration parameter {@value #RUN_ID}; a
 * run started by Surefire or an IDE has none and is the {@value #DEFAULT} run.
 */
final class ActiveRuns {

  static final String RUN_ID = "conformance.run-id";
  static final String DEFAULT = "default";

  private static final Map<String, SuiteRun> RUNS = new ConcurrentHashMap<>();

  private ActiveRuns() {}

  static void register(SuiteRun run) {
    RUNS.put(run.id(), run);
  }

  static Optional<SuiteRun> get(String id) {
    return Optional.ofNullable(RUNS.get(id));
  }

  /** The run with this id, made and registered if there is none yet. */
  static SuiteRun obtain(String id, Supplier<SuiteRun> make) {
    return RUNS.computeIfAbsent(id, k -> make.get());
  }

  static void remove(SuiteRun run) {
    RUNS.remove(run.id(), run);
  }
}
