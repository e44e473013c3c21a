package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Collects what happened while one check ran (its set-up, its exchange, the judge's verdicts) and
 * makes the typed {@link CheckResult}. The outcome follows from the judge's findings under the
 * profile: failures fail, advice advises; nothing here judges an answer.
 */
final class ResultBuilder {

  private final PlannedCheck check;
  private final Profile profile;
  private final Reproduction reproduction;
  private final Predicate<String> isKey;
  private final List<Finding> failures = new ArrayList<>();
  private final List<Finding> advice = new ArrayList<>();
  private final Set<String> covered = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  private String expected = "";
  private String got = "";
  private int sent;
  private int answered;
  private String url = "";
  private ApiRequest shownRequest;
  private Optional<Observed> shownAnswer = Optional.empty();
  private Optional<String> shownError = Optional.empty();
  private Optional<String> shownNote = Optional.empty();

  ResultBuilder(
      PlannedCheck check, Profile profile, Reproduction reproduction, Predicate<String> isKey) {
    this.check = check;
    this.profile = profile;
    this.reproduction = reproduction;
    this.isKey = isKey;
  }

  /**
   * What a conformant server answers to the request about to go out (set-up or the check's own), as
   * the contract says it: a status, the rules it names, the statuses the page allows.
   */
  void expect(String expectation) {
    expected = expectation;
  }

  /** A request went out (set-up or the check's own). */
  void sent(ApiClient.Call ex) {
    sent++;
    if (ex.answered()) {
      answered++;
    }
    show(ex.url(), ex.request(), ex.answer(), ex.error(), ex.note());
  }

  private void show(
      String u,
      ApiRequest request,
      Optional<Observed> answer,
      Optional<String> error,
      Optional<String> note) {
    url = u;
    shownRequest = request;
    shownAnswer = answer;
    shownError = error;
    shownNote = note;
    got = answer.map(a -> Integer.toString(a.status())).orElse("no answer");
    note.ifPresent(notes::add);
  }

  CheckResult skip(String reason) {
    return build(Outcome.SKIP, reason);
  }

  CheckResult noAnswer(ApiClient.Call ex) {
    return build(
        Outcome.FAIL,
        "no answer from "
            + reproduction.maskUrl(ex.url())
            + ": "
            + reproduction.mask(ex.error().orElse("unknown error")));
  }

  /** The set-up request's verdicts count for the check: a server that rejects it broke a rule. */
  void setUp(String name, ApiClient.Call ex, Judgement j) {
    add(j);
    notes.add("set up with the spec's " + name + " (answered " + got + ")");
  }

  CheckResult setUpFailed(String reason) {
    return build(failures.isEmpty() ? Outcome.SKIP : Outcome.FAIL, reason);
  }

  /** The check's own exchange, judged. */
  CheckResult judged(ApiClient.Call ex, Judgement j) {
    expected = j.expected();
    add(j);
    return build(outcome(), "");
  }

  /** A recorded exchange, judged (nothing was sent). */
  CheckResult recorded(String recordedUrl, ApiRequest request, Observed answer, Judgement j) {
    answered++;
    show(recordedUrl, request, Optional.of(answer), Optional.empty(), Optional.empty());
    if (answer.truncated()) {
      notes.add("the recording holds no (complete) body: it is not judged as JSON");
    }
    expected = j.expected();
    add(j);
    return build(outcome(), "");
  }

  private void add(Judgement j) {
    for (Finding f : LiveChecker.masked(j.failures(profile), reproduction)) {
      if (!failures.contains(f)) {
        failures.add(f);
      }
    }
    for (Finding f : LiveChecker.masked(j.advice(profile), reproduction)) {
      if (!advice.contains(f)) {
        advice.add(f);
      }
    }
    covered.addAll(j.covered());
  }

  private Outcome outcome() {
    return !failures.isEmpty() ? Outcome.FAIL : !advice.isEmpty() ? Outcome.ADVICE : Outcome.PASS;
  }

  private CheckResult build(Outcome outcome, String reason) {
    List<String> why = new ArrayList<>();
    if (!reason.isEmpty()) {
      why.add(reason);
    }
    why.addAll(notes);
    boolean notable = outcome == Outcome.FAIL || outcome == Outcome.ADVICE;
    boolean shown = notable && shownRequest != null;
    return new CheckResult(
        check.id(),
        check.kind(),
        check.operationLabel(),
        outcome,
        failures,
        outcome == Outcome.SKIP ? List.of() : advice,
        check.subjects(),
        answered > 0 ? covered : Set.of(),
        reproduction.maskMessage(expected),
        got,
        reproduction.maskMessage(String.join("; ", why)),
        shown ? reproduction.request(url, shownRequest) : "",
        shown ? reproduction.response(shownAnswer, shownError, shownNote) : "",
        shown ? reproduction.curl(url, shownRequest, isKey) : "",
        sent,
        answered);
  }
}
