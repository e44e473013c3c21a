package dev.assistantkit.conformance;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.opentest4j.AssertionFailedError;

/**
 * Turns a run's planned checks into JUnit dynamic tests, and each check's typed result into its
 * JUnit outcome: a failure fails, a skip aborts with its reason, advice passes with the advice
 * published as a report entry. Report entries exist only for the JUnit XML.
 */
final class Checks {

  private Checks() {}

  /** The dynamic tests of one kind of check, nested by their containers, in plan order. */
  static Stream<DynamicNode> of(SuiteRun run, CheckKind kind) {
    run.start();
    if (run.stopped().isPresent()) {
      if (run.claimStopReport()) {
        throw new IllegalStateException(
            "the run stopped before its checks: " + run.stopped().get());
      }
      return Stream.empty();
    }
    return nest(run, run.plan().of(kind), 0).stream();
  }

  private static List<DynamicNode> nest(SuiteRun run, List<PlannedCheck> checks, int depth) {
    Map<String, List<PlannedCheck>> groups = new LinkedHashMap<>();
    List<DynamicNode> out = new ArrayList<>();
    for (PlannedCheck c : checks) {
      if (c.containers().size() > depth) {
        groups.computeIfAbsent(c.containers().get(depth), k -> new ArrayList<>()).add(c);
      } else {
        out.add(dynamicTest(c.name(), () -> raise(run.run(c))));
      }
    }
    groups.forEach(
        (name, members) -> out.add(dynamicContainer(name, nest(run, members, depth + 1).stream())));
    return out;
  }

  static void raise(CheckResult r) {
    ConformanceExtension.currentPublisher().accept(ReportEntries.of(r));
    switch (r.outcome()) {
      case FAIL -> throw new AssertionFailedError(r.id() + " " + r.summary().orElse("failed"));
      case SKIP -> Assumptions.abort(r.reason());
      case ADVICE, PASS -> {}
    }
  }
}
