package dev.assistantkit.independent.beans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.conformance.ConformanceMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges the project's conformance suite, as a black box, against {@link BeanServer}: the suite
 * runs in this JVM through its command line ({@link ConformanceMain#run}) with the flags a user
 * would give it, profile documented, writes allowed. CONFORMANT and every page-following variant
 * must pass (a failure there is a false failure of the suite); every mutant must fail, naming one
 * of the rules of the sentence it breaks ({@link Variant#rules()}). The verdicts are printed and
 * written to target/beans-suite-verdicts.txt. The servers run two at a time.
 *
 * <p>{@code -Dbeans.fuzz=N} sets the suite's --fuzz (default 3 to keep the class short: the cases
 * and derived bodies kill every mutant, the fuzz only has to run; 10 and the suite's own default,
 * 50, gave the same verdicts). Most of a run's time is the suite's own work; the first runs, which
 * warm the suite up, take the longest.
 */
@Execution(ExecutionMode.CONCURRENT)
class BeanServerSuiteTest {
  static final String KEY = "sk-beans-Suite-7";
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One line per variant: verdict, failed rules, failing checks. */
  static final Map<Variant, String> VERDICTS = new ConcurrentSkipListMap<>();

  /** What one suite run said. */
  record Run(int exit, String lastLine, TreeSet<String> failedRules, List<String> failingChecks) {}

  static Run runSuite(BeanServer server, Path reportDir, String profile) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = {
      "--base-url",
      server.baseUri().toString(),
      "--api-key",
      KEY,
      "--assistant-id",
      BeanServer.EXAMPLE_ID,
      "--allow-writes",
      "--profile",
      profile,
      "--report-dir",
      reportDir.toString(),
      "--rate",
      "0",
      "--progress",
      "0",
      "--fuzz",
      System.getProperty("beans.fuzz", "3")
    };
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = ConformanceMain.run(args, o, e);
    }
    String text = out.toString(StandardCharsets.UTF_8).strip();
    String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
    TreeSet<String> rules = new TreeSet<>();
    List<String> checks = new ArrayList<>();
    Path report = reportDir.resolve("conformance-report.json");
    if (Files.exists(report)) {
      JsonNode r = JSON.readTree(report.toFile());
      for (JsonNode rule : r.get("rules")) {
        if ("fail".equals(rule.get("verdict").asString())) {
          rules.add(rule.get("id").asString());
        }
      }
      for (JsonNode check : r.get("checks")) {
        JsonNode failures = check.get("failures");
        if (failures != null) {
          for (JsonNode f : failures) {
            checks.add(
                check.get("id").asString()
                    + " ["
                    + f.get("rule").asString()
                    + "] "
                    + f.get("message").asString());
          }
        }
      }
    } else {
      checks.add("(no report) " + err.toString(StandardCharsets.UTF_8).strip());
    }
    return new Run(exit, last, rules, checks);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void theDocumentedProfileFailsExactlyTheMutants(Variant v, @TempDir Path dir) throws Exception {
    Run run;
    try (BeanServer server = new BeanServer(KEY, v)) {
      run = runSuite(server, dir, "documented");
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
