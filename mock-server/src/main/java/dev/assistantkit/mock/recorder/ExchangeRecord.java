package dev.assistantkit.mock.recorder;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.mock.door.ShownRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One exchange the mock answered or the proxy forwarded, as it may be shown (secrets masked), with
 * what the contract predicted for it: one record for the journal and the traffic alike. The verdict
 * is judged when the exchange is first shown, so recording costs a request nothing but a copy.
 *
 * @param seq its number in the traffic, from 1
 * @param id the exchange's id (its journal entry's)
 * @param road who answered
 * @param started when the request arrived
 * @param micros how long the answer took
 * @param request the request as shown (masked)
 * @param url the URL as shown: the mock's, or the upstream's in proxy mode
 * @param clientIp who sent it
 * @param protocol e.g. HTTP/1.1
 * @param response the answer as shown (its body cut at the kept size)
 * @param prediction what the contract expected, when the request named an operation and an answer
 *     of the server's came back to judge
 * @param incomplete why the answer did not arrive whole (the proxy's upstream stalled or broke off,
 *     or the client went away: its body is then not judged), or at all (the proxy answered a 502
 *     itself: nothing is judged), when it did not
 */
public record ExchangeRecord(
    long seq,
    UUID id,
    Road road,
    Instant started,
    long micros,
    ShownRequest request,
    String url,
    String clientIp,
    String protocol,
    ShownAnswer response,
    Optional<Prediction> prediction,
    Optional<String> incomplete) {

  /** Whether the request named an operation of the contract. */
  public boolean documented() {
    return prediction.isPresent() && prediction.get().first().operation().isPresent();
  }

  /** The verdict, judged now from the answer as it was kept. */
  public Verdict verdict(Contract contract, Profile profile) {
    if (prediction.isEmpty() && incomplete.isPresent()) {
      return Verdict.NO_ANSWER;
    }
    if (!documented()) {
      return Verdict.UNDOCUMENTED;
    }
    Judgement j =
        contract.judge(
            prediction.get(),
            new Observed(
                response.status(),
                response.header("Content-Type").orElse(null),
                response.body(),
                response.truncated()),
            Set.of(),
            Set.of());
    return new Verdict(
        true,
        j.explaining().report(profile),
        j.expected(),
        j.failures(profile),
        j.advice(profile),
        j.covered(),
        incomplete.isPresent());
  }

  /**
   * What the contract says of one exchange.
   *
   * @param documented whether the request named an operation
   * @param requestBreaks the rules the request itself breaks (the contract's answer's report)
   * @param expected what the contract expected, for people
   * @param failures the answer's findings that fail under the profile
   * @param advice the answer's findings that are advice under the profile
   * @param covered the rules the exchange exercised
   * @param incomplete whether the answer did not arrive whole (only its head was judged), or at all
   */
  public record Verdict(
      boolean documented,
      ValidationReport requestBreaks,
      String expected,
      List<Finding> failures,
      List<Finding> advice,
      Set<String> covered,
      boolean incomplete) {

    static final Verdict UNDOCUMENTED =
        new Verdict(false, ValidationReport.empty(), "", List.of(), List.of(), Set.of(), false);

    static final Verdict NO_ANSWER =
        new Verdict(false, ValidationReport.empty(), "", List.of(), List.of(), Set.of(), true);

    /**
     * {@code answer-broke-rules} (the server's answer breaks the contract), {@code
     * answer-incomplete} (it did not arrive whole: the upstream stalled or broke off), {@code
     * request-broke-rules} (the client's request does, and the answer says so), {@code advice}
     * (only decided rules of the answer), {@code ok}, {@code undocumented}, or {@code no-answer}
     * (the proxy's upstream gave none it could pass on).
     */
    public String outcome() {
      if (!documented) {
        return incomplete ? "no-answer" : "undocumented";
      }
      if (!failures.isEmpty()) {
        return "answer-broke-rules";
      }
      if (incomplete) {
        return "answer-incomplete";
      }
      if (!requestBreaks.isEmpty()) {
        return "request-broke-rules";
      }
      return !advice.isEmpty() ? "advice" : "ok";
    }
  }
}
