package dev.assistantkit.mock.tools;

import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.text.HtmlText;
import dev.assistantkit.mock.recorder.ExchangeRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * The traffic page ({@code /__mock/traffic.html}) as a person reads it: the exchanges newest first,
 * each with its time, and a script of its own ({@code /__mock/traffic.js}) that filters by rule and
 * adds the exchanges that come while the page is open.
 *
 * <p>Everything a request sent is text: escaped here, and the page's Content-Security-Policy
 * ({@link #POLICY}) runs no script but that same-origin file and no style but the page's own, so a
 * request that slipped markup past the escaping still could not run script.
 */
final class TrafficHtml {

  /** Where the page's script is served. */
  static final String SCRIPT_PATH = "/__mock/traffic.js";

  /** How often the page's script asks for new exchanges, in milliseconds. */
  static final int REFRESH_MILLIS = 2000;

  private static final String CSS =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;width:100%}"
          + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f3f3f3}.answer-broke-rules{background:#fde2e2}"
          + ".request-broke-rules{background:#e7eefc}.advice{background:#fff4d6}"
          + ".answer-incomplete,.no-answer{background:#fde2e2}"
          + ".ok{background:#e5f6e5}.undocumented,.not-shown{background:#eee;color:#555}"
          + "code{white-space:pre-wrap;word-break:break-all}time{white-space:nowrap}"
          + "#refresh{color:#555}";

  /**
   * The page's policy: its own script file and its own style only, requests only to this mock, no
   * plugin, frame, form target or base URL.
   */
  static final String POLICY =
      "default-src 'none'; script-src 'self'; connect-src 'self'; style-src '"
          + sha256(CSS)
          + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private TrafficHtml() {}

  /** One exchange's row, and the rule ids it counts for in the rule selector. */
  record Row(long seq, String html, List<String> rules) {}

  /**
   * The rows of one page, in the order the walk gave them. Bounded when it shows the newest: past
   * {@code limit} rows or {@code maxBytes}, the oldest go.
   */
  static final class Rows {
    private final Deque<Row> rows = new ArrayDeque<>();
    private final int limit;
    private final long maxBytes;
    private long bytes;
    private int dropped;

    Rows(int limit, long maxBytes) {
      this.limit = limit;
      this.maxBytes = maxBytes;
    }

    /** Adds a row; the bytes the page's rows now hold. */
    long add(Row row) {
      rows.addLast(row);
      bytes += row.html().length();
      while (rows.size() > 1 && (rows.size() > limit || bytes > maxBytes)) {
        bytes -= rows.removeFirst().html().length();
        dropped++;
      }
      return bytes;
    }

    /** How many rows were let go to keep the newest. */
    int dropped() {
      return dropped;
    }

    boolean isEmpty() {
      return rows.isEmpty();
    }

    /** The lowest exchange number shown; 0 when none is. */
    long lowest() {
      return rows.stream().mapToLong(Row::seq).min().orElse(0);
    }

    /** The rows, newest first. */
    List<Row> newestFirst() {
      List<Row> out = new ArrayList<>(rows);
      out.sort(Comparator.comparingLong(Row::seq).reversed());
      return out;
    }
  }

  /**
   * What the page says about itself.
   *
   * @param heading "mock" or "proxy to URL", and the profile
   * @param kept how many exchanges are kept
   * @param oldestKept the lowest number of those kept; 0 when none is
   * @param live whether the page shows up to the newest exchange (its script then adds new ones)
   * @param floor the lowest exchange number the page may show (its script adds none below)
   * @param limit the most rows the page shows
   * @param pageNote the paragraph about paging, HTML, or empty
   */
  record Frame(
      String heading,
      int kept,
      long oldestKept,
      boolean live,
      long floor,
      int limit,
      String pageNote) {}

  /** The whole page. */
  static byte[] page(Frame f, Rows rows) {
    List<Row> shown = rows.newestFirst();
    TreeMap<String, Integer> rules = new TreeMap<>();
    int size = 0;
    for (Row r : shown) {
      r.rules().forEach(x -> rules.merge(x, 1, Integer::sum));
      size += r.html().length();
    }
    StringBuilder sb = new StringBuilder(size + 8_192);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        // an empty icon: else the browser asks for /favicon.ico, a 404 in the page's console
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>Traffic judged by the contract</title><style>")
        .append(CSS)
        .append("</style><script src=\"")
        .append(SCRIPT_PATH)
        .append("\" defer></script></head><body>\n<h1>Traffic judged by the contract</h1>\n")
        .append("<p id=\"summary\">")
        .append(esc(f.heading()))
        .append(": <span id=\"shown\">")
        .append(shown.size())
        .append("</span> exchanges shown of <span id=\"kept\">")
        .append(f.kept())
        .append("</span> kept, newest first. Times are UTC. Secrets are masked as")
        .append(" <code>***</code>.</p>\n")
        .append(f.pageNote())
        .append("<p id=\"refresh\">")
        .append(
            f.live()
                ? "New exchanges appear at the top as they come (the page asks every "
                    + REFRESH_MILLIS / 1000
                    + " s)."
                : "This page shows older exchanges and does not change; <a"
                    + " href=\"/__mock/traffic.html\">the newest</a>.")
        .append("</p>\n");
    sb.append("<p><label>Rule: <select id=\"rule\"><option value=\"\">every exchange</option>");
    rules.forEach(
        (r, n) ->
            sb.append("<option value=\"")
                .append(esc(r))
                .append("\">")
                .append(esc(r))
                .append(" (")
                .append(n)
                .append(")</option>"));
    sb.append("</select></label></p>\n");
    sb.append("<table id=\"traffic\" data-live=\"")
        .append(f.live())
        .append("\" data-floor=\"")
        .append(f.floor())
        .append("\" data-limit=\"")
        .append(f.limit())
        .append("\" data-oldest=\"")
        .append(f.oldestKept())
        .append("\" data-kept=\"")
        .append(f.kept())
        .append("\" data-every=\"")
        .append(REFRESH_MILLIS)
        .append("\"><thead><tr><th>#</th><th>Time (UTC)</th><th>Request</th><th>Status got</th>")
        .append("<th>Expected</th><th>Request breaks</th><th>Answer breaks</th><th>Verdict</th>")
        .append("</tr></thead><tbody>\n");
    shown.forEach(r -> sb.append(r.html()));
    sb.append("</tbody></table>\n</body></html>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The row of an exchange and its verdict. */
  static Row row(long seq, ExchangeRecord r, ExchangeRecord.Verdict v) {
    List<String> all = new ArrayList<>(v.requestBreaks().ruleIds());
    v.failures().forEach(f -> all.add(f.ruleId()));
    v.advice().forEach(f -> all.add(f.ruleId()));
    StringBuilder sb = new StringBuilder(512);
    String instant = DateTimeFormatter.ISO_INSTANT.format(r.started());
    sb.append("<tr class=\"")
        .append(v.outcome())
        .append("\" data-seq=\"")
        .append(seq)
        .append("\" data-rules=\" ")
        .append(esc(String.join(" ", all)))
        .append(" \"><td>")
        .append(seq)
        .append("</td><td><time datetime=\"")
        .append(instant)
        .append("\" title=\"")
        .append(instant)
        .append("\">")
        .append(TIME.format(r.started()))
        .append("</time></td><td><code>")
        .append(esc(r.request().method() + " " + r.url()))
        .append("</code></td><td>")
        .append(r.response().status())
        .append(r.incomplete().map(why -> "<div>incomplete: " + esc(why) + "</div>").orElse(""))
        .append("</td><td>")
        .append(esc(v.expected()))
        .append("</td><td>");
    for (Violation x : v.requestBreaks().violations()) {
      sb.append("<div><b>")
          .append(esc(x.ruleId()))
          .append("</b> ")
          .append(esc(x.message()))
          .append("</div>");
    }
    sb.append("</td><td>");
    for (Finding f : v.failures()) {
      sb.append("<div class=\"f\"><b>")
          .append(esc(f.ruleId()))
          .append("</b> ")
          .append(esc(f.message()))
          .append("</div>");
    }
    for (Finding f : v.advice()) {
      sb.append("<div class=\"a\"><b>")
          .append(esc(f.ruleId()))
          .append("</b> (advice) ")
          .append(esc(f.message()))
          .append("</div>");
    }
    sb.append("</td><td>").append(v.outcome()).append("</td></tr>\n");
    return new Row(seq, sb.toString(), all);
  }

  /** The row of an exchange that could not be made into a record. */
  static Row unshowable(long seq) {
    return new Row(
        seq,
        "<tr class=\""
            + TrafficViews.NOT_SHOWN
            + "\" data-seq=\""
            + seq
            + "\" data-rules=\"  \"><td>"
            + seq
            + "</td><td colspan=\"6\">this exchange could not be shown</td><td>"
            + TrafficViews.NOT_SHOWN
            + "</td></tr>\n",
        List.of());
  }

  static String esc(String s) {
    return HtmlText.escape(s);
  }

  /** A CSP source for an inline element's exact text. */
  static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
