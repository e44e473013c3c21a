package dev.assistantkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.testsupport.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redocly CLI ({@code recommended}) lints the spec with this module's redocly.yaml: no error, and
 * no warning unless redocly.yaml or .redocly.lint-ignore.yaml accepts it, with the reason.
 */
class RedoclyLintTest {

  private static final String PKG = "@redocly/cli";

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void redocly_reports_no_error_and_no_unexplained_warning() throws Exception {
    NodeTools tools = NodeTools.get();
    Command.Result r =
        tools.run(
            "redocly",
            Duration.ofMinutes(2),
            tools.command(
                PKG,
                "redocly",
                List.of(),
                List.of(
                    "lint",
                    tools.spec().toString(),
                    "--config",
                    tools.config("redocly.yaml").toString(),
                    // a mistake in redocly.yaml itself is an error, not a warning
                    "--lint-config",
                    "error",
                    "--format",
                    "json",
                    "--max-problems",
                    "1000")));
    // 0: no error, 1: errors; anything else is Redocly failing to run
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r::describe);
    JsonNode report;
    try {
      report = JsonMapper.builder().build().readTree(r.stdout());
    } catch (RuntimeException e) {
      throw new AssertionError("Redocly's output is not JSON\n" + r.describe(), e);
    }
    assertTrue(report.has("totals"), r::describe);
    List<LintFinding> findings = new ArrayList<>();
    for (JsonNode p : report.path("problems")) {
      JsonNode at = p.path("location").path(0);
      findings.add(
          new LintFinding(
              "redocly",
              level(p.get("severity").asString()),
              p.get("ruleId").asString(),
              at.path("pointer").asString(""),
              at.path("start").path("line").asInt(),
              p.get("message").asString()));
    }
    List<LintFinding> failing = findings.stream().filter(f -> f.level().failsTheBuild()).toList();
    JsonNode totals = report.get("totals");
    System.out.printf(
        "Redocly CLI %s on %s: %d error(s), %d warning(s), %d accepted in"
            + " spec-tools/.redocly.lint-ignore.yaml (each with its reason there)%n%s%n",
        tools.version(PKG),
        tools.spec(),
        totals.path("errors").asInt(),
        totals.path("warnings").asInt(),
        totals.path("ignored").asInt(),
        LintFinding.format(findings));
    assertTrue(
        failing.isEmpty(),
        () ->
            "Redocly found errors or warnings in "
                + tools.spec()
                + ". Fix the spec, or, if a finding is wrong for this contract, accept it at that"
                + " place in spec-tools/.redocly.lint-ignore.yaml with the reason:\n"
                + LintFinding.format(failing));
    assertEquals(0, totals.path("errors").asInt() + totals.path("warnings").asInt(), r::describe);
  }

  private static LintFinding.Level level(String severity) {
    return switch (severity) {
      case "error" -> LintFinding.Level.ERROR;
      case "warn" -> LintFinding.Level.WARNING;
      default -> LintFinding.Level.INFO;
    };
  }
}
