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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One exchange as the journal and the traffic keep it until it is first shown: what arrived and
 * what went out, every short text of both (the target, the addresses, each header's name and value)
 * written as one text, then the two bodies as they were (the answer's cut at the kept size), all in
 * a chunk shared with other exchanges ({@link Chunks}); and what the contract needs to judge it
 * ({@link Decision#kept}: no request of its own, no body read, no state an update made, the state
 * it saw as one string). Made into its {@link ExchangeRecord}, masked, when first asked for, once.
 *
 * <p>The newest thousand exchanges are kept by default, and under load every young collection
 * copies what they hold: what each holds is what a collection costs, so it holds as few objects as
 * it can, and its bytes where no collection copies them (the request is also where its kept
 * decision finds it again).
 */
final class KeptExchange extends Traffic.Kept
    implements Supplier<ExchangeRecord>, Decision.KeptRequest {

  private static final byte[] WITHHELD =
      "{\"body\":\"withheld: it may hold a secret the mask cannot reach\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final long seq;
  private final Road road;
  private final Contract contract;
  private final long micros;

  // what arrived: the short texts and the body in `bytes`, the rest as the door gave it
  private final long idHigh;
  private final long idLow;
  private final Surface surface;
  private final String method;
  private final String scheme;
  private final String protocol;
  private final int port;
  private final long arrivedMillis;
  private final SecretMasker masker;

  // what went out
  private final int status;
  private final boolean truncated;
  private final boolean own;
  private final boolean answered;
  private final String incomplete;

  // the bytes: in a chunk shared with other exchanges (Chunks), at `at`: the text (the target, the
  // host reached, the peer, the request's headers, the answer's, as one string: a byte a char when
  // every char fits in one, else two), then the request's body, then the answer's
  private final byte[] bytes;
  private final int at;
  private final int textChars;
  private final boolean wide;
  private final int requestLength;
  private final int answerLength;

  private final String tokenLabel;
  private final String upstreamUrl;
  private final Chunks chunks;

  // what the contract decided or predicted, kept for judging (set once, before the exchange is
  // published to the journal and the traffic)
  private Decision decision;
  private Prediction prediction;
  // the text of the state the kept decision saw, in a chunk too (length negative: two bytes a char)
  private byte[] seenBytes;
  private int seenAt;
  private int seenLength;

  private volatile ExchangeRecord record;

  /**
   * @param sent the answer as it went out, its body cut at the kept size already
   * @param answered whether an answer of the server's came back to judge
   * @param tokenLabel what stands for the request's token (null: none)
   * @param upstreamUrl the proxy's upstream (null: the mock answered)
   */
  KeptExchange(
      Chunks chunks,
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
    this.status = sent.status();
    this.truncated = sent.truncated();
    this.own = sent.own();
    this.answered = answered;
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
    // the text is written from the builder, the bodies copied: what stays is in the chunk
    this.textChars = t.length();
    this.wide = Chunks.anyWide(t);
    this.requestLength = a.body().length;
    this.answerLength = sent.body().length;
    int[] where = new int[1];
    this.bytes =
        chunks.take((wide ? 2 * textChars : textChars) + requestLength + answerLength, where);
    this.at = where[0];
    int i = Chunks.writeText(t, bytes, at, wide);
    System.arraycopy(a.body(), 0, bytes, i, requestLength);
    System.arraycopy(sent.body(), 0, bytes, i + requestLength, answerLength);
    this.tokenLabel = tokenLabel;
    this.upstreamUrl = upstreamUrl;
    this.chunks = chunks;
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

  /**
   * Keeps the state the decision saw with this exchange's bytes, for the first decision that asks.
   */
  @Override
  public boolean keepSeen(String text) {
    if (seenBytes != null) {
      return false;
    }
    boolean w = Chunks.anyWide(text);
    int[] where = new int[1];
    byte[] b = chunks.take(w ? 2 * text.length() : text.length(), where);
    Chunks.writeText(text, b, where[0], w);
    seenAt = where[0];
    seenLength = w ? -text.length() : text.length();
    seenBytes = b;
    return true;
  }

  @Override
  public String seen() {
    if (seenBytes == null) {
      throw new IllegalStateException("no state kept");
    }
    return Chunks.readText(seenBytes, seenAt, Math.abs(seenLength), seenLength < 0);
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
    Texts t = new Texts(text());
    String target = t.next();
    t.next();
    t.next();
    return new ApiRequest(method, target, Headers.of(t.headers()), requestBody());
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
    Texts t = new Texts(text());
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
            requestBody(),
            masker,
            arrivedMillis,
            scheme,
            serverName,
            port,
            peer,
            protocol);
    List<Map.Entry<String, String>> answerHeaders = t.headers();
    byte[] answerBody = answerBody();
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

  // ------------------------------------------------------------------ the bytes

  private int textBytes() {
    return wide ? 2 * textChars : textChars;
  }

  private byte[] requestBody() {
    int from = at + textBytes();
    return Arrays.copyOfRange(bytes, from, from + requestLength);
  }

  private byte[] answerBody() {
    int from = at + textBytes() + requestLength;
    return Arrays.copyOfRange(bytes, from, from + answerLength);
  }

  /** The one string, as it was written. */
  private String text() {
    return Chunks.readText(bytes, at, textChars, wide);
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
