package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.answers.Answers;
import dev.assistantkit.contract.rules.EvaluationOrder;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.TreeText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's whole decision on one request, under one set of assumptions (the key accepted or
 * not, the resource present in a state or absent): every stage's violations, in both readings, the
 * status each profile answers, the statuses a conformant server may answer, and the new state and
 * the answer when the request is accepted. The readings are computed when first asked for, so the
 * mock pays only for the profile it serves.
 */
public final class Decision {

  /**
   * What the decision assumed where the caller did not know.
   *
   * @param key whether the bearer token was taken as accepted (null: no credentials involved)
   * @param resource the resource as assumed (null: the operation names none)
   */
  public record Assumption(Knowledge.KeyVerdict key, Knowledge.ResourceView resource) {}

  /**
   * What every decision of a contract shares: the order of the stages, how answers are written, and
   * how the documented reading prunes an update.
   *
   * @param order the decided order of the stages
   * @param answers the contract's answers
   * @param pruner what the documented reading keeps of an update
   */
  public record Basis(EvaluationOrder order, Answers answers, Pruner pruner) {}

  /**
   * The assumption of a decision kept for judging, its state's fields as text ({@link TreeText}):
   * one string where the tree was a few objects per field.
   */
  private record Seen(
      Knowledge.KeyVerdict key, String id, String fields, long version, boolean complete) {

    Assumption assumption() {
      ObjectNode tree = (ObjectNode) TreeText.read(fields);
      return new Assumption(
          key, new Knowledge.Present(new ResourceState(id, tree, version, complete)));
    }
  }

  private final Basis basis;
  private final ApiRequest request;
  private final Route route;

  /** Null for a decision kept for judging whose state is held as text ({@link #seen}). */
  private final Assumption assumption;

  /** A kept decision's assumption, its state's fields as text: made again when asked for. */
  private final Seen seen;

  private final Optional<Answer> fixedAnswer;
  private final ValidationReport fixedReport;

  /** Makes the readings when first asked for; null for a fixed decision (it has none). */
  private final Evaluator reader;

  /** Whether this is a decision kept for judging ({@link #kept}): its readings keep no body. */
  private final boolean keptForJudging;

  // each made when first asked for, under this decision's lock: the mock pays for one reading only
  private Stages strict;
  private Stages documented;
  private Optional<ResourceState> appliedStrict;
  private Optional<ResourceState> appliedDocumented;

  /**
   * @param reader makes the two readings of the request when first asked for (null: the decision is
   *     fixed, it has none)
   */
  Decision(
      Basis basis,
      ApiRequest request,
      Route route,
      Assumption assumption,
      Optional<Answer> fixedAnswer,
      ValidationReport fixedReport,
      Evaluator reader) {
    this(basis, request, route, assumption, null, fixedAnswer, fixedReport, reader, false);
  }

  private Decision(
      Basis basis,
      ApiRequest request,
      Route route,
      Assumption assumption,
      Seen seen,
      Optional<Answer> fixedAnswer,
      ValidationReport fixedReport,
      Evaluator reader,
      boolean keptForJudging) {
    this.keptForJudging = keptForJudging;
    this.seen = seen;
    this.basis = basis;
    this.request = request;
    this.route = route;
    this.assumption = assumption;
    this.fixedAnswer = fixedAnswer;
    this.fixedReport = fixedReport;
    this.reader = reader;
  }

