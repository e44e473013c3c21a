package dev.assistantkit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console report and the JSON and HTML report files. Everything written here comes from {@link
 * RunResults}, whose texts are masked already.
 */
final class Reports {

  static final String JSON_FILE = "conformance-report.json";
  static final String HTML_FILE = "conformance-report.html";

  /** At most this many failures are spelled out on the console; the files hold them all. */
  private static final int CONSOLE_FAILURES = 20;

  private Reports() {}

  /** Writes the JSON and HTML reports; returns their paths. */
  static List<Path> write(RunResults results, Path dir) {
    try {
      Files.createDirectories(dir);
      Path json = dir.resolve(JSON_FILE);
      Files.writeString(json, json(results), StandardCharsets.UTF_8);
      Path html = dir.resolve(HTML_FILE);
      Files.writeString(html, HtmlReport.render(results), StandardCharsets.UTF_8);
      return List.of(html, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports to " + dir, e);
    }
  }

  /** Masks secrets in the JUnit XML files of a directory, in place. */
  static void maskXml(Path dir, java.util.function.UnaryOperator<String> mask) {
    try (var files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String masked = mask.apply(text);
        if (!masked.equals(text)) {
          Files.writeString(f, masked, StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mask the JUnit XML in " + dir, e);
    }
  }

  /** Removes the JUnit XML files of a directory, as far as it can (they may hold the key). */
  static void deleteXml(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException | UncheckedIOException e) {
      // nothing more to do: the run's exit status is 2 and the console says why
    }
  }

  static void printConsole(RunResults results, List<Path> written, PrintStream out) {
    out.println();
    out.println("Conformance of PATCH /assistant/update/{assistant_id}");
    out.println(results.description());
    out.println();
    out.printf("%-36s %-10s %-11s %s%n", "RULE", "ORIGIN", "VERDICT", "GOT / EXPECTED");
    for (RunResults.RuleRow r : results.rules()) {
      out.printf(
          "%-36s %-10s %-11s %s%n",
          r.ruleId(),
          r.origin().wireName(),
          r.verdict().wireName(),
          r.got().isEmpty() ? "" : r.got() + " / " + r.expected());
    }
    List<RunResults.CheckResult> failures =
        results.checks().stream().filter(c -> c.outcome() == RunResults.Outcome.FAILED).toList();
    if (!failures.isEmpty()) {
      out.println();
      out.println("Failures (" + failures.size() + "):");
      for (RunResults.CheckResult f :
          failures.subList(0, Math.min(CONSOLE_FAILURES, failures.size()))) {
        out.println("- " + f.name());
        out.println(indent(f.message(), "    "));
        f.entry(CheckRun.CURL).ifPresent(curl -> out.println(indent(curl, "    ")));
      }
      if (failures.size() > CONSOLE_FAILURES) {
        out.println("  ... and " + (failures.size() - CONSOLE_FAILURES) + " more in the reports");
      }
    }
    printGrouped(out, results, RunResults.Outcome.ADVICE, "Advice");
    printGrouped(out, results, RunResults.Outcome.SKIPPED, "Skipped");
    out.println();
    out.println(
        results.answered()
            + " requests answered in "
            + results.duration().toMillis() / 1000.0
            + " s");
    if (results.answered() == 0) {
      out.println("The server answered no request: nothing was checked.");
    }
    for (Path p : written) {
      out.println("Report: " + p.toAbsolutePath());
    }
    for (String problem : results.reportProblems()) {
      out.println("Reports: " + problem);
    }
    out.println(results.summaryLine());
    out.flush();
  }

  /** One line per reason, with how many checks it covers. */
  private static void printGrouped(
      PrintStream out, RunResults results, RunResults.Outcome outcome, String title) {
    Map<String, Integer> reasons = new LinkedHashMap<>();
    for (RunResults.CheckResult c : results.checks()) {
      if (c.outcome() == outcome) {
        String reason =
            outcome == RunResults.Outcome.ADVICE
                ? c.name() + ": " + c.entry(CheckRun.ADVICE).orElse("")
                : c.message();
        reasons.merge(reason, 1, Integer::sum);
      }
    }
    if (reasons.isEmpty()) {
      return;
    }
    out.println();
    out.println(title + " (" + reasons.values().stream().mapToInt(i -> i).sum() + "):");
    reasons.forEach((r, n) -> out.println("- " + (n > 1 ? n + " x " : "") + firstLine(r)));
  }

  static String json(RunResults results) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("operation", "PATCH /assistant/update/{assistant_id}");
    root.put("settings", results.description());
    ObjectNode summary = root.putObject("summary");
    summary.put("passed", results.passed());
    summary.put("failed", results.failed());
    summary.put("skipped", results.skipped());
    summary.put("advice", results.count(RunResults.Outcome.ADVICE));
    summary.put("answered", results.answered());
    summary.put("exitStatus", results.exitStatus());
    summary.put("durationMillis", results.duration().toMillis());
    summary.put("line", results.summaryLine());
    ArrayNode rules = root.putArray("rules");
    for (RunResults.RuleRow r : results.rules()) {
      ObjectNode n = rules.addObject();
      n.put("id", r.ruleId());
      n.put("origin", r.origin().wireName());
      n.put("verdict", r.verdict().wireName());
      n.put("got", r.got());
      n.put("expected", r.expected());
      n.put("checks", r.checks());
    }
    ArrayNode checks = root.putArray("checks");
    for (RunResults.CheckResult c : results.checks()) {
      ObjectNode n = checks.addObject();
      n.put("name", c.name());
      n.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
      if (!c.message().isEmpty()) {
        n.put("message", c.message());
      }
      ObjectNode e = n.putObject("entries");
      c.entries().forEach(e::put);
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  static String indent(String text, String prefix) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(prefix + line);
    }
    return String.join("\n", lines);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
