package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Finding;
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
 * The console report and the JSON and HTML report files, all rendered from a {@link RunSummary},
 * whose texts are masked already.
 */
final class Reports {

  static final String JSON_FILE = "conformance-report.json";
  static final String HTML_FILE = "conformance-report.html";

  /** At most this many failures are spelled out on the console; the files hold them all. */
  private static final int CONSOLE_FAILURES = 20;

  /** At most this many undocumented exchanges are listed on the console. */
  private static final int CONSOLE_UNDOCUMENTED = 10;

  private Reports() {}

  /** Writes the JSON, HTML and JUnit XML reports; returns their paths. */
  static List<Path> write(RunSummary summary, Path dir) {
    try {
      Files.createDirectories(dir);
      Path json = dir.resolve(JSON_FILE);
      Files.writeString(json, json(summary), StandardCharsets.UTF_8);
      Path html = dir.resolve(HTML_FILE);
      Files.writeString(html, HtmlReport.render(summary), StandardCharsets.UTF_8);
      Path xml = dir.resolve(JUnitXml.FILE);
      Files.writeString(xml, JUnitXml.render(summary), StandardCharsets.UTF_8);
      return List.of(html, json, xml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports to " + dir, e);
    }
  }

  static void printConsole(RunSummary s, List<Path> written, PrintStream out) {
    out.println();
    out.println(s.title());
    out.println(s.description());
    if (!s.rules().isEmpty()) {
      out.println();
      out.printf(
          "%-36s %-10s %-11s %6s  %s%n", "RULE", "ORIGIN", "VERDICT", "CHECKS", "GOT / EXPECTED");
      for (RunSummary.RuleRow r : s.rules()) {
        out.printf(
            "%-36s %-10s %-11s %6d  %s%n",
            r.ruleId(),
            r.origin().wireName(),
            r.verdict().wireName(),
            r.checks(),
            r.got().isEmpty() ? r.note() : r.got() + " / " + r.expected());
      }
    }
    List<CheckResult> failures =
        s.results().stream().filter(c -> c.outcome() == Outcome.FAIL).toList();
    if (!failures.isEmpty()) {
      out.println();
      out.println("Failures (" + failures.size() + "):");
      for (CheckResult f : failures.subList(0, Math.min(CONSOLE_FAILURES, failures.size()))) {
        out.println("- " + failure(f));
      }
      if (failures.size() > CONSOLE_FAILURES) {
        out.println("  ... and " + (failures.size() - CONSOLE_FAILURES) + " more in the reports");
      }
    }
    grouped(out, s, Outcome.ADVICE, "Advice (passed; rules the profile does not enforce)");
    grouped(out, s, Outcome.SKIP, "Skipped");
    if (!s.undocumented().isEmpty()) {
      out.println();
      out.println(
          "Undocumented (outside the contract, not judged: " + s.undocumented().size() + "):");
      s.undocumented().stream().limit(CONSOLE_UNDOCUMENTED).forEach(u -> out.println("- " + u));
      if (s.undocumented().size() > CONSOLE_UNDOCUMENTED) {
        out.println("  ... and " + (s.undocumented().size() - CONSOLE_UNDOCUMENTED) + " more");
      }
    }
    out.println();
    out.println(
        (s.recorded()
                ? s.requestsAnswered() + " recorded exchanges of this API judged"
                : s.requestsAnswered() + " of " + s.requestsSent() + " requests answered")
            + " in "
            + s.duration().toMillis() / 1000.0
            + " s");
    s.stopped().ifPresent(why -> out.println("Stopped before the checks: " + why));
    if (s.stopped().isEmpty() && s.judged() == 0) {
      out.println("No check was judged: nothing was tested.");
    }
    for (Path p : written) {
      out.println("Report: " + p.toAbsolutePath());
    }
    for (String problem : s.reportProblems()) {
      out.println("Reports: " + problem);
    }
    s.adviceLine().ifPresent(out::println);
    out.println(s.summaryLine());
    out.flush();
  }

  /**
   * A failed check as the console spells it out: its id, what was expected and what came, each
   * finding (or the reason, when there is none), and the curl line that sends the request again.
   * Also the message of the check's failing JUnit test, so a test report says what the jar says.
   */
  static String failure(CheckResult f) {
    List<String> lines = new ArrayList<>();
    lines.add(f.id());
    if (!f.expected().isEmpty() || !f.got().isEmpty()) {
      lines.add("    expected " + f.expected() + ", got " + f.got());
    }
    for (Finding x : f.failures()) {
      lines.add("    " + x);
    }
    if (f.failures().isEmpty()) {
      lines.add("    " + f.reason());
    }
    if (!f.curl().isEmpty()) {
      lines.add(indent(f.curl(), "    "));
    }
    return String.join("\n", lines);
  }

  /** One line per reason, with how many checks it covers. */
  private static void grouped(PrintStream out, RunSummary s, Outcome outcome, String title) {
    Map<String, Integer> reasons = new LinkedHashMap<>();
    for (CheckResult c : s.results()) {
      if (c.outcome() == outcome) {
        String reason =
            outcome == Outcome.ADVICE ? String.join(", ", s.rowIds(c.advice())) : c.reason();
        reasons.merge(firstLine(reason), 1, Integer::sum);
      }
    }
    if (reasons.isEmpty()) {
      return;
    }
    out.println();
    out.println(title + " (" + reasons.values().stream().mapToInt(i -> i).sum() + "):");
    reasons.forEach((r, n) -> out.println("- " + (n > 1 ? n + " x " : "") + r));
  }

  static String json(RunSummary s) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("title", s.title());
    root.put("settings", s.description());
    ObjectNode summary = root.putObject("summary");
    summary.put("profile", s.profile().wireName());
    summary.put("passed", s.passed());
    summary.put("failed", s.failed());
    summary.put("advice", s.advice());
    summary.put("skipped", s.skipped());
    summary.put("checks", s.results().size());
    summary.put("judged", s.judged());
    summary.put("requestsSent", s.requestsSent());
    summary.put("requestsAnswered", s.requestsAnswered());
    summary.put("exitStatus", s.exitStatus());
    summary.put("durationMillis", s.duration().toMillis());
    s.stopped().ifPresent(w -> summary.put("stopped", w));
    summary.put("line", s.summaryLine());
    s.adviceLine().ifPresent(l -> summary.put("adviceLine", l));
    ArrayNode rules = root.putArray("rules");
    for (RunSummary.RuleRow r : s.rules()) {
      ObjectNode n = rules.addObject();
      n.put("id", r.ruleId());
      n.put("origin", r.origin().wireName());
      n.put("verdict", r.verdict().wireName());
      n.put("checks", r.checks());
      n.put("got", r.got());
      n.put("expected", r.expected());
      if (!r.note().isEmpty()) {
        n.put("note", r.note());
      }
    }
    ArrayNode checks = root.putArray("checks");
    for (CheckResult c : s.results()) {
      ObjectNode n = checks.addObject();
      n.put("id", c.id());
      n.put("kind", c.kind().wireName());
      n.put("operation", c.operation());
      n.put("outcome", c.outcome().wireName());
      n.put("expected", c.expected());
      n.put("got", c.got());
      findings(n.putArray("failures"), c.failures());
      findings(n.putArray("advice"), c.advice());
      if (!c.reason().isEmpty()) {
        n.put("reason", c.reason());
      }
      if (!c.request().isEmpty()) {
        n.put("request", c.request());
        n.put("response", c.response());
        n.put("curl", c.curl());
      }
      n.put("sent", c.sent());
      n.put("answered", c.answered());
    }
    ArrayNode undocumented = root.putArray("undocumented");
    s.undocumented().forEach(undocumented::add);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static void findings(ArrayNode into, List<Finding> findings) {
    for (Finding f : findings) {
      ObjectNode n = into.addObject();
      n.put("rule", f.ruleId());
      n.put("origin", f.origin().wireName());
      if (!f.group().isEmpty()) {
        n.put("group", f.group());
      }
      n.put("message", f.message());
    }
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
