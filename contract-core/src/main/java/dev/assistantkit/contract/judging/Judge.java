package dev.assistantkit.contract.judging;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.rules.EngineRules;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleBook;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.JsonMappers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares an answer with the contract's prediction: the status (exactly the strict one; or any a
 * documented-conformant server may give), the error body naming the rules (the error-shape group),
 * and the response checks. Each finding names the rule the server broke and carries its origin, so
 * the profile decides whether it fails or advises.
 */
public final class Judge {

  private static final JsonMapper JSON = JsonMappers.plain();

  private final RuleBook book;
  private final EngineRules engine;
  private final ResponseChecks responses;

  public Judge(RuleBook rules, ResponseChecks responses) {
    this.book = rules;
    this.engine = rules.engine();
    this.responses = responses;
  }

  public Judgement judge(
      Prediction prediction, Observed answer, Set<String> subjects, Set<String> skipGroups) {
    int got = answer.status();
    Decision d = explaining(prediction, got);
    List<Finding> out = new ArrayList<>();
    Set<String> covered = new LinkedHashSet<>(subjects);
    Optional<Operation> op = d.operation();
    if (op.isEmpty() || d.fixed()) {
      // a path outside the contract, or a mock control: nothing of the page to judge
      return new Judgement(out, covered, Integer.toString(d.status(Profile.STRICT)), d);
    }
    covered.addAll(d.report(Profile.STRICT).ruleIds());
    for (Stage s : Stage.values()) {
      covered.addAll(d.stage(Profile.DOCUMENTED, s).ruleIds());
    }
    covered.addAll(d.open().ruleIds());
    int strict = d.status(Profile.STRICT);
    Set<Integer> documented = prediction.acceptable(Profile.DOCUMENTED);
    String expected = describe(d, prediction);
    if (got / 100 == 5) {
      engine
          .find(EngineRules.Check.INTERNAL_ERROR, op.get())
          .ifPresent(
              r ->
                  out.add(
                      new Finding(
                          r.id(),
                          r.origin(),
                          "",
                          r.message(
                              Map.of("detail", got + " where the contract expects " + expected)))));
    }
    if (!documented.contains(got)) {
      documentedBreak(d, got, expected, subjects, answer, out);
    } else if (got != strict && !prediction.acceptable(Profile.STRICT).contains(got)) {
      decidedBreak(d, got, strict, expected, out);
    }
    if (got == strict && got / 100 != 2) {
      namesTheRules(d, answer, skipGroups, out);
    }
    List<Finding> checks = responses.check(op.get(), d.parameters(), answer, skipGroups);
    out.addAll(checks);
    for (Rule r : book.responseRules(op.get())) {
      if (r.appliesTo(got) && !skipGroups.contains(r.group().orElse(""))) {
        covered.add(r.id());
      }
    }
    return new Judgement(dedupe(out), covered, expected, d);
  }

  /**
   * The statuses by which a server says that the resource an operation names, or the parent item
   * its collection is under, is not there: the status of the rule that checks existence, as the
   * operation resolves it, and every other status the document allows for it (404 and 410 where the
   * operation declares both); 404 where no rule checks existence.
   */
  public Set<Integer> notFound(Operation op) {
    return engine
        .find(EngineRules.Check.EXISTENCE, op)
        .map(
            r -> {
              Set<Integer> out = new LinkedHashSet<>(r.pageAllows());
              out.add(r.status());
              return Set.copyOf(out);
            })
        .orElse(Set.of(404));
  }

  /** The branch that best explains the status: one answering it exactly, else one allowing it. */
  private static Decision explaining(Prediction p, int got) {
    for (Decision d : p.branches()) {
      if (d.status(Profile.STRICT) == got) {
        return d;
      }
    }
    for (Decision d : p.branches()) {
      if (d.acceptable(Profile.DOCUMENTED).contains(got)) {
        return d;
      }
    }
    return p.first();
  }

  /**
   * A status no documented-conformant server gives: held against the documented rules the request
   * breaks in the documented reading; for a request the page allows, against the documented rule
   * the check is about, else the documented rule the server's error names, else the judge's own
   * rule for an accepted request ({@code accepted} in {@code x-engine-rules}). A success status
   * other than the contract's, for a request the page allows, breaks no rule of the request: the
   * response checks judge the status itself.
   */
  private void documentedBreak(
      Decision d,
      int got,
      String expected,
      Set<String> subjects,
      Observed answer,
      List<Finding> out) {
    Set<String> rules = new LinkedHashSet<>();
    for (Stage s : book.order().stages()) {
      for (Violation v : d.stage(Profile.DOCUMENTED, s).violations()) {
        rules.add(v.ruleId());
      }
    }
    if (rules.isEmpty() && got / 100 == 2) {
      return; // accepted, as the page allows: only the status is off (response.status-declared)
    }
    if (rules.isEmpty()) {
      subjects.stream().filter(this::documented).forEach(rules::add);
    }
    if (rules.isEmpty()) {
      // an accepted request was rejected: held against the rules the server names, if the page's
      namedRules(answer).stream().filter(this::documented).forEach(rules::add);
    }
    if (rules.isEmpty()) {
      rules.add(
          engine
              .find(EngineRules.Check.ACCEPTED, d.operation().orElse(null))
              .map(Rule::id)
              .orElse(Finding.UNATTRIBUTED));
    }
    for (String id : rules) {
      out.add(new Finding(id, Origin.DOCUMENTED, "", "expected " + expected + ", got " + got));
    }
  }