  /**
   * This decision as kept to be judged later (a mock keeps one per exchange in its journal): it
   * answers every question a judge asks as this one does, and holds only what a judge needs: not
   * the body as a reading read it, nor the state an accepted update made (it is not for answering:
   * {@link #body} and {@link #applied} are empty). A reading not made yet is made from the request
   * when first asked for.
   *
   * @param headers the request's headers as the caller keeps them ({@link Headers#compact()}): kept
   *     in place of the request's own when they hold the same entries, so that one copy serves
   *     both; else the request's own are kept, compact
   */
  public synchronized Decision kept(Headers headers) {
    Headers h = headers.sameEntries(request.headers()) ? headers : request.headers().compact();
    Assumption a = assumption;
    Seen text = seen;
    if (a != null && a.resource() instanceof Knowledge.Present p) {
      // a state is a tree of a few objects per field: kept as one string instead
      Optional<String> fields = TreeText.write(p.state().fields());
      if (fields.isPresent()) {
        ResourceState st = p.state();
        text = new Seen(a.key(), st.id(), fields.get(), st.version(), st.complete());
        a = null;
      }
    }
    Decision k =
        new Decision(
            basis, request.withHeaders(h), route, a, text, fixedAnswer, fixedReport, reader, true);
    k.strict = strict == null ? null : strict.withoutBody();
    k.documented = documented == null ? null : documented.withoutBody();
    k.appliedStrict = Optional.empty();
    k.appliedDocumented = Optional.empty();
    return k;
  }

  public ApiRequest request() {
    return request;
  }

  public Route route() {
    return route;
  }

  public Assumption assumption() {
    return assumption != null ? assumption : seen.assumption();
  }

  /** The operation the request names, if it names one. */
  public Optional<Operation> operation() {
    return route instanceof Route.Matched m ? Optional.of(m.operation()) : Optional.empty();
  }

  /** The path parameters, percent-decoded (empty when no operation matched). */
  public Map<String, String> parameters() {
    return route instanceof Route.Matched m ? m.parameters() : Map.of();
  }

  /** Whether a mock control (Prefer) or the route decided the answer, not the stages. */
  public boolean fixed() {
    return fixedAnswer.isPresent();
  }

  /** The resource the decision saw, when it assumed one present. */
  public Optional<ResourceState> resourceSeen() {
    return assumption().resource() instanceof Knowledge.Present p
        ? Optional.of(p.state())
        : Optional.empty();
  }

  synchronized Stages stages(Profile profile) {
    if (profile == Profile.STRICT) {
      if (strict == null) {
        strict = read(Profile.STRICT);
      }
      return strict;
    }
    if (documented == null) {
      documented = read(Profile.DOCUMENTED);
    }
    return documented;
  }

  private Stages read(Profile reading) {
    Stages s = reader.stages(request, (Route.Matched) route, assumption(), reading);
    return keptForJudging ? s.withoutBody() : s;
  }

  /** The violations one stage found under a profile's reading. */
  public ValidationReport stage(Profile profile, Stage stage) {
    return fixed() ? ValidationReport.empty() : stages(profile).of(stage);
  }

