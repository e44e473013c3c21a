package dev.assistantkit.mock.recorder;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.door.Arrival;
import dev.assistantkit.mock.door.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One exchange as the journal and the traffic keep it until it is first shown: what arrived ({@link
 * Arrival#kept}: its headers in one string), what went out (its headers in one string, its body cut
 * at the kept size), and what the contract needs to judge it ({@link Prediction#kept}: no body
 * read, no state an update made). Made into its {@link ExchangeRecord}, masked, when first asked
 * for, once.
 *
 * <p>The newest thousand exchanges are kept by default, and under load every young collection
 * copies what they hold: what each holds is what a collection costs, so it holds as few objects as
 * its parts allow.
 */
final class KeptExchange implements Supplier<ExchangeRecord> {

  private static final byte[] WITHHELD =
      "{\"body\":\"withheld: it may hold a secret the mask cannot reach\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final long seq;
  private final Road road;
  private final long micros;
  private final boolean answered;
  private final int status;
  private final boolean truncated;
  private final boolean own;

  // what the record is made of: let go once it is made
  private Contract contract;
  private Arrival arrival;
  private List<Map.Entry<String, String>> headers;
  private byte[] body;
  private String incomplete;
  private Prediction prediction;
  private String tokenLabel;
  private String upstreamUrl;

  private volatile ExchangeRecord record;

  /**
   * @param arrival the request as kept ({@link Arrival#kept})
   * @param sent the answer as it went out, its body cut at the kept size already
   * @param answered whether an answer of the server's came back to judge
   * @param prediction what the contract decided or predicted, kept for judging (null: nothing)
   * @param tokenLabel what stands for the request's token (null: none)
   * @param upstreamUrl the proxy's upstream (null: the mock answered)
   */
  KeptExchange(
      long seq,
      Road road,
      Contract contract,
      Arrival arrival,
      long micros,
      Exchange.Sent sent,
      boolean answered,
      Prediction prediction,
      String tokenLabel,
      String upstreamUrl) {
    this.seq = seq;
    this.road = road;
    this.contract = contract;
    this.arrival = arrival;
    this.micros = micros;
    this.status = sent.status();
    this.headers = sent.headers().isEmpty() ? List.of() : Headers.compact(sent.headers()).entries();
    this.body = sent.body();
    this.truncated = sent.truncated();
    this.incomplete = sent.incomplete().orElse(null);
    this.own = sent.own();
    this.answered = answered;
    this.prediction = prediction;
    this.tokenLabel = tokenLabel;
    this.upstreamUrl = upstreamUrl;
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
          contract = null;
          arrival = null;
          headers = null;
          body = null;
          incomplete = null;
          prediction = null;
          tokenLabel = null;
          upstreamUrl = null;
        }
      }
    }
    return r;
  }

  private ExchangeRecord make() {
    Arrival a = arrival;
    SecretMasker masker = a.masker();
    byte[] shownBody =
        own || body.length == 0 ? body : masker.maskBodyForDisplay(body).orElse(WITHHELD);
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
            Recorder.maskedHeaders(headers, masker),
            shownBody,
            truncated || incomplete != null),
        Optional.ofNullable(prediction),
        answered,
        Optional.ofNullable(tokenLabel),
        Optional.ofNullable(incomplete),
        contract);
  }
}
