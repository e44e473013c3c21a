package dev.assistantkit.mock.recorder;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.door.Arrival;
import dev.assistantkit.mock.door.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exchange recorder: every answer, whichever road gave it, is kept here as it goes out, as
 * one {@link ExchangeRecord} for the journal and the traffic (and, with {@code --verbose}, one log
 * line, masked). The record is made when first read; until then only what arrived and what went out
 * are held, and what the contract needs to judge it, as few objects as each allows ({@link
 * KeptExchange}).
 */
public final class Recorder {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final Knowledge knowledge;
  private final Journal journal;
  private final Traffic traffic;
  private final Chunks chunks = new Chunks();
  private final CompletableFuture<Void> firstKept = new CompletableFuture<>();
  private final int keepBytes;
  private final boolean verbose;

  /**
   * @param knowledge what the mock knows, for what the contract would have said of an answer it did
   *     not give (a user's stub)
   * @param keepBytes how much of each answer's body is kept
   */
  public Recorder(
      Knowledge knowledge, Journal journal, Traffic traffic, int keepBytes, boolean verbose) {
    this.knowledge = knowledge;
    this.journal = journal;
    this.traffic = traffic;
    this.keepBytes = keepBytes;
    this.verbose = verbose;
  }

  public Traffic traffic() {
    return traffic;
  }

  /** Completes when the first answer, of any road, has gone out and been kept. */
  public CompletionStage<Void> firstKept() {
    return firstKept;
  }

  /** Empties the journal and the traffic. */
  public void clear() {
    journal.clear();
    traffic.clear();
  }

  /** The request as the client sent it, as the contract reads requests. */
  public static ApiRequest asSent(Arrival a) {
    return new ApiRequest(a.method(), a.rawTarget(), Headers.of(a.headers()), a.body());
  }

  /**
   * Starts keeping one exchange: its answer is kept when it goes out, whichever road gives it.
   *
   * @param inTraffic whether the exchange is one of the API's (the traffic shows only those)
   * @param contract the contract the exchange is judged by, wholly (the one serving when it came)
   */
  public Recording begin(Exchange exchange, Road road, boolean inTraffic, Contract contract) {
    Recording r = new Recording(road, inTraffic, contract);
    exchange.keepWith(r);
    return r;
  }

  /** The keeping of one exchange; a road may say what the contract decided or predicted. */
  public final class Recording implements Exchange.Keeper {
    private final Road road;
    private final boolean inTraffic;
    private final Contract contract;
    private volatile Optional<Prediction> prediction = Optional.empty();
    private volatile String url;
    private volatile String incomplete;
    private volatile Optional<String> tokenLabel = Optional.empty();

    private Recording(Road road, boolean inTraffic, Contract contract) {
      this.road = road;
      this.inTraffic = inTraffic;
      this.contract = contract;
    }

    /** What the contract decided (the engine) or predicted (the proxy's judge). */
    public void predicted(Prediction p) {
      this.prediction = Optional.of(p);
    }

    /** What is kept instead of the request's token (the proxy's traffic judge's label). */
    public void tokenLabel(Optional<String> label) {
      this.tokenLabel = label;
    }

    /** The URL the exchange went to, when not the mock's own (the proxy's upstream). */
    public void url(String upstreamUrl) {
      this.url = upstreamUrl;
    }

    /**
     * The answer that goes out is not the server's: no answer of it arrived (the proxy's own 502);
     * the exchange is shown as such and not judged.
     */
    public void incomplete(String why) {
      this.incomplete = why;
    }

    @Override
    public void kept(Exchange exchange, Exchange.Sent given) {
      Exchange.Sent sent =
          incomplete == null && given.body().length <= keepBytes
              ? given
              : new Exchange.Sent(
                  given.status(),
                  given.headers(),
                  // what is kept until the record is made is what the record keeps: an answer
                  // of megabytes is not held whole by each of the journal's entries
                  given.body().length <= keepBytes
                      ? given.body()
                      : Arrays.copyOf(given.body(), keepBytes),
                  given.truncated() || given.body().length > keepBytes,
                  incomplete == null ? given.incomplete() : Optional.of(incomplete),
                  given.own());
      Arrival a = exchange.arrival();
      long micros = Math.max(0, System.currentTimeMillis() - a.arrivedMillis()) * 1000;
      Optional<Prediction> p = prediction;
      if (p.isEmpty() && inTraffic && road != Road.PROXY && sent.status() > 0) {
        // an answer the contract did not give (a user's stub): what it would have said, in the
        // state the mock holds now
        p = Optional.of(contract.predict(asSent(a), knowledge));
      }
      // the sequence number is taken now, in the order exchanges ended
      long seq = inTraffic ? traffic.next() : 0;
      // what is kept is what every young collection copies until the exchange is dropped: as few
      // objects as it can be (KeptExchange), the decision without what only answering needed
      KeptExchange kept =
          new KeptExchange(
              chunks,
              seq,
              road,
              contract,
              a,
              micros,
              sent,
              incomplete == null,
              tokenLabel.orElse(null),
              url);
      if (p.isPresent()) {
        kept.judgedBy(p.get(), asSent(a));
      }
      if (inTraffic) {
        traffic.add(kept);
      }
      journal.keep(road, kept);
      if (verbose) {
        log(a, sent, given.body());
      }
      if (!firstKept.isDone()) {
        firstKept.complete(null);
      }
    }
  }

  /** An answer's headers as shown: credentials and cookies masked, secrets anywhere masked. */
  static List<Map.Entry<String, String>> maskedHeaders(
      List<Map.Entry<String, String>> headers, SecretMasker masker) {
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      String value =
          lower.equals("set-cookie") || lower.contains("authorization")
              ? SecretMasker.MASK
              : masker.maskHeaderValue(h.getValue());
      // an upstream may echo a secret anywhere, a header's name included
      String name = masker.containsSecret(h.getKey()) ? SecretMasker.MASK : h.getKey();
      out.add(Map.entry(name, value));
    }
    return out;
  }

  private static void log(Arrival a, Exchange.Sent sent, byte[] body) {
    byte[] sentBody = a.shown().body();
    String type = headerOf(sent.headers(), "Content-Type").toLowerCase(Locale.ROOT);
    String answer =
        type.contains("json") || type.startsWith("text/plain")
            ? new String(body, StandardCharsets.UTF_8)
            : "(" + body.length + " bytes of " + (type.isEmpty() ? "no type" : type) + ")";
    LOG.info(
        a.masker()
            .maskLog(
                a.shown().method()
                    + " "
                    + a.shown().target()
                    + " -> "
                    + (sent.status() == 0 ? sent.incomplete().orElse("no answer") : sent.status())
                    + " "
                    + answer
                    + "\n  body: "
                    + (sentBody.length == 0
                        ? "(none)"
                        : new String(sentBody, StandardCharsets.UTF_8))));
  }

  private static String headerOf(List<Map.Entry<String, String>> headers, String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return "";
  }
}
