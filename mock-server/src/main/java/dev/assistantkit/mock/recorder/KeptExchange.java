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
 * written one after another, then the two bodies as they were (the answer's cut at the kept size),
 * all in a chunk shared with other exchanges ({@link Chunks}); and what the contract needs to judge
 * it ({@link Decision#kept}: no request of its own, no body read, no state an update made, the
 * state it saw as one string). Made into its {@link ExchangeRecord}, masked, when first asked for,
 * once.
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

  // the bytes: in a chunk shared with other exchanges (Chunks), at `at`: the texts (the target, the
  // host reached, the peer, the request's headers, the answer's; each written as Chunks writes a
  // text, the headers after their count), then the request's body, then the answer's
  private final byte[] bytes;
  private final int at;
  private final int textBytes;
  private final int requestLength;
  private final int answerLength;

  private final String tokenLabel;
  private final String upstreamUrl;
  private final Chunks chunks;

  // what the contract decided or predicted, kept for judging (set once, before the exchange is
  // published to the journal and the traffic)
  private Decision decision;
  private Prediction prediction;
  // the text of the state the kept decision saw, in a chunk too
  private byte[] seenBytes;
  private int seenAt;

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
    // the texts written straight into the chunk, the bodies copied: what stays is in the chunk
    this.textBytes =
        Chunks.sizeOf(a.rawTarget())
            + Chunks.sizeOf(a.serverName())
            + Chunks.sizeOf(a.peer())
            + sizeOf(a.headers())
            + sizeOf(sent.headers());
    this.requestLength = a.body().length;
    this.answerLength = sent.body().length;
    int[] where = new int[1];
    this.bytes = chunks.take(textBytes + requestLength + answerLength, where);
    this.at = where[0];
    int i = Chunks.write(a.rawTarget(), bytes, at);
    i = Chunks.write(a.serverName(), bytes, i);
    i = Chunks.write(a.peer(), bytes, i);
    i = write(a.headers(), bytes, i);
    i = write(sent.headers(), bytes, i);
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
    int[] where = new int[1];
    byte[] b = chunks.take(Chunks.sizeOf(text), where);
    Chunks.write(text, b, where[0]);
    seenAt = where[0];
    seenBytes = b;
    return true;
  }

  @Override
  public String seen() {
    if (seenBytes == null) {
      throw new IllegalStateException("no state kept");
    }
    return new Chunks.Reader(seenBytes, seenAt).text();
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
    Chunks.Reader t = new Chunks.Reader(bytes, at);
    String target = t.text();
    t.text();
    t.text();
    return new ApiRequest(method, target, Headers.of(headers(t)), requestBody());
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
    Chunks.Reader t = new Chunks.Reader(bytes, at);
    String target = t.text();
    String serverName = t.text();
    String peer = t.text();
    Arrival a =
        new Arrival(
            new UUID(idHigh, idLow),
            surface,
            method,
            target,
            headers(t),
            requestBody(),
            masker,
            arrivedMillis,
            scheme,
            serverName,
            port,
            peer,
            protocol);
    List<Map.Entry<String, String>> answerHeaders = headers(t);
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

  private byte[] requestBody() {
    int from = at + textBytes;
    return Arrays.copyOfRange(bytes, from, from + requestLength);
  }

  private byte[] answerBody() {
    int from = at + textBytes + requestLength;
    return Arrays.copyOfRange(bytes, from, from + answerLength);
  }

  // ------------------------------------------------------------------ headers

  /** What {@link #write} writes for headers. */
  private static int sizeOf(List<Map.Entry<String, String>> headers) {
    int n = Chunks.sizeOf(headers.size());
    for (Map.Entry<String, String> h : headers) {
      n += Chunks.sizeOf(h.getKey()) + Chunks.sizeOf(h.getValue() == null ? "" : h.getValue());
    }
    return n;
  }

  /** Writes headers: their count, then each name and value (none as empty): where they end. */
  private static int write(List<Map.Entry<String, String>> headers, byte[] bytes, int at) {
    int i = Chunks.write(headers.size(), bytes, at);
    for (Map.Entry<String, String> h : headers) {
      i = Chunks.write(h.getKey(), bytes, i);
      i = Chunks.write(h.getValue() == null ? "" : h.getValue(), bytes, i);
    }
    return i;
  }

  /** Reads back headers {@link #write} wrote. */
  private static List<Map.Entry<String, String>> headers(Chunks.Reader t) {
    int count = t.count();
    @SuppressWarnings("unchecked")
    Map.Entry<String, String>[] out = new Map.Entry[count];
    for (int i = 0; i < count; i++) {
      out[i] = Map.entry(t.text(), t.text());
    }
    return List.of(out);
  }
}
