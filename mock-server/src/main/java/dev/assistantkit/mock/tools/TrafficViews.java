package dev.assistantkit.mock.tools;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.mock.recorder.ExchangeRecord;
import dev.assistantkit.mock.recorder.Road;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kept exchanges, judged, in three forms: JSON ({@code /__mock/traffic}), HAR 1.2 with the
 * verdicts in a {@code _verdicts} field ({@code /__mock/traffic.har}), and a page a person reads
 * ({@code /__mock/traffic.html}).
 */
public final class TrafficViews {

  private static final JsonMapper JSON = dev.assistantkit.contract.spec.JsonMappers.plain();

  private final Contract contract;
  private final Profile profile;
  private final String mode;
  private final List<String> proxyKeys;

  /**
   * @param mode "mock" or "proxy to URL", for the views' headings
   * @param proxyKeys the keys the proxy's upstream accepts, when given
   */
  public TrafficViews(Contract contract, Profile profile, String mode, List<String> proxyKeys) {
    this.contract = contract;
    this.profile = profile;
    this.mode = mode;
    this.proxyKeys = List.copyOf(proxyKeys);
  }

  /** One exchange and its verdict. */
  private record ViewedExchange(ExchangeRecord recorded, ExchangeRecord.Verdict verdict) {}

  /**
   * The verdict of each exchange. The mock's own are judged against what its engine decided; the
   * proxy's by the traffic judge, in the order they happened, as the suite's {@code --har} judges
   * them from the HAR of this traffic. An exchange that cannot be judged is shown as such: one
   * entry never breaks a view.
   */
  private List<ViewedExchange> judge(List<ExchangeRecord> exchanges) {
    TrafficJudge inOrder = contract.trafficJudge(proxyKeys);
    List<ViewedExchange> out = new ArrayList<>(exchanges.size());
    for (ExchangeRecord r : exchanges) {
      ExchangeRecord.Verdict v;
      try {
        if (r.road() != Road.PROXY) {
          v = r.verdict(contract, profile);
        } else if (r.unanswered()) {
          v = ExchangeRecord.Verdict.NO_ANSWER;
        } else if (r.request().bodyWithheld()) {
          v = ExchangeRecord.Verdict.NOT_JUDGED; // as --har: the body is not in the recording
        } else {
          v =
              r.verdict(
                  inOrder
                      .next(r.shownRequest(), r.tokenLabel(), r.observed(), Set.of())
                      .judgement(),
                  profile);
        }
      } catch (RuntimeException e) {
        v = ExchangeRecord.Verdict.NOT_JUDGED;
      }
      out.add(new ViewedExchange(r, v));
    }
    return out;
  }

  // ------------------------------------------------------------------ JSON

