package dev.assistantkit.conformance;

import dev.assistantkit.contract.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * What happened to one case: collected while it runs, then published as one report entry and turned
 * into the JUnit outcome (pass, failure, or abort for advice and skips).
 */
final class CheckRun {

  /** Keys of the report entry every check publishes; the report listener reads them back. */
  static final String CHECK = "check";

  static final String RULES = "rules";
  static final String COVERED = "covered";
  static final String FAILED = "failed";
  static final String ADVICE = "advice";
  static final String EXPECTED = "expected";
  static final String GOT = "got";
  static final String FINDINGS = "findings";
  static final String REASON = "reason";
  static final String ANSWERED = "answered";
  static final String REQUEST = "request";
  static final String RESPONSE = "response";
  static final String CURL = "curl";
  static final String ERROR = "error";

  /** The prefix of an abort message that reports advice rather than a skip. */
  static final String ADVICE_PREFIX = "advice:";

  private final CheckCase check;
  private final Profile profile;
  private final Reproduction reproduction;
  private final Set<String> rules = new LinkedHashSet<>();
  private final List<Finding> findings = new ArrayList<>();
  private Evaluation predicted;
  private Exchange exchange;
  private boolean caseSent;
  private String skipReason;
  private String note;
  private String noAnswer;
  private Throwable error;
  private int answered;

  CheckRun(CheckCase check, Profile profile, Reproduction reproduction) {
    this.check = check;
    this.profile = profile;
    this.reproduction = reproduction;
    rules.addAll(check.subjects());
  }

  void predicted(Evaluation p) {
    predicted = p;
    rules.addAll(p.report().ruleIds());
  }

  void rulesFrom(Optional<Evaluation> p) {
    p.ifPresent(e -> rules.addAll(e.report().ruleIds()));
  }

  void exchange(Exchange ex) {
    exchange = ex;
    caseSent = ex.request() == check.request();
  }

  void findings(List<Finding> found) {
    findings.addAll(found);
  }

  void skip(String reason) {
    skipReason = reason;
  }

  void note(String text) {
    note = text;
  }

  void failNoAnswer(String message) {
    noAnswer = message;
  }

  void error(Throwable t) {
    error = t;
  }

  void answered(int n) {
    answered = n;
  }

  private List<Finding> enforced() {
    return findings.stream().filter(f -> profile.enforces(f.origin())).toList();
  }

  private List<Finding> advised() {
    return findings.stream().filter(f -> !profile.enforces(f.origin())).toList();
  }

  Map<String, String> entries() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put(CHECK, check.id());
    put(e, RULES, String.join(",", rules));
    if (predicted != null) {
      e.put(EXPECTED, Assessor.describe(predicted));
    }
    if (exchange != null) {
      e.put(GOT, exchange.answered() ? Integer.toString(exchange.status()) : "no answer");
      Set<String> covered = new LinkedHashSet<>();
      if (exchange.answered()) {
        if (caseSent) {
          covered.addAll(rules);
        }
        covered.addAll(
            exchange.status() == 200
                ? Assessor.SUCCESS_RESPONSE_RULES
                : Assessor.ERROR_RESPONSE_RULES);
      }
      put(e, COVERED, String.join(",", covered));
    }
    put(e, FAILED, ids(enforced()));
    put(e, ADVICE, ids(advised()));
    put(
        e,
        FINDINGS,
        findings.stream()
            .map(f -> reproduction.maskMessage(f.toString()))
            .collect(Collectors.joining("\n")));
    put(e, REASON, skipReason != null ? skipReason : note);
    e.put(ANSWERED, Integer.toString(answered));
    boolean notable = !findings.isEmpty() || noAnswer != null || error != null;
    if (exchange != null && notable) {
      e.put(REQUEST, reproduction.request(exchange));
      e.put(RESPONSE, reproduction.response(exchange));
      e.put(CURL, reproduction.curl(exchange));
    }
    if (noAnswer != null) {
      e.put(ERROR, noAnswer);
    } else if (error != null) {
      put(e, ERROR, reproduction.maskMessage(String.valueOf(error)));
    }
    return e;
  }

  /** Ends the test: passes, fails, or aborts with the reason (advice included). */
  void raise() {
    if (error instanceof RuntimeException r) {
      throw r;
    }
    if (error instanceof Error r) {
      throw r;
    }
    if (noAnswer != null) {
      throw new AssertionFailedError(noAnswer);
    }
    List<Finding> failed = enforced();
    if (!failed.isEmpty()) {
      throw new AssertionFailedError(check.id() + " violates " + ids(failed) + lines(findings));
    }
    List<Finding> advice = advised();
    if (!advice.isEmpty()) {
      Assumptions.abort(
          ADVICE_PREFIX
              + " "
              + check.id()
              + " breaks "
              + ids(advice)
              + ", decided by this project (not the page); the "
              + profile.wireName()
              + " profile reports it as advice"
              + lines(advice));
    }
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  private String lines(List<Finding> list) {
    return list.stream()
        .map(f -> "\n  " + reproduction.maskMessage(f.toString()))
        .collect(Collectors.joining());
  }

  private static String ids(List<Finding> list) {
    return list.stream().map(Finding::ruleId).distinct().collect(Collectors.joining(","));
  }

  private static void put(Map<String, String> e, String key, String value) {
    if (value != null && !value.isBlank()) {
      e.put(key, Reproduction.printable(value));
    }
  }
}
