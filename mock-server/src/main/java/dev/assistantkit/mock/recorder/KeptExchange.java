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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * it: most often one text in the chunk too, the decision made again from it and the request when
 * judged ({@link Decision#keptAsText}); else the decision's kept form ({@link Decision#kept}: no
 * request of its own, no body read, no state an update made, the state it saw as one string). Made
 * into its {@link ExchangeRecord}, masked, when first asked for, once.
 *
 * <p>The newest thousand exchanges are kept by default, in the journal and the traffic (the same
 * object in both, until the journal makes its event of it), and under load every young collection
 * copies what they hold: what each holds is what a collection costs, so it is one object where it
 * can be, and its bytes where no collection copies them (the request is also where its kept
 * decision finds it again).
 */
final class KeptExchange implements Traffic.Kept, Journal.Entry, Decision.KeptRequest {

  private static final byte[] WITHHELD =
      "{\"body\":\"withheld: it may hold a secret the mask cannot reach\"}"
          .getBytes(StandardCharsets.UTF_8);

  // where each number is in the bytes, at `at`, before the texts
  private static final int SEQ = 0;
  private static final int MICROS = 8;
  private static final int ID_HIGH = 16;
  private static final int ID_LOW = 24;
  private static final int ARRIVED = 32;
  private static final int PORT = 40;
  private static final int STATUS = 44;
  private static final int TEXT_BYTES = 48;
  private static final int REQUEST_LENGTH = 52;
  private static final int ANSWER_LENGTH = 56;
  private static final int NUMBERS = 60;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final Road road;
  private final Contract contract;

  // what arrived: its numbers, short texts and body in `bytes`, the rest as the door gave it
  private final Surface surface;
  private final String method;
  private final String scheme;
  private final String protocol;
  private final SecretMasker masker;

  // what went out
  private final boolean truncated;
  private final boolean own;
  private final boolean answered;
  private final String incomplete;

  // the bytes: in a chunk shared with other exchanges (Chunks), at `at`: the numbers (the sequence
  // number, the time taken, the id, when it arrived, the port, the status, then how long the texts
  // and the bodies are), the texts (the target, the host reached, the peer, the request's headers,
  // the answer's; each written as Chunks writes a text, the headers after their count), then the
  // request's body, then the answer's
  private final byte[] bytes;
  private final int at;

  private final String tokenLabel;
  private final String upstreamUrl;
  private final Chunks chunks;

  // what the contract decided or predicted, kept for judging (set once, before the exchange is
  // published to the journal and the traffic)
  private Decision decision;
  private Prediction prediction;
  // the decision is the text in `seenBytes`, made again when judged (Decision#keptAsText)
  private boolean decidedAsText;
  // the text of the state the kept decision saw, or of the decision, in a chunk too
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
    this.road = road;
    this.contract = contract;
    this.surface = a.surface();
    this.method = a.method();
    this.scheme = a.scheme();
    this.protocol = a.protocol();
    this.masker = a.masker();
    this.truncated = sent.truncated();
    this.own = sent.own();
    this.answered = answered;
    this.incomplete = sent.incomplete().orElse(null);
    // the texts written straight into the chunk, the bodies copied: what stays is in the chunk
    int textBytes =
        Chunks.sizeOf(a.rawTarget())
            + Chunks.sizeOf(a.serverName())
            + Chunks.sizeOf(a.peer())
            + sizeOf(a.headers())
            + sizeOf(sent.headers());
    int requestLength = a.body().length;
    int answerLength = sent.body().length;
    int[] where = new int[1];
    this.bytes = chunks.take(NUMBERS + textBytes + requestLength + answerLength, where);
    this.at = where[0];
    LONG.set(bytes, at + SEQ, seq);
    LONG.set(bytes, at + MICROS, micros);
    LONG.set(bytes, at + ID_HIGH, a.id().getMostSignificantBits());
    LONG.set(bytes, at + ID_LOW, a.id().getLeastSignificantBits());
    LONG.set(bytes, at + ARRIVED, a.arrivedMillis());
    INT.set(bytes, at + PORT, a.port());
    INT.set(bytes, at + STATUS, sent.status());
    INT.set(bytes, at + TEXT_BYTES, textBytes);
    INT.set(bytes, at + REQUEST_LENGTH, requestLength);
    INT.set(bytes, at + ANSWER_LENGTH, answerLength);
    int i = Chunks.write(a.rawTarget(), bytes, at + NUMBERS);
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
      // most decisions are kept as a text with the bytes (Decision#keptAsText), no object at all
      if (p.first().keptAsText(this, asSent)) {
        this.decidedAsText = true;
      } else {
        this.decision = p.first().kept(this, asSent);
      }
    } else {
      this.prediction = p.kept(this, asSent);
    }
  }

  /** Whether its decision is kept as a text, no object (Decision#keptAsText). */
  boolean decisionKeptAsText() {
    return decidedAsText;
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
  public UUID id() {
    return new UUID(number(ID_HIGH), number(ID_LOW));
  }

  @Override
  public boolean is(UUID id) {
    return id.getMostSignificantBits() == number(ID_HIGH)
        && id.getLeastSignificantBits() == number(ID_LOW);
  }

  @Override
  public long seq() {
    return number(SEQ);
  }

  @Override
  public Supplier<ExchangeRecord> record() {
    return this;
  }

  /** The request as it arrived, as the contract reads requests (its kept decision's request). */
  @Override
  public ApiRequest request() {
    Chunks.Reader t = new Chunks.Reader(bytes, at + NUMBERS);
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
    Chunks.Reader t = new Chunks.Reader(bytes, at + NUMBERS);
    String target = t.text();
    String serverName = t.text();
    String peer = t.text();
    Arrival a =
        new Arrival(
            id(),
            surface,
            method,
            target,
            headers(t),
            requestBody(),
            masker,
            number(ARRIVED),
            scheme,
            serverName,
            count(PORT),
            peer,
            protocol);
    List<Map.Entry<String, String>> answerHeaders = headers(t);
    byte[] answerBody = answerBody();
    byte[] shownBody =
        own || answerBody.length == 0
            ? answerBody
            : masker.maskBodyForDisplay(answerBody).orElse(WITHHELD);
    Decision d = decidedAsText ? contract.keptDecision(this) : decision;
    Optional<Prediction> p =
        d != null ? Optional.of(new Prediction(List.of(d))) : Optional.ofNullable(prediction);
    return new ExchangeRecord(
        seq(),
        a.id(),
        road,
        a.arrived(),
        number(MICROS),
        a.shown(),
        upstreamUrl != null ? upstreamUrl + a.shown().target() : a.absoluteUrl(),
        a.clientIp(),
        a.protocol(),
        new ShownAnswer(
            count(STATUS),
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
    int from = at + NUMBERS + count(TEXT_BYTES);
    return Arrays.copyOfRange(bytes, from, from + count(REQUEST_LENGTH));
  }

  private byte[] answerBody() {
    int from = at + NUMBERS + count(TEXT_BYTES) + count(REQUEST_LENGTH);
    return Arrays.copyOfRange(bytes, from, from + count(ANSWER_LENGTH));
  }

  private long number(int field) {
    return (long) LONG.get(bytes, at + field);
  }

  private int count(int field) {
    return (int) INT.get(bytes, at + field);
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
