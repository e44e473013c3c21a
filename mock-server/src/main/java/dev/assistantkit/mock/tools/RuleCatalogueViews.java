package dev.assistantkit.mock.tools;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The spec's rules as the docs show them ({@code /docs/rules.html}, {@code /docs/rules.json}): each
 * rule once, in the order of the contract's catalogues (the operations', then the global one), with
 * its id, origin, status, kind, the operations whose catalogue holds it, and its sentence. All of
 * it is read from the contract: for a document with no catalogue of its own, the rules derived from
 * its schemas and the kit's rules it needs, as the mock and the suite judge by them.
 */
final class RuleCatalogueViews {

  private static final JsonMapper JSON = dev.assistantkit.contract.spec.JsonMappers.plain();

  private static final String CSS =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;width:100%}"
          + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f3f3f3}.decided{background:#fff8e6}"
          + "code{white-space:nowrap}";

  /** The page's policy: no script at all, its own style only. */
  static final String POLICY =
      "default-src 'none'; style-src '"
          + TrafficHtml.sha256(CSS)
          + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** One rule as shown. */
  private record Shown(Rule rule, List<String> operations, Set<Integer> statuses) {}

  private final String title;
  private final List<Shown> rules;

  RuleCatalogueViews(Contract contract) {
    this.title = contract.spec().node("#/info/title").map(n -> n.asString("")).orElse("").strip();
    List<Shown> out = new ArrayList<>();
    for (Rule r : contract.allRules()) {
      List<String> ops = new ArrayList<>();
      Set<Integer> statuses = new TreeSet<>();
      for (Operation op : contract.operations()) {
        if (op.rules().contains(r.id())) {
          ops.add(op.id());
          statuses.add(op.rules().get(r.id()).forOperation(op).status());
        }
      }
      if (statuses.isEmpty()) {
        // a rule of no one operation: a status for a client's mistake, or for a resource not
        // held, is each operation's own
        if (r.statusPerOperation() && !contract.operations().isEmpty()) {
          contract.operations().forEach(op -> statuses.add(r.forOperation(op).status()));
        } else {
          statuses.add(r.forOperation(null).status());
        }
      }
      out.add(new Shown(r, List.copyOf(ops), statuses));
    }
    this.rules = List.copyOf(out);
  }

  /** The rules as JSON: {@code {"title", "rules": [{"id", "origin", ...}]}}. */
  byte[] json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", title);
    ArrayNode list = root.putArray("rules");
    for (Shown s : rules) {
      Rule r = s.rule();
      ObjectNode n = list.addObject();
      n.put("id", r.id());
      n.put("origin", r.origin().wireName());
      n.put("kind", r.kind().wireName());
      ArrayNode statuses = n.putArray("statuses");
      s.statuses().forEach(statuses::add);
      ArrayNode allows = n.putArray("pageAllows");
      new TreeSet<>(r.pageAllows()).forEach(allows::add);
      ArrayNode ops = n.putArray("operations");
      s.operations().forEach(ops::add);
      n.put("sentence", r.source());
      ArrayNode where = n.putArray("enforcedBy");
      r.enforcedBy()
          .forEach(
              l ->
                  where
                      .addObject()
                      .put("location", l.pattern())
                      .put("origin", l.origin().wireName()));
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /** The rules as a page a person reads. */
  byte[] html() {
    long documented = rules.stream().filter(s -> s.rule().origin() == Origin.DOCUMENTED).count();
    StringBuilder sb = new StringBuilder(64 * 1024);
    String heading = "The rules of the contract" + (title.isEmpty() ? "" : ": " + title);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<link rel=\"icon\" href=\"data:,\"><title>")
        .append(TrafficHtml.esc(heading))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n<h1>")
        .append(TrafficHtml.esc(heading))
        .append("</h1>\n<p id=\"summary\">")
        .append(rules.size())
        .append(" rules, read from the spec this mock serves (<a href=\"/openapi.yaml\">")
        .append("/openapi.yaml</a>): ")
        .append(documented)
        .append(" <i>documented</i> (the document states them) and ")
        .append(rules.size() - documented)
        .append(" <i>decided</i> (the document is silent and this kit chose). A request that")
        .append(" breaks one gets its status and its id in <code>errors[].rule</code>. Also as")
        .append(" <a href=\"/docs/rules.json\">JSON</a>; back to <a href=\"/docs/\">the API")
        .append(" docs</a>.</p>\n")
        .append("<table id=\"rules\"><thead><tr><th>Rule</th><th>Origin</th><th>Status</th>")
        .append("<th>Kind</th><th>Operations</th><th>Sentence</th></tr></thead><tbody>\n");
    for (Shown s : rules) {
      Rule r = s.rule();
      Set<String> others = new TreeSet<>();
      r.enforcedBy().stream()
          .map(l -> l.origin().wireName())
          .filter(o -> !o.equals(r.origin().wireName()))
          .forEach(others::add);
      sb.append("<tr class=\"")
          .append(r.origin().wireName())
          .append("\" data-rule=\"")
          .append(TrafficHtml.esc(r.id()))
          .append("\"><td><code>")
          .append(TrafficHtml.esc(r.id()))
          .append("</code></td><td class=\"origin\">")
          .append(r.origin().wireName())
          .append(others.isEmpty() ? "" : " (some locations " + String.join("/", others) + ")")
          .append("</td><td class=\"status\">")
          .append(String.join(" or ", s.statuses().stream().map(String::valueOf).toList()));
      if (s.statuses().size() > 1) {
        sb.append(" (by operation)");
      }
      if (!r.pageAllows().isEmpty()) {
        sb.append(" (the page allows ")
            .append(
                String.join(
                    " or ", new TreeSet<>(r.pageAllows()).stream().map(String::valueOf).toList()))
            .append(")");
      }
      sb.append("</td><td class=\"kind\">")
          .append(r.kind().wireName())
          .append("</td><td class=\"operations\">")
          .append(
              s.operations().isEmpty()
                  ? "none (global)"
                  : TrafficHtml.esc(String.join(", ", s.operations())))
          .append("</td><td class=\"sentence\">")
          .append(TrafficHtml.esc(r.source()))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table>\n</body></html>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
