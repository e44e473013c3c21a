package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Finding;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one check came to: the typed record every report is rendered from. Every text in it is
 * masked already (no key, no api_key value, no cookie).
 *
 * @param id a stable name, unique in the run, e.g. {@code tts.pair/model-without-config}
 * @param kind where the check comes from
 * @param operation the operation it addresses ({@code PATCH /path/{id}}), or "" for none
 * @param outcome pass, fail, advice or skip
 * @param failures the findings the profile fails
 * @param advice the findings the profile reports without failing
 * @param subjects the rules the check is about
 * @param covered the rules an answered exchange of the check exercised (empty when none answered)
 * @param expected what the contract expected, for people (e.g. {@code 400 naming tts.pair})
 * @param got the status that came, {@code no answer}, or "" when nothing was sent
 * @param reason why it was skipped, or a note on how it ran
 * @param request the request as sent, masked ("" unless the check failed or advised)
 * @param response the answer, masked ("" unless the check failed or advised)
 * @param curl a command that sends the request again ("" unless the check failed or advised)
 * @param sent how many requests it sent (set-up included)
 * @param answered how many of them got an HTTP answer
 */
public record CheckResult(
    String id,
    CheckKind kind,
    String operation,
    Outcome outcome,
    List<Finding> failures,
    List<Finding> advice,
    Set<String> subjects,
    Set<String> covered,
    String expected,
    String got,
    String reason,
    String request,
    String response,
    String curl,
    int sent,
    int answered) {

  public CheckResult {
    failures = List.copyOf(failures);
    advice = List.copyOf(advice);
    subjects = Set.copyOf(subjects);
    covered = Set.copyOf(covered);
  }

  /** The ids of the rules a list of findings names, each once, in order. */
  static List<String> ruleIds(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).distinct().toList();
  }

  /** One line saying why the check failed, advised or skipped; empty for a pass. */
  public Optional<String> summary() {
    return switch (outcome) {
      case PASS -> Optional.empty();
      case SKIP -> Optional.of(reason);
      case FAIL ->
          Optional.of(
              failures.isEmpty()
                  ? reason
                  : "violates " + String.join(", ", ruleIds(failures)) + ": " + lines(failures));
      case ADVICE ->
          Optional.of(
              "breaks "
                  + String.join(", ", ruleIds(advice))
                  + " (decided by this project, not the page): "
                  + lines(advice));
    };
  }

  private static String lines(List<Finding> findings) {
    return String.join("; ", findings.stream().map(Finding::message).distinct().toList());
  }
}
