package dev.assistantkit.independent;

import dev.assistantkit.conformance.ConformanceMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite run as QA runs the jar ({@link ConformanceMain} with its flags, writes allowed, no rate
 * limit, no progress) against an implementation of the page written outside the kit, and what it
 * said: its exit status, its last line, and the failed rules and checks of its JSON report.
 *
 * @param exit the exit status
 * @param lastLine the last line it printed
 * @param failedRules the rules the report's table says failed
 * @param failingChecks each failure as {@code check-id [rule] message}
 */
public record JarRun(
    int exit, String lastLine, TreeSet<String> failedRules, List<String> failingChecks) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Runs the suite against {@code baseUri} in {@code profile}, with {@code fuzz} fuzzed bodies. */
  public static JarRun against(
      URI baseUri, String key, String assistantId, String profile, int fuzz, Path reportDir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = {
      "--base-url",
      baseUri.toString(),
      "--api-key",
      key,
      "--assistant-id",
      assistantId,
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
      Integer.toString(fuzz)
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
        for (JsonNode f : check.path("failures")) {
          checks.add(
              check.get("id").asString()
                  + " ["
                  + f.get("rule").asString()
                  + "] "
                  + f.get("message").asString());
        }
      }
    } else {
      checks.add("(no report) " + err.toString(StandardCharsets.UTF_8).strip());
    }
    return new JarRun(exit, last, rules, checks);
  }
}
