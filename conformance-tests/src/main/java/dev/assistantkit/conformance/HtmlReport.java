package dev.assistantkit.conformance;

import dev.assistantkit.contract.text.HtmlText;
import java.util.List;

/**
 * One self-contained HTML page (inline CSS, no scripts, no links out): the counts (passed, failed,
 * advice, skipped), the rule table, then every failure and piece of advice with its request,
 * response and a curl command reproducing it.
 */
final class HtmlReport {

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
      h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
      table{border-collapse:collapse;width:100%}
      th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f3f3f3}
      .fail{background:#fde2e2}.advice{background:#fff4d6}.pass{background:#e5f6e5}
      .skipped,.not{background:#eee}
      pre{background:#f7f7f7;border:1px solid #ddd;padding:8px;white-space:pre-wrap;
      word-break:break-all}
      .summary{font-size:1.1em;font-weight:bold}
      details{margin:0.8em 0}summary{cursor:pointer;font-weight:600}
      """;

  private HtmlReport() {}

  static String render(RunSummary r) {
    StringBuilder sb = new StringBuilder(16_384);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(esc(r.title()))
        .append("</title>")
        .append("<style>")
        .append(CSS)
        .append("</style></head><body>\n");
    sb.append("<h1>").append(esc(r.title())).append("</h1>\n");
    sb.append("<p>").append(esc(r.description())).append("</p>\n");
    sb.append("<p class=\"summary\">")
        .append(r.passed())
        .append(" passed (")
        .append(r.advice())
        .append(" advice) &middot; ")
        .append(r.failed())
        .append(" failed &middot; ")
        .append(r.skipped())
        .append(" skipped &middot; ")
        .append(r.requestsAnswered())
        .append(r.recorded() ? " exchanges judged" : " requests answered")
        .append(" in ")
        .append(r.duration().toMillis() / 1000.0)
        .append(" s &middot; exit status ")
        .append(r.exitStatus())
        .append("</p>\n");
    r.stopped()
        .ifPresent(
            why ->
                sb.append("<p class=\"fail\">Stopped before the checks: ")
                    .append(esc(why))
                    .append("</p>\n"));
    sb.append("<h2>Rules</h2>\n<table><tr><th>Rule</th><th>Origin</th><th>Verdict</th>")
        .append("<th>Checks</th><th>Got</th><th>Expected</th></tr>\n");
    for (RunSummary.RuleRow row : r.rules()) {
      sb.append("<tr class=\"")
          .append(row.verdict().wireName().split(" ")[0])
          .append("\"><td>")
          .append(esc(row.ruleId()))
          .append("</td><td>")
          .append(row.origin().wireName())
          .append("</td><td>")
          .append(row.verdict().wireName())
          .append("</td><td>")
          .append(row.checks())
          .append("</td><td>")
          .append(esc(row.got().isEmpty() ? row.note() : row.got()))
          .append("</td><td>")
          .append(esc(row.expected()))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n");
    section(sb, r, Outcome.FAIL, "Failures");
    section(sb, r, Outcome.ADVICE, "Advice (passed; rules the profile does not enforce)");
    section(sb, r, Outcome.SKIP, "Skipped");
    if (!r.undocumented().isEmpty()) {
      sb.append("<h2>Undocumented exchanges (not judged, ")
          .append(r.undocumented().size())
          .append(")</h2>\n<pre>")
          .append(esc(String.join("\n", r.undocumented())))
          .append("</pre>\n");
    }
    sb.append("<p>Run the curl commands with the key in <code>$")
        .append(Reproduction.KEY_VARIABLE)
        .append("</code>; secrets are masked as <code>***</code> throughout.</p>\n");
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static void section(StringBuilder sb, RunSummary r, Outcome outcome, String title) {
    List<CheckResult> list = r.results().stream().filter(c -> c.outcome() == outcome).toList();
    if (list.isEmpty()) {
      return;
    }
    sb.append("<h2>").append(esc(title)).append(" (").append(list.size()).append(")</h2>\n");
    for (CheckResult c : list) {
      sb.append("<details")
          .append(outcome == Outcome.FAIL ? " open" : "")
          .append("><summary>")
          .append(esc(c.id()))
          .append("</summary>\n");
      block(sb, "Verdict", c.summary().orElse(""));
      block(sb, "Expected", c.expected());
      block(sb, "Got", c.got());
      block(sb, "Note", outcome == Outcome.SKIP ? "" : c.reason());
      block(sb, "Request", c.request());
      block(sb, "Response", c.response());
      block(sb, "Reproduce", c.curl());
      sb.append("</details>\n");
    }
  }

  private static void block(StringBuilder sb, String label, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    sb.append("<div><strong>")
        .append(esc(label))
        .append("</strong><pre>")
        .append(esc(text))
        .append("</pre></div>\n");
  }

  static String esc(String s) {
    return HtmlText.escape(s);
  }
}
