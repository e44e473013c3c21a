package dev.assistantkit.mock.tools;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.mock.recorder.ExchangeRecord;
import dev.assistantkit.mock.recorder.Road;
import dev.assistantkit.mock.recorder.Traffic;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kept exchanges, judged, in three forms: JSON ({@code /__mock/traffic}), HAR 1.2 with the
 * verdicts in a {@code _verdicts} field ({@code /__mock/traffic.har}), and a page a person reads
 * ({@code /__mock/traffic.html}).
 *
 * <p>One read shows one page: the exchanges from {@code ?from=SEQ} (the oldest kept by default), at
 * most {@code ?limit=N} of them, and no more than about {@link #PAGE_BYTES}: the page ends after
 * the exchange that takes it past that, and says where the next one starts. Each exchange is made
 * into its record, judged and rendered on its own, one at a time: one that cannot be shown is shown
 * as such and never costs the others their page, and a read holds one exchange's rendering at a
 * time beside the page it writes.
 *
 * <p>An exchange the mock answered is judged by the contract that answered it (with {@code --watch}
 * another may serve since); the proxy's, which are judged in order, learning as they go, by the
 * contract of these views (the one serving when read).
 */
public final class TrafficViews {

  /** About the most one read renders; past it the page ends (the last exchange may go over). */
  public static final int PAGE_BYTES = 8 * 1024 * 1024;

  /** The most exchanges one page shows, whatever {@code limit} asks. */
  public static final int MAX_LIMIT = 10_000;

  private static final JsonMapper JSON = dev.assistantkit.contract.spec.JsonMappers.plain();

  private final Contract contract;
  private final Profile profile;
  private final String mode;
  private final List<String> proxyKeys;
  private final int pageBytes;

  /**
   * @param mode "mock" or "proxy to URL", for the views' headings
   * @param proxyKeys the keys the proxy's upstream accepts, when given
   */
  public TrafficViews(Contract contract, Profile profile, String mode, List<String> proxyKeys) {
    this(contract, profile, mode, proxyKeys, PAGE_BYTES);
  }

  TrafficViews(
      Contract contract, Profile profile, String mode, List<String> proxyKeys, int pageBytes) {
    this.contract = contract;
    this.profile = profile;
    this.mode = mode;
    this.proxyKeys = List.copyOf(proxyKeys);
    this.pageBytes = pageBytes;
  }

  /**
   * Which exchanges one read shows.
   *
   * @param from the first exchange's number ({@code seq}); 0: the oldest kept
   * @param limit the most exchanges shown
   */
  public record Page(long from, int limit) {

    /** The page a query asks for ({@code from}, {@code limit}); values it cannot read: defaults. */
    public static Page of(String query) {
      long from = 0;
      int limit = MAX_LIMIT;
      if (query != null) {
        for (String pair : query.split("&")) {
          String[] kv = pair.split("=", 2);
          if (kv.length == 2 && kv[1].matches("[0-9]{1,18}")) {
            if (kv[0].equals("from")) {
              from = Long.parseLong(kv[1]);
            } else if (kv[0].equals("limit")) {
              limit = (int) Math.max(1, Math.min(MAX_LIMIT, Long.parseLong(kv[1])));
            }
          }
        }
      }
      return new Page(from, limit);
    }
  }

  /** What a walk over the kept exchanges showed. */
  private record Walked(int kept, long oldest, int shown, long first, long last, long next) {}

  /** Renders one exchange of a page. */
  private interface Renderer {
    /** Adds an exchange and its verdict to the page; the bytes the page now holds. */
    long exchange(long seq, ExchangeRecord r, ExchangeRecord.Verdict v);

    /** Adds an exchange that could not be made into a record; the bytes the page now holds. */
    long unshowable(long seq);
  }

  /**
   * Walks the kept exchanges, oldest first, and renders the page's. The mock's own exchanges are
   * judged against what its engine decided; the proxy's by the traffic judge, in the order they
   * happened (those before the page too: it learns from them), as the suite's {@code --har} judges
   * them from the HAR of this traffic. An exchange that cannot be judged is shown as such.
   */
  private Walked walk(Traffic traffic, Page page, Renderer renderer) {
    List<Traffic.Kept> kept = traffic.kept();
    long oldest = kept.stream().mapToLong(Traffic.Kept::seq).min().orElse(0);
    TrafficJudge inOrder = null;
    int shown = 0;
    long first = 0;
    long last = 0;
    for (Traffic.Kept k : kept) {
      boolean inPage = k.seq() >= page.from();
      if (inPage && shown >= page.limit()) {
        return new Walked(kept.size(), oldest, shown, first, last, k.seq());
      }
      ExchangeRecord r;
      try {
        r = k.record().get();
      } catch (RuntimeException e) {
        r = null;
      }
      if (!inPage && (r == null || r.road() != Road.PROXY)) {
        continue; // only the proxy's exchanges before the page are judged: the judge learns
      }
      ExchangeRecord.Verdict v = ExchangeRecord.Verdict.NOT_JUDGED;
      if (r != null) {
        if (r.road() == Road.PROXY && inOrder == null) {
          inOrder = contract.trafficJudge(proxyKeys);
        }
        v = verdict(r, inOrder);
      }
      if (!inPage) {
        continue;
      }
      long bytes;
      try {
        bytes = r == null ? renderer.unshowable(k.seq()) : renderer.exchange(k.seq(), r, v);
      } catch (RuntimeException e) {
        bytes = renderer.unshowable(k.seq());
      }
      if (shown == 0) {
        first = k.seq();
      }
      shown++;
      last = k.seq();
      if (bytes >= pageBytes) {
        int at = kept.indexOf(k);
        long next = at + 1 < kept.size() ? kept.get(at + 1).seq() : 0;
        return new Walked(kept.size(), oldest, shown, first, last, next);
      }
    }
    return new Walked(kept.size(), oldest, shown, first, last, 0);
  }

  private ExchangeRecord.Verdict verdict(ExchangeRecord r, TrafficJudge inOrder) {
    try {
      if (r.road() != Road.PROXY) {
        return r.verdict(profile);
      } else if (r.unanswered()) {
        return ExchangeRecord.Verdict.NO_ANSWER;
      } else if (r.request().bodyWithheld()) {
        return ExchangeRecord.Verdict.NOT_JUDGED; // as --har: the body is not in the recording
      }
      return r.verdict(
          inOrder.next(r.shownRequest(), r.tokenLabel(), r.observed(), Set.of()).judgement(),
          profile);
    } catch (RuntimeException e) {
      return ExchangeRecord.Verdict.NOT_JUDGED;
    }
  }

  /** The page's description: which exchanges it shows and where the next page starts. */
  private ObjectNode pageNode(Walked w, String path, Page page) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kept", w.kept());
    n.put("shown", w.shown());
    if (w.shown() > 0) {
      n.put("from", w.first());
      n.put("to", w.last());
    }
    if (w.next() > 0) {
      n.put("next", nextLink(path, w, page));
      n.put(
          "note",
          "one read shows at most "
              + page.limit()
              + " exchanges and about "
              + pageBytes / (1024 * 1024)
              + " MiB; the next page starts at exchange "
              + w.next());
    }
    return n;
  }

  private static String nextLink(String path, Walked w, Page page) {
    return path + "?from=" + w.next() + (page.limit() < MAX_LIMIT ? "&limit=" + page.limit() : "");
  }

  // ------------------------------------------------------------------ JSON

  public byte[] json(Traffic traffic, Page page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    Map<String, int[]> totals = new TreeMap<>();
    Walked w;
    try (JsonGenerator g = JSON.writerWithDefaultPrettyPrinter().createGenerator(out)) {
      g.writeStartObject();
      g.writeName("mode");
      g.writeString(mode);
      g.writeName("profile");
      g.writeString(profile.wireName());
      g.writeName("exchanges");
      g.writeStartArray();
      w =
          walk(
              traffic,
              page,
              new Renderer() {
                @Override
                public long exchange(long seq, ExchangeRecord r, ExchangeRecord.Verdict v) {
                  ObjectNode e = JSON.createObjectNode();
                  e.put("seq", seq);
                  e.put("started", DateTimeFormatter.ISO_INSTANT.format(r.started()));
                  e.put("method", r.request().method());
                  e.put("url", r.url());
                  e.put("status", r.response().status());
                  r.incomplete().ifPresent(why -> e.put("incomplete", why));
                  e.set("verdicts", verdicts(v));
                  count(totals, v);
                  return write(g, out, e);
                }

                @Override
                public long unshowable(long seq) {
                  ObjectNode e = JSON.createObjectNode();
                  e.put("seq", seq);
                  e.putObject("verdicts")
                      .put("outcome", NOT_SHOWN)
                      .put("note", "this exchange could not be shown");
                  return write(g, out, e);
                }
              });
      g.writeEndArray();
      g.writeName("page");
      g.writeTree(pageNode(w, "/__mock/traffic", page));
      g.writeName("rules");
      g.writeTree(totals(totals));
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** The outcome of an exchange that could not be made into a record. */
  static final String NOT_SHOWN = "not-shown";

  private static long write(JsonGenerator g, ByteArrayOutputStream out, ObjectNode node) {
    g.writeTree(node);
    g.flush();
    return out.size();
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

  /** Per rule: the exchanges that exercised it, the failures, the advice, the requests. */
  private static void count(Map<String, int[]> totals, ExchangeRecord.Verdict v) {
    v.covered().forEach(r -> totals.computeIfAbsent(r, k -> new int[4])[0]++);
    v.requestBreaks().ruleIds().forEach(r -> totals.computeIfAbsent(r, k -> new int[4])[3]++);
    v.failures().forEach(f -> totals.computeIfAbsent(f.ruleId(), k -> new int[4])[1]++);
    v.advice().forEach(f -> totals.computeIfAbsent(f.ruleId(), k -> new int[4])[2]++);
  }

  private static ObjectNode totals(Map<String, int[]> totals) {
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

  public byte[] har(Traffic traffic, Page page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    List<Long> notShown = new ArrayList<>();
    Walked w;
    try (JsonGenerator g = JSON.writerWithDefaultPrettyPrinter().createGenerator(out)) {
      g.writeStartObject();
      g.writeName("log");
      g.writeStartObject();
      g.writeName("version");
      g.writeString("1.2");
      g.writeName("creator");
      g.writeTree(
          JSON.createObjectNode().put("name", "assistant-contract-kit mock").put("version", "2.0"));
      g.writeName("entries");
      g.writeStartArray();
      w =
          walk(
              traffic,
              page,
              new Renderer() {
                @Override
                public long exchange(long seq, ExchangeRecord r, ExchangeRecord.Verdict v) {
                  return write(g, out, harEntry(r, v));
                }

                @Override
                public long unshowable(long seq) {
                  // a HAR entry is an exchange as it went: one that cannot be shown is named below
                  notShown.add(seq);
                  g.flush();
                  return out.size();
                }
              });
      g.writeEndArray();
      ObjectNode pageNode = pageNode(w, "/__mock/traffic.har", page);
      if (pageNode.has("note")) {
        g.writeName("comment");
        g.writeString(pageNode.get("note").asString() + ": " + pageNode.get("next").asString());
      }
      g.writeName("_page");
      g.writeTree(pageNode);
      if (!notShown.isEmpty()) {
        g.writeName("_notShown");
        g.writeStartArray();
        for (long seq : notShown) {
          g.writeNumber(seq);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private ObjectNode harEntry(ExchangeRecord r, ExchangeRecord.Verdict v) {
    ObjectNode e = JSON.createObjectNode();
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
    e.set("_verdicts", verdicts(v));
    return e;
  }

  private static void headers(ArrayNode to, List<Map.Entry<String, String>> headers) {
    headers.forEach(h -> to.addObject().put("name", h.getKey()).put("value", h.getValue()));
  }

  private static boolean isText(byte[] body) {
    return dev.assistantkit.contract.spec.Utf8.decode(body).isPresent();
  }

  // ------------------------------------------------------------------ HTML

  /**
   * The page a person reads, newest first ({@link TrafficHtml}). Without {@code from} it shows the
   * newest exchanges (at most {@code limit} of them and about {@link #PAGE_BYTES}) and its script
   * adds the ones that come later; with {@code from}, the page from that exchange on, as the other
   * views page, and it goes on adding the new ones only if it reached the newest.
   */
  public byte[] html(Traffic traffic, Page page) {
    boolean newest = page.from() <= 0;
    TrafficHtml.Rows rows =
        new TrafficHtml.Rows(
            newest ? page.limit() : Integer.MAX_VALUE, newest ? pageBytes : Long.MAX_VALUE);
    Walked w =
        walk(
            traffic,
            newest ? new Page(0, Integer.MAX_VALUE) : page,
            new Renderer() {
              @Override
              public long exchange(long seq, ExchangeRecord r, ExchangeRecord.Verdict v) {
                long bytes = rows.add(TrafficHtml.row(seq, r, v));
                return newest ? 0 : bytes; // the newest page lets the oldest go instead
              }

              @Override
              public long unshowable(long seq) {
                long bytes = rows.add(TrafficHtml.unshowable(seq));
                return newest ? 0 : bytes;
              }
            });
    String limitParam = page.limit() < MAX_LIMIT ? "&limit=" + page.limit() : "";
    String note = "";
    if (newest && rows.dropped() > 0) {
      note =
          "<p id=\"page\">"
              + rows.dropped()
              + " older exchanges are not on this page (one read shows at most "
              + page.limit()
              + " and about "
              + pageBytes / (1024 * 1024)
              + " MiB): <a href=\""
              + TrafficHtml.esc("/__mock/traffic.html?from=" + w.oldest() + limitParam)
              + "\">from the oldest kept</a>.</p>\n";
    } else if (!newest && w.shown() > 0) {
      note =
          "<p id=\"page\">Exchanges "
              + w.first()
              + " to "
              + w.last()
              + (w.next() > 0
                  ? ": one read shows about "
                      + pageBytes / (1024 * 1024)
                      + " MiB. <a href=\""
                      + TrafficHtml.esc(nextLink("/__mock/traffic.html", w, page))
                      + "\">The next page</a> starts at exchange "
                      + w.next()
                      + "."
                  : ".")
              + "</p>\n";
    }
    long floor = newest ? (rows.dropped() > 0 ? rows.lowest() : 0) : page.from();
    return TrafficHtml.page(
        new TrafficHtml.Frame(
            mode + ", profile " + profile.wireName(),
            w.kept(),
            w.oldest(),
            newest || w.next() == 0,
            floor,
            page.limit(),
            note),
        rows);
  }
}
