package dev.assistantkit.mock.recorder;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.door.Arrival;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Surface;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One exchange as the journal and the traffic keep it until it is first shown: what arrived and
 * what went out, every short text of both (the target, the addresses, each header's name and value)
 * in one string, the two bodies as they were (the answer's cut at the kept size), and what the
 * contract needs to judge it ({@link Decision#kept}: no request of its own, no body read, no state
 * an update made, the state it saw as one string). Made into its {@link ExchangeRecord}, masked,
 * when first asked for, once.
 *
 * <p>The newest thousand exchanges are kept by default, and under load every young collection
 * copies what they hold: what each holds is what a collection costs, so it holds as few objects as
 * it can (the request is also where its kept decision finds it again).
 */
final class KeptExchange implements Supplier<ExchangeRecord>, Decision.KeptRequest, Traffic.Kept {

  private static final byte[] WITHHELD =
      "{\"body\":\"withheld: it may hold a secret the mask cannot reach\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final long seq;
  private final Road road;
  private final Contract contract;
  private final long micros;

  // what arrived: the short texts in `text`, the rest as the door gave it
  private final long idHigh;
  private final long idLow;
  private final Surface surface;
  private final String method;
  private final String scheme;
  private final String protocol;
  private final int port;
  private final long arrivedMillis;
  private final SecretMasker masker;
  private final byte[] requestBody;

  // what went out
  private final int status;
  private final boolean truncated;
  private final boolean own;
  private final boolean answered;
  private final byte[] answerBody;
  private final String incomplete;

  /** The target, the host reached, the peer, the request's headers, the answer's: one string. */
  private final String text;

  private final String tokenLabel;
  private final String upstreamUrl;

  // what the contract decided or predicted, kept for judging (set once, before the exchange is
  // published to the journal and the traffic)
  private Decision decision;
  private Prediction prediction;

  private volatile ExchangeRecord record;

  /**
   * @param sent the answer as it went out, its body cut at the kept size already
   * @param answered whether an answer of the server's came back to judge
   * @param tokenLabel what stands for the request's token (null: none)
   * @param upstreamUrl the proxy's upstream (null: the mock answered)
   */
  KeptExchange(
      long seq,
      Road road,
      Contract contract,
      Arrival a,
      long micros,
      Exchange.Sent sent,
      boolean answered,
      String tokenLabel,
      String upstreamUrl) {
    this.seq = seq;
    this.road = road;
    this.contract = contract;
    this.micros = micros;
    this.idHigh = a.id().getMostSignificantBits();
    this.idLow = a.id().getLeastSignificantBits();
    this.surface = a.surface();
    this.method = a.method();
    this.scheme = a.scheme();
    this.protocol = a.protocol();
    this.port = a.port();
    this.arrivedMillis = a.arrivedMillis();
    this.masker = a.masker();
    this.requestBody = a.body();
    this.status = sent.status();
    this.truncated = sent.truncated();
    this.own = sent.own();
    this.answered = answered;
    this.answerBody = sent.body();
    this.incomplete = sent.incomplete().orElse(null);
    // sized once: the string is all this builder allocates
    int length =
        length(a.rawTarget()) + length(a.serverName()) + length(a.peer()) + length(a.headers());
    StringBuilder t = new StringBuilder(length + length(sent.headers()));
    field(t, a.rawTarget());
    field(t, a.serverName());
    field(t, a.peer());
    headers(t, a.headers());
    headers(t, sent.headers());
    this.text = t.toString();
    this.tokenLabel = tokenLabel;
    this.upstreamUrl = upstreamUrl;
  }

  /**
   * What the contract decided or predicted, kept for judging ({@link Decision#kept}): called once,
   * before the exchange is given to the journal and the traffic.
   *
   * @param asSent the request as it arrived ({@link #request()} gives the same again)
   */
  void judgedBy(Prediction p, ApiRequest asSent) {
    if (p.branches().size() == 1) {
      this.decision = p.first().kept(this, asSent);
    } else {
      this.prediction = p.kept(this, asSent);
    }
  }

  @Override
  public long seq() {
    return seq;
  }

  @Override
  public Supplier<ExchangeRecord> record() {
    return this;
  }

  /** The request as it arrived, as the contract reads requests (its kept decision's request). */
  @Override
  public ApiRequest request() {
    Texts t = new Texts(text);
    String target = t.next();
    t.next();
    t.next();
    return new ApiRequest(method, target, Headers.of(t.headers()), requestBody);
  }

  @Override
  public ExchangeRecord get() {
    ExchangeRecord r = record;
    if (r == null) {
      synchronized (this) {
        r = record;
        if (r == null) {
          r = make();
          record = r;
        }
      }
    }
    return r;
  }

  private ExchangeRecord make() {
    Texts t = new Texts(text);
    String target = t.next();
    String serverName = t.next();
    String peer = t.next();
    Arrival a =
        new Arrival(
            new UUID(idHigh, idLow),
            surface,
            method,
            target,
            t.headers(),
            requestBody,
            masker,
            arrivedMillis,
            scheme,
            serverName,
            port,
            peer,
            protocol);
    List<Map.Entry<String, String>> answerHeaders = t.headers();
    byte[] shownBody =
        own || answerBody.length == 0
            ? answerBody
            : masker.maskBodyForDisplay(answerBody).orElse(WITHHELD);
    Optional<Prediction> p =
        decision != null
            ? Optional.of(new Prediction(List.of(decision)))
            : Optional.ofNullable(prediction);
    return new ExchangeRecord(
        seq,
        a.id(),
        road,
        a.arrived(),
        micros,
        a.shown(),
        upstreamUrl != null ? upstreamUrl + a.shown().target() : a.absoluteUrl(),
        a.clientIp(),
        a.protocol(),
        new ShownAnswer(
            status,
            Recorder.maskedHeaders(answerHeaders, masker),
            shownBody,
            truncated || incomplete != null),
        p,
        answered,
        Optional.ofNullable(tokenLabel),
        Optional.ofNullable(incomplete),
        contract);
  }

  // ------------------------------------------------------------------ the one string

  /** Adds a text: its length, a colon, the text (any char, exactly); a tilde for none. */
  private static void field(StringBuilder t, String s) {
    if (s == null) {
      t.append('~');
    } else {
      t.append(s.length()).append(':').append(s);
    }
  }

  /** What {@link #field} adds. */
  private static int length(String s) {
    return s == null ? 1 : digits(s.length()) + 1 + s.length();
  }

  private static int digits(int n) {
    int d = 1;
    for (int x = n; x >= 10; x /= 10) {
      d++;
    }
    return d;
  }

  /** What {@link #headers} adds. */
  private static int length(List<Map.Entry<String, String>> headers) {
    int n = digits(headers.size()) + 1;
    for (Map.Entry<String, String> h : headers) {
      n += length(h.getKey()) + length(h.getValue() == null ? "" : h.getValue());
    }
    return n;
  }

  /** Adds headers: their count, a semicolon, then each name and value as a text. */
  private static void headers(StringBuilder t, List<Map.Entry<String, String>> headers) {
    t.append(headers.size()).append(';');
    for (Map.Entry<String, String> h : headers) {
      field(t, h.getKey());
      field(t, h.getValue() == null ? "" : h.getValue());
    }
  }

  /** Reads the one string back, in the order it was written. */
  private static final class Texts {
    private final String text;
    private int at;

    Texts(String text) {
      this.text = text;
    }

    String next() {
      if (text.charAt(at) == '~') {
        at++;
        return null;
      }
      int colon = text.indexOf(':', at);
      int length = Integer.parseInt(text, at, colon, 10);
      at = colon + 1 + length;
      return text.substring(colon + 1, at);
    }

    List<Map.Entry<String, String>> headers() {
      int semicolon = text.indexOf(';', at);
      int count = Integer.parseInt(text, at, semicolon, 10);
      at = semicolon + 1;
      @SuppressWarnings("unchecked")
      Map.Entry<String, String>[] out = new Map.Entry[count];
      for (int i = 0; i < count; i++) {
        out[i] = Map.entry(next(), next());
      }
      return List.of(out);
    }
  }
}
