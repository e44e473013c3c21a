package dev.assistantkit.spectools;

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
 * Spectral ({@code spectral:oas}, recommended) lints the spec with this module's .spectral.yaml: no
 * error, and no warning unless that file turns it off at a named place, with the reason.
 */
class SpectralLintTest {

  private static final String PKG = "@stoplight/spectral-cli";

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void spectral_reports_no_error_and_no_unexplained_warning() throws Exception {
    NodeTools tools = NodeTools.get();
    Command.Result r =
        tools.run(
            "spectral",
            Duration.ofMinutes(2),
            tools.command(
                PKG,
                "spectral",
                List.of(),
                List.of(
                    "lint",
                    tools.spec().toString(),
                    "--ruleset",
                    tools.config(".spectral.yaml").toString(),
                    "--format",
                    "json",
                    "--quiet")));
    // 0: nothing at error level, 1: something is; anything else is Spectral failing to run
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r::describe);
    List<LintFinding> findings = parse(r);
    List<LintFinding> failing = findings.stream().filter(f -> f.level().failsTheBuild()).toList();
    System.out.printf(
        "Spectral %s on %s: %d finding(s), %d failing the build (exceptions, each with its reason,"
            + " in spec-tools/.spectral.yaml)%n%s%n",
        tools.version(PKG),
        tools.spec(),
        findings.size(),
        failing.size(),
        LintFinding.format(findings));
    assertTrue(
        failing.isEmpty(),
        () ->
            "Spectral found errors or warnings in "
                + tools.spec()
                + ". Fix the spec, or, if a finding is wrong for this contract, turn it off at"
                + " that place in spec-tools/.spectral.yaml with the reason:\n"
                + LintFinding.format(failing));
  }

  private static List<LintFinding> parse(Command.Result r) {
    JsonNode results;
    try {
      results = JsonMapper.builder().build().readTree(r.stdout().isBlank() ? "[]" : r.stdout());
    } catch (RuntimeException e) {
      throw new AssertionError("Spectral's output is not JSON\n" + r.describe(), e);
    }
    assertTrue(results.isArray(), r::describe);
    List<LintFinding> out = new ArrayList<>();
    for (JsonNode n : results) {
      List<String> path = new ArrayList<>();
      n.path("path").forEach(s -> path.add(s.asString()));
      out.add(
          new LintFinding(
              "spectral",
              LintFinding.Level.values()[n.get("severity").asInt()],
              n.get("code").asString(),
              LintFinding.pointer(path),
              n.path("range").path("start").path("line").asInt() + 1,
              n.get("message").asString()));
    }
    return out;
  }
}
