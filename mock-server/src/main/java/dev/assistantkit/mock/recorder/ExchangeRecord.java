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
 * @param answered whether an answer of the server's came back to judge (not when the proxy answered
 *     a 502 itself)
 * @param tokenLabel what the recorder kept instead of the request's bearer token (the proxy's
 *     traffic judge's label: one of the keys given, another, or a name that stands for the token)
 * @param incomplete why the answer did not arrive whole (the proxy's upstream stalled or broke off,
 *     or the client went away: its body is then not judged), or at all (the proxy answered a 502
 *     itself: nothing is judged), when it did not
 * @param contract the contract that was serving when the exchange came: it answered or predicted
 *     it, and it judges it (the mock's {@code --watch} may have loaded another since)
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
    boolean answered,
    Optional<String> tokenLabel,
    Optional<String> incomplete,
    Contract contract) {

  /** Whether the request named an operation of the contract. */
  public boolean documented() {
    return prediction.isPresent() && prediction.get().first().operation().isPresent();
  }

  /** The request as the contract reads it: as shown (masked), as a recording of it holds it. */
  public dev.assistantkit.contract.spec.ApiRequest shownRequest() {
    return new dev.assistantkit.contract.spec.ApiRequest(
        request.method(),
        request.target(),
        dev.assistantkit.contract.spec.Headers.of(request.headers()),
        request.body());
  }

  /** The answer as the contract judges it. */
  public Observed observed() {
    return new Observed(
        response.status(),
        response.header("Content-Type").orElse(null),
        response.body(),
        response.truncated(),
        response.header(Observed.VIOLATIONS_HEADER).orElse(null));
  }

  /** Whether no answer of the server's came back to judge (the proxy answered a 502 itself). */
  public boolean unanswered() {
    return !answered;
  }

  /**
   * The verdict, judged now from the answer as it was kept against what was predicted, by the
   * contract that predicted it.
   */
  public Verdict verdict(Profile profile) {
    if (unanswered()) {
      return Verdict.NO_ANSWER;
    }
    if (!documented()) {
      return Verdict.UNDOCUMENTED;
    }
    return verdict(contract.judge(prediction.get(), observed(), Set.of(), Set.of()), profile);
  }

  /** The verdict of a judgement made elsewhere (by the traffic judge, in order). */
  public Verdict verdict(Judgement j, Profile profile) {
    if (j.explaining().operation().isEmpty()) {
      return Verdict.UNDOCUMENTED;
    }
    return new Verdict(
        true,
        j.explaining().report(profile),
        j.expected(),
        j.failures(profile),
        j.advice(profile),
        j.covered(),
        incomplete.isPresent(),
        true);
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
   * @param judged false when judging the exchange failed (it is shown, as not judged)
   */
  public record Verdict(
      boolean documented,
      ValidationReport requestBreaks,
      String expected,
      List<Finding> failures,
      List<Finding> advice,
      Set<String> covered,
      boolean incomplete,
      boolean judged) {

    static final Verdict UNDOCUMENTED =
        new Verdict(
            false, ValidationReport.empty(), "", List.of(), List.of(), Set.of(), false, true);

    /** The proxy's upstream gave no answer it could pass on. */
    public static final Verdict NO_ANSWER =
        new Verdict(
            false, ValidationReport.empty(), "", List.of(), List.of(), Set.of(), true, true);

    /** Judging the exchange failed: it is shown as it is, not judged. */
    public static final Verdict NOT_JUDGED =
        new Verdict(
            false, ValidationReport.empty(), "", List.of(), List.of(), Set.of(), false, false);

    /**
     * {@code answer-broke-rules} (the server's answer breaks the contract), {@code
     * answer-incomplete} (it did not arrive whole: the upstream stalled or broke off), {@code
     * request-broke-rules} (the client's request does, and the answer says so), {@code advice}
     * (only decided rules of the answer), {@code ok}, {@code undocumented}, or {@code no-answer}
     * (the proxy's upstream gave none it could pass on), or {@code not-judged}.
     */
    public String outcome() {
      if (!judged) {
        return "not-judged";
      }
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