  public byte[] json(List<ExchangeRecord> exchanges) {
    List<ViewedExchange> judged = judge(exchanges);
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", mode);
    root.put("profile", profile.wireName());
    ArrayNode list = root.putArray("exchanges");
    for (ViewedExchange j : judged) {
      ObjectNode e = list.addObject();
      e.put("seq", j.recorded().seq());
      e.put("started", DateTimeFormatter.ISO_INSTANT.format(j.recorded().started()));
      e.put("method", j.recorded().request().method());
      e.put("url", j.recorded().url());
      e.put("status", j.recorded().response().status());
      j.recorded().incomplete().ifPresent(why -> e.put("incomplete", why));
      e.set("verdicts", verdicts(j.verdict()));
    }
    root.set("rules", totals(judged));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  private ObjectNode verdicts(ExchangeRecord.Verdict v) {
    ObjectNode n = JSON.createObjectNode();
    n.put("outcome", v.outcome());
    if (!v.documented()) {
      n.put(
          "note",
          !v.judged()
              ? "this exchange could not be judged; it is shown as it was kept"
              : v.incomplete()
                  ? "the upstream gave no answer to judge: not judged"
                  : "no operation of the contract has this method and path: not judged");
      return n;
    }
    n.put("expected", v.expected());
    ArrayNode breaks = n.putArray("request");
    for (Violation x : v.requestBreaks().violations()) {
      breaks
          .addObject()
          .put("rule", x.ruleId())
          .put("origin", x.origin().wireName())
          .put("pointer", x.pointer())
          .put("message", x.message());
    }
    ArrayNode findings = n.putArray("response");
    add(findings, v.failures(), "failure");
    add(findings, v.advice(), "advice");
    return n;
  }

  private static void add(ArrayNode to, List<Finding> findings, String level) {
    for (Finding f : findings) {
      to.addObject()
          .put("rule", f.ruleId())
          .put("origin", f.origin().wireName())
          .put("level", level)
          .put("message", f.message());
    }
  }

  /** Per rule: the exchanges that exercised it, the failures and the advice. */
  private ObjectNode totals(List<ViewedExchange> judged) {
    Map<String, int[]> totals = new TreeMap<>();
    for (ViewedExchange j : judged) {
      ExchangeRecord.Verdict v = j.verdict();
      v.covered().forEach(r -> totals.computeIfAbsent(r, k -> new int[4])[0]++);
      v.requestBreaks().ruleIds().forEach(r -> totals.computeIfAbsent(r, k -> new int[4])[3]++);
      v.failures().forEach(f -> totals.computeIfAbsent(f.ruleId(), k -> new int[4])[1]++);
      v.advice().forEach(f -> totals.computeIfAbsent(f.ruleId(), k -> new int[4])[2]++);
    }
    ObjectNode out = JSON.createObjectNode();
    totals.forEach(
        (rule, n) ->
            out.putObject(rule)
                .put("exchanges", n[0])
                .put("failures", n[1])
                .put("advice", n[2])
                .put("brokenByRequests", n[3]));
    return out;
  }

  // ------------------------------------------------------------------ HAR 1.2

  public byte[] har(List<ExchangeRecord> exchanges) {
    List<ViewedExchange> judged = judge(exchanges);
    ObjectNode root = JSON.createObjectNode();
    ObjectNode log = root.putObject("log");
    log.put("version", "1.2");
    log.putObject("creator").put("name", "assistant-contract-kit mock").put("version", "2.0");
    ArrayNode entries = log.putArray("entries");
    for (ViewedExchange j : judged) {
      ExchangeRecord r = j.recorded();
      ObjectNode e = entries.addObject();
      e.put("startedDateTime", DateTimeFormatter.ISO_INSTANT.format(r.started()));
      e.put("time", r.micros() / 1000.0);
      ObjectNode req = e.putObject("request");
      req.put("method", r.request().method());
      req.put("url", r.url());
      req.put("httpVersion", "HTTP/1.1");
      headers(req.putArray("headers"), r.request().headers());
      req.putArray("cookies");
      req.putArray("queryString");
      if (r.request().body().length > 0) {
        req.putObject("postData")
            .put("mimeType", r.request().header("Content-Type").orElse(""))
            .put("text", new String(r.request().body(), StandardCharsets.UTF_8));
      }
      req.put("headersSize", -1);
      req.put("bodySize", r.request().body().length);
      // the token is masked: what stands for it, for --har's judge
      r.tokenLabel().ifPresent(l -> req.put("_credentialLabel", l));
      if (r.request().bodyWithheld()) {
        req.put("_bodyWithheld", true);
      }
      ObjectNode res = e.putObject("response");
      if (r.unanswered()) {
        // the proxy's own 502: no answer of the server's to judge
        res.put("_answered", false);
      }
      res.put("status", r.response().status());
      res.put("statusText", "");
      res.put("httpVersion", "HTTP/1.1");
      headers(res.putArray("headers"), r.response().headers());
      res.putArray("cookies");
      ObjectNode content = res.putObject("content");
      content.put("size", r.response().body().length);
      content.put("mimeType", r.response().header("Content-Type").orElse(""));
      if (r.incomplete().isPresent()) {
        content.put("comment", "incomplete: " + r.incomplete().get());
      } else if (r.response().truncated()) {
        content.put("comment", "cut at the size the mock keeps");
      }
      // a reader must not judge a part of an answer as the whole (the suite's --har reads this)
      if (r.incomplete().isPresent() || r.response().truncated()) {
        content.put("_truncated", true);
      }
      if (isText(r.response().body())) {
        content.put("text", new String(r.response().body(), StandardCharsets.UTF_8));
      } else {
        content.put("text", Base64.getEncoder().encodeToString(r.response().body()));
        content.put("encoding", "base64");
      }
      res.put("redirectURL", "");
      res.put("headersSize", -1);
      res.put("bodySize", r.response().body().length);
      e.putObject("cache");
      e.putObject("timings").put("send", 0).put("wait", r.micros() / 1000.0).put("receive", 0);
      e.set("_verdicts", verdicts(j.verdict()));
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  private static void headers(ArrayNode to, List<Map.Entry<String, String>> headers) {
    headers.forEach(h -> to.addObject().put("name", h.getKey()).put("value", h.getValue()));
  }

  private static boolean isText(byte[] body) {
    return dev.assistantkit.contract.spec.Utf8.decode(body).isPresent();
  }

  // ------------------------------------------------------------------ HTML

  public byte[] html(List<ExchangeRecord> exchanges) {
    List<ViewedExchange> judged = judge(exchanges);
    StringBuilder sb = new StringBuilder(16_384);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        // an empty icon: else the browser asks for /favicon.ico, a 404 in the page's console
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>Traffic judged by the contract</title><style>")
        .append(CSS)
        .append("</style></head><body>\n<h1>Traffic judged by the contract</h1>\n<p>")
        .append(esc(mode))
        .append(", profile ")
        .append(profile.wireName())
        .append(", ")
        .append(judged.size())
        .append(" exchanges kept (newest last). Secrets are masked as <code>***</code>.</p>\n");
    TreeMap<String, Integer> rules = new TreeMap<>();
    for (ViewedExchange j : judged) {
      j.verdict().requestBreaks().ruleIds().forEach(r -> rules.merge(r, 1, Integer::sum));
      j.verdict().failures().forEach(f -> rules.merge(f.ruleId(), 1, Integer::sum));
      j.verdict().advice().forEach(f -> rules.merge(f.ruleId(), 1, Integer::sum));
    }
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
    sb.append(
        "<table id=\"traffic\"><thead><tr><th>#</th><th>Request</th><th>Status got</th>"
            + "<th>Expected</th><th>Request breaks</th><th>Answer breaks</th><th>Verdict</th>"
            + "</tr></thead><tbody>\n");
    for (ViewedExchange j : judged) {
      ExchangeRecord r = j.recorded();
      ExchangeRecord.Verdict v = j.verdict();
      List<String> all = new ArrayList<>(v.requestBreaks().ruleIds());
      v.failures().forEach(f -> all.add(f.ruleId()));
      v.advice().forEach(f -> all.add(f.ruleId()));
      sb.append("<tr class=\"")
          .append(v.outcome())
          .append("\" data-rules=\" ")
          .append(esc(String.join(" ", all)))
          .append(" \"><td>")
          .append(r.seq())
          .append("</td><td><code>")
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
    }
    sb.append("</tbody></table>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final String CSS =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;width:100%}"
          + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f3f3f3}.answer-broke-rules{background:#fde2e2}"
          + ".request-broke-rules{background:#e7eefc}.advice{background:#fff4d6}"
          + ".answer-incomplete,.no-answer{background:#fde2e2}"
          + ".ok{background:#e5f6e5}.undocumented{background:#eee;color:#555}"
          + "code{white-space:pre-wrap;word-break:break-all}";

  private static final String SCRIPT =
      "document.getElementById('rule').addEventListener('change',function(){"
          + "var r=this.value;document.querySelectorAll('#traffic tbody tr').forEach(function(tr){"
          + "tr.hidden=r!==''&&tr.getAttribute('data-rules').indexOf(' '+r+' ')<0;});});";

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