  /** The stage that decides the answer under a profile: the first, in order, that failed. */
  public Optional<Stage> failedStage(Profile profile) {
    if (fixed()) {
      return Optional.empty();
    }
    Stages s = stages(profile);
    for (Stage stage : basis.order().stages()) {
      if (!s.of(stage).isEmpty()) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }

  /** The violations behind the answer under a profile; empty when the request is accepted. */
  public ValidationReport report(Profile profile) {
    if (fixed()) {
      return fixedReport;
    }
    return failedStage(profile).map(st -> stages(profile).of(st)).orElse(ValidationReport.empty());
  }

  /** The status the contract answers under a profile. */
  public int status(Profile profile) {
    if (fixed()) {
      return fixedAnswer.get().status();
    }
    ValidationReport r = report(profile);
    return r.isEmpty() ? successStatus() : r.status();
  }

  public boolean accepted(Profile profile) {
    return status(profile) / 100 == 2;
  }

  private int successStatus() {
    return operation().map(Operation::successStatus).orElse(200);
  }

  /**
   * What the request sends whose contents the page leaves open (a provider's settings other than
   * the page shows them): findings of the rules that say so, found by the documented reading. A
   * server following the page may refuse such a request though the page requires nothing of it.
   */
  public ValidationReport open() {
    return fixed() ? ValidationReport.empty() : stages(Profile.DOCUMENTED).open();
  }

  /**
   * The statuses a server conformant under the profile may answer. Strict: exactly the contract's.
   * Documented: the status of any stage that fails in either reading, in any order (the order is
   * decided), and every status the page allows for a violation whose status it leaves open ({@link
   * Violation#pageAllows}); and the success status too when the documented reading finds nothing
   * (the page does not require the rejection), with every status the page allows for contents it
   * leaves open ({@link #open}).
   */
  public Set<Integer> acceptable(Profile profile) {
    Set<Integer> out = new LinkedHashSet<>();
    if (fixed() || profile == Profile.STRICT) {
      out.add(status(Profile.STRICT));
      return out;
    }
    Stages doc = stages(Profile.DOCUMENTED);
    Stages str = stages(Profile.STRICT);
    boolean required = false;
    for (Stage s : basis.order().stages()) {
      if (!doc.of(s).isEmpty()) {
        required = true;
        out.add(doc.of(s).status());
      }
      if (!str.of(s).isEmpty()) {
        out.add(str.of(s).status());
      }
      for (ValidationReport r : List.of(doc.of(s), str.of(s))) {
        r.violations().forEach(v -> out.addAll(v.pageAllows()));
      }
    }
    if (!required) {
      out.add(successStatus());
      open().violations().forEach(v -> out.addAll(v.pageAllows()));
    }
    return out;
  }

  /** The stages whose failure a status stands for, in order. */
  public List<Stage> stagesAnswering(int httpStatus, Profile profile) {
    Stages s = stages(profile);
    return basis.order().stages().stream()
        .filter(st -> !s.of(st).isEmpty() && s.of(st).status() == httpStatus)
        .toList();
  }

  /** The body as the profile's reading read it (after validation), if it read one. */
  public Optional<JsonNode> body(Profile profile) {
    return fixed() ? Optional.empty() : Optional.ofNullable(stages(profile).body());
  }

  /**
   * The resource after the request, when the profile accepts an update (or a replacement) of a
   * resource that was present; empty otherwise (then nothing changes here: a create or a delete is
   * the store's).
   */
  public synchronized Optional<ResourceState> applied(Profile profile) {
    if (profile == Profile.STRICT) {
      if (appliedStrict == null) {
        appliedStrict = apply(profile);
      }
      return appliedStrict;
    }
    if (appliedDocumented == null) {
      appliedDocumented = apply(profile);
    }
    return appliedDocumented;
  }

  private Optional<ResourceState> apply(Profile profile) {
    Optional<Operation> op = operation();
    if (op.isEmpty()
        || op.get().resource().isEmpty()
        || (op.get().resource().get().action() != Operation.Action.UPDATE
            && op.get().resource().get().action() != Operation.Action.REPLACE)
        || !accepted(profile)
        || fixed()) {
      return Optional.empty();
    }
    Optional<ResourceState> seen = resourceSeen();
    Optional<JsonNode> body = body(profile);
    if (seen.isEmpty() || body.isEmpty() || !body.get().isObject()) {
      return Optional.empty();
    }
    Operation.ResourceAction action = op.get().resource().get();
    ObjectNode update = (ObjectNode) body.get();
    if (profile == Profile.DOCUMENTED) {
      update = basis.pruner().prune(op.get(), update);
    }
    update = action.resource().unwrap(update);
    ResourceState before = seen.get();
    ObjectNode after =
        action.action() == Operation.Action.REPLACE
            ? action.resource().replaced(before.fields(), update)
            : action.resource().merge(before.fields(), update);
    return Optional.of(
        new ResourceState(before.id(), after, before.version() + 1, before.complete()));
  }

  /**
   * The mock's answer under a profile. For an accepted update, pass the state it produced ({@link
   * #applied}); for other requests, the state seen (or none).
   */
  public Answer answer(Profile profile, Optional<ResourceState> state) {
    if (fixedAnswer.isPresent()) {
      return fixedAnswer.get();
    }
    int status = status(profile);
    if (status / 100 != 2) {
      return basis.answers().error(operation().orElse(null), status, report(profile), List.of());
    }
    return basis.answers().success(operation().get(), request, parameters(), state);
  }

  @Override
  public String toString() {
    return request + " -> " + status(Profile.STRICT) + " " + report(Profile.STRICT).ruleIds();
  }
}
