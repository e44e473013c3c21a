package dev.assistantkit.independent.beans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.independent.JarRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Judges the project's conformance suite, as a black box, against {@link BeanServer}: the suite
 * runs in this JVM through its command line ({@link JarRun}) with the flags a user would give it,
 * profile documented, writes allowed. CONFORMANT and every page-following variant must pass (a
 * failure there is a false failure of the suite); every mutant must fail, naming one of the rules
 * of the sentence it breaks ({@link Variant#rules()}). The verdicts are printed and written to
 * target/beans-suite-verdicts.txt. The servers run two at a time.
 *
 * <p>{@code -Dbeans.fuzz=N} sets the suite's --fuzz (default 3 to keep the class short: the cases
 * and derived bodies kill every mutant, the fuzz only has to run; 10 and the suite's own default,
 * 50, gave the same verdicts). Most of a run's time is the suite's own work; the first runs, which
 * warm the suite up, take the longest.
 */
@Execution(ExecutionMode.CONCURRENT)
class BeanServerSuiteTest {
  static final String KEY = "sk-beans-Suite-7";

  /** One line per variant: verdict, failed rules, failing checks. */
  static final Map<Variant, String> VERDICTS = new ConcurrentSkipListMap<>();

  @ParameterizedTest
  @EnumSource(Variant.class)
  void theDocumentedProfileFailsExactlyTheMutants(Variant v, @TempDir Path dir) throws Exception {
    JarRun run;
    try (BeanServer server = new BeanServer(KEY, v)) {
      run =
          JarRun.against(
              server.baseUri(),
              KEY,
              BeanServer.EXAMPLE_ID,
              "documented",
              Integer.getInteger("beans.fuzz", 3),
              dir);
    }
    String checks = String.join("\n    ", run.failingChecks());
    if (v.followsPage()) {
      VERDICTS.put(
          v,
          (run.exit() == 0 ? "PASS" : "FALSE FAILURE (exit " + run.exit() + ")")
              + " | "
              + run.lastLine()
              + (run.exit() == 0 ? "" : " | rules " + run.failedRules() + "\n    " + checks));
      assertEquals(0, run.exit(), v + " follows the page, yet the suite failed it:\n    " + checks);
    } else {
      assertTrue(run.exit() == 0 || run.exit() == 1, v + ": the suite could not run: " + checks);
      List<String> some = run.failingChecks().subList(0, Math.min(4, run.failingChecks().size()));
      TreeSet<String> named = new TreeSet<>(run.failedRules());
      named.retainAll(v.rules());
      VERDICTS.put(
          v,
          (run.exit() != 1
                  ? "MISSED (breaks: " + v.sentence() + ")"
                  : named.isEmpty()
                      ? "KILLED UNDER OTHER RULES " + run.failedRules() + ", none of " + v.rules()
                      : "KILLED " + run.failedRules())
              + " | "
              + run.lastLine()
              + (some.isEmpty() ? "" : "\n    " + String.join("\n    ", some)));
      assertEquals(1, run.exit(), v + " breaks '" + v.sentence() + "', yet the suite passed it");
      assertTrue(
          !named.isEmpty(),
          v + " was failed for " + run.failedRules() + ", none of its rules " + v.rules());
    }
  }

  @AfterAll
  static void printVerdicts() throws Exception {
    Map<String, List<String>> byKind = new TreeMap<>();
    StringBuilder s = new StringBuilder("Suite (documented) against independent.beans:\n");
    VERDICTS.forEach(
        (v, line) -> {
          s.append(String.format("  %-44s %s%n", v, line));
          String kind =
              v.followsPage()
                  ? (line.startsWith("PASS") ? "page-following passed" : "FALSE FAILURES")
                  : line.startsWith("KILLED UNDER OTHER RULES")
                      ? "MUTANTS KILLED UNDER OTHER RULES"
                      : line.startsWith("KILLED") ? "mutants killed" : "MUTANTS MISSED";
          byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(v.name());
        });
    byKind.forEach((k, vs) -> s.append(String.format("%s (%d): %s%n", k, vs.size(), vs)));
    System.out.print(s);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("beans-suite-verdicts.txt"), s.toString());
    }
  }
}
