package dev.assistantkit.mock.traffic;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.ValidationReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One exchange the mock answered or the proxy forwarded, as it may be shown (secrets masked), with
 * what the contract predicted for it. The judgement is made when the exchange is first shown, so
 * recording costs the request nothing but a copy.
 *
 * @param seq its number, from 1
 * @param started when the request arrived
 * @param micros how long the answer took
 * @param request the request as shown (masked)
 * @param response the answer as shown (masked; its body cut at the kept size)
 * @param prediction what the contract expected, when the request named an operation and an answer
 *     of the server's came back to judge
 * @param incomplete why the answer did not arrive whole (the proxy's upstream stalled or broke off,
 *     or the client went away: its body is then not judged), or at all (the proxy answered a 502
 *     itself: nothing is judged), when it did not
 */
public record Recorded(
    long seq,
    Instant started,
    long micros,
    Shown request,
    Shown response,
    Optional<Prediction> prediction,
    Optional<String> incomplete) {

  /** An exchange whose answer arrived whole. */
  public Recorded(
      long seq,
      Instant started,
      long micros,
      Shown request,
      Shown response,
      Optional<Prediction> prediction) {
    this(seq, started, micros, request, response, prediction, Optional.empty());
  }

  /**
   * A message as it may be shown.
   *
   * @param method the method (requests)
   * @param url the URL (requests), masked
   * @param status the status (responses)
   * @param headers the headers, masked
   * @param body the body, masked or withheld
   * @param truncated whether the body was cut at the kept size, or did not arrive whole
   */
  public record Shown(
      String method,
      String url,
      int status,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      boolean truncated) {

    public Optional<String> header(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst();
    }
  }

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
    Judgement j = judge(contract);
    return new Verdict(
        true,
        j.explaining().report(profile),
        j.expected(),
        j.failures(profile),
        j.advice(profile),
        j.covered(),
        incomplete.isPresent());
  }

  private Judgement judge(Contract contract) {
    return contract.judge(
        prediction.get(),
        new Observed(
            response.status(),
            response.header("Content-Type").orElse(null),
            response.body(),
            response.truncated()),
        Set.of(),
        Set.of());
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
