package dev.assistantkit.conformance;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * Turns a run's planned checks into JUnit dynamic tests, and each check's typed result into its
 * JUnit outcome: a failure fails, a skip aborts with its reason, advice passes with the advice
 * published as a report entry. Report entries exist only for the JUnit XML.
 */
final class Checks {

  private Checks() {}

  /** The name of the run's closing test ({@link #somethingJudged}). */
  static final String SOMETHING_JUDGED = "the run judged at least one check";

  /**
   * The run's closing test under JUnit (Surefire, an IDE), after every check class: a run that
   * judged no check tested nothing, and fails here as the jar exits 2 for it, instead of passing
   * with every test skipped. A run that stopped before its checks has already failed once (the
   * first check class reports the stop): this test then aborts.
   */
  static DynamicNode somethingJudged(SuiteRun run) {
    return dynamicTest(
        SOMETHING_JUDGED,
        () -> {
          Assumptions.assumeTrue(
              run.stopped().isEmpty(), "the run stopped before its checks: reported above");
          List<CheckResult> results = run.log().results();
          long judged =
              results.stream().filter(r -> r.answered() > 0 && r.outcome() != Outcome.SKIP).count();
          if (judged == 0) {
            throw new AssertionFailedError(
                "no check was judged: nothing was tested ("
                    + results.size()
                    + " checks planned, none answered and judged)");
          }
        });
  }

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
        // named by the check's id, the name every report uses (JUnit's own XML numbers them)
        out.add(dynamicTest(c.id(), new CheckExecutable(run, c)));
      }
    }
    groups.forEach(
        (name, members) -> out.add(dynamicContainer(name, nest(run, members, depth + 1).stream())));
    return out;
  }

  /** A check as a dynamic test's executable: it runs the check and holds its result. */
  static final class CheckExecutable implements Executable {
    private final SuiteRun run;
    private final PlannedCheck planned;
    private volatile CheckResult result;

    CheckExecutable(SuiteRun run, PlannedCheck planned) {
      this.run = run;
      this.planned = planned;
    }

    @Override
    public void execute() {
      CheckResult r = run.run(planned);
      result = r;
      raise(r);
    }

    /** The result, once the check ran. */
    Optional<CheckResult> result() {
      return Optional.ofNullable(result);
    }
  }

  static void raise(CheckResult r) {
    switch (r.outcome()) {
      // the failure as the jar's console report spells it: findings with rule ids, curl line
      case FAIL -> throw new AssertionFailedError(Reports.failure(r));
      case SKIP -> Assumptions.abort(r.reason());
      case ADVICE, PASS -> {}
    }
  }
}