  /** Whether a rule id names a documented rule of the contract. */
  private boolean documented(String id) {
    return book.rule(id).map(r -> r.origin() == Origin.DOCUMENTED).orElse(false);
  }

  /**
   * A status a documented-conformant server may give but this project's decisions do not: held
   * against the decided order, or the decided rules the request breaks (a documented rule whose
   * status the page leaves open is named by the decided rule that chose it), or, for a request the
   * contract accepts, the rule that accepts contents the page leaves open ({@link Decision#open}).
   */
  private void decidedBreak(Decision d, int got, int strict, String expected, List<Finding> out) {
    Optional<Stage> strictStage = d.failedStage(Profile.STRICT);
    List<Stage> gotStages = d.stagesAnswering(got, Profile.STRICT);
    Set<String> rules = new LinkedHashSet<>();
    if (got / 100 != 2
        && strictStage.isPresent()
        && !gotStages.isEmpty()
        && book.order().index(gotStages.get(0)) > book.order().index(strictStage.get())) {
      book.order().ruleOf(strictStage.get()).ifPresent(rules::add);
    }
    if (rules.isEmpty()) {
      for (Violation v : d.report(Profile.STRICT).violations()) {
        if (v.origin() == Origin.DECIDED) {
          rules.add(v.ruleId());
        }
      }
    }
    if (rules.isEmpty() && got / 100 != 2) {
      rules.addAll(d.open().ruleIds());
    }
    if (rules.isEmpty()) {
      rules.addAll(d.report(Profile.STRICT).ruleIds());
    }
    for (String id : rules) {
      out.add(new Finding(id, Origin.DECIDED, "", "expected " + expected + ", got " + got));
    }
  }

  /**
   * An error body must name every rule the contract's answer names (the error-shape group): a
   * finding of the error-body rule, naming the rule the body left out.
   */
  private void namesTheRules(
      Decision d, Observed answer, Set<String> skipGroups, List<Finding> out) {
    Rule errorBody = engine.find(EngineRules.Check.ERROR_NAMES, d.operation().get()).orElse(null);
    String group = errorBody == null ? "" : errorBody.group().orElse("");
    if (errorBody == null || skipGroups.contains(group)) {
      return;
    }
    Set<String> named = namedRules(answer);
    for (String want : d.report(Profile.STRICT).ruleIds()) {
      if (!named.contains(want)) {
        out.add(
            new Finding(
                errorBody.id(),
                errorBody.origin(),
                group,
                "the "
                    + answer.status()
                    + " error body does not name "
                    + want
                    + (named.isEmpty() ? " (it names no rule)" : " (it names " + named + ")")));
      }
    }
  }

  /**
   * What a conformant server answers, for people: the status of the likeliest branch and the rules
   * it names, and the statuses the page allows when they are others.
   */
  public static String expected(Prediction p) {
    return describe(p.first(), p);
  }

  /** "400 naming tts.pair" (strict) and the statuses the documented profile allows. */
  private static String describe(Decision d, Prediction p) {
    int strict = d.status(Profile.STRICT);
    ValidationReport r = d.report(Profile.STRICT);
    String s =
        r.isEmpty()
            ? Integer.toString(strict)
            : strict + " naming " + String.join(", ", r.ruleIds());
    Set<Integer> doc = p.acceptable(Profile.DOCUMENTED);
    if (doc.size() > 1 || !doc.contains(strict)) {
      s +=
          " (the page allows "
              + doc.stream().map(String::valueOf).collect(Collectors.joining(" or "))
              + ")";
    }
    return s;
  }

  /**
   * The rule ids an answer names: an ErrorResponse body's {@code errors[].rule}, and those its
   * {@value Observed#VIOLATIONS_HEADER} header lists (where the body is the document's own shape or
   * text); empty when it names none.
   */
  static Set<String> namedRules(Observed answer) {
    Set<String> out = new LinkedHashSet<>();
    named(answer.body(), true, out);
    if (answer.violations() != null) {
      named(answer.violations().getBytes(java.nio.charset.StandardCharsets.UTF_8), false, out);
    }
    return out;
  }

  private static void named(byte[] json, boolean inErrors, Set<String> out) {
    try {
      JsonNode tree = JSON.readTree(json);
      if (tree != null) {
        for (JsonNode e : inErrors ? tree.path("errors") : tree) {
          if (e.path("rule").isString()) {
            out.add(e.path("rule").asString());
          }
        }
      }
    } catch (JacksonException e) {
      // not JSON: names nothing
    }
  }

  private static List<Finding> dedupe(List<Finding> in) {
    Map<String, Finding> seen = new LinkedHashMap<>();
    for (Finding f : in) {
      seen.putIfAbsent(f.ruleId() + "\n" + f.message(), f);
    }
    return List.copyOf(seen.values());
  }
}
