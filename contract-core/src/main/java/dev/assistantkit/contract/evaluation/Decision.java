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
import dev.assistantkit.contract.spec.ResourceState;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
   * @param parent the parent item a nested resource's collection is under, as assumed (null: the
   *     operation's resource has no parent whose existence is asked, {@link
   *     dev.assistantkit.contract.spec.ResourceModel#parentItem})
   */
  public record Assumption(
      Knowledge.KeyVerdict key, Knowledge.ResourceView resource, Knowledge.ResourceView parent) {

    /** An assumption about no parent. */
    public Assumption(Knowledge.KeyVerdict key, Knowledge.ResourceView resource) {
      this(key, resource, null);
    }
  }

  /**
   * What every decision of a contract shares: the order of the stages, how answers are written, and
   * how the documented reading prunes an update.
   *
   * @param order the decided order of the stages
   * @param answers the contract's answers
   * @param pruner what the documented reading keeps of an update
   */
  public record Basis(EvaluationOrder order, Answers answers, Pruner pruner) {}

  private final Basis basis;
  private final ApiRequest request;
  private final Route route;
  private final Assumption assumption;
  private final Optional<Answer> fixedAnswer;
  private final ValidationReport fixedReport;
  private final Supplier<Stages> strict;
  private final Supplier<Stages> documented;
  private final java.util.EnumMap<Profile, Optional<ResourceState>> applied =
      new java.util.EnumMap<>(Profile.class);

  Decision(
      Basis basis,
      ApiRequest request,
      Route route,
      Assumption assumption,
      Optional<Answer> fixedAnswer,
      ValidationReport fixedReport,
      Supplier<Stages> strict,
      Supplier<Stages> documented) {
    this.basis = basis;
    this.request = request;
    this.route = route;
    this.assumption = assumption;
    this.fixedAnswer = fixedAnswer;
    this.fixedReport = fixedReport;
    this.strict = memo(strict);
    this.documented = memo(documented);
  }

  private static <T> Supplier<T> memo(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }

  public ApiRequest request() {
    return request;
  }

  public Route route() {
    return route;
  }

  public Assumption assumption() {
    return assumption;
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
    return assumption.resource() instanceof Knowledge.Present p
        ? Optional.of(p.state())
        : Optional.empty();
  }

  Stages stages(Profile profile) {
    return profile == Profile.STRICT ? strict.get() : documented.get();
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
    return applied.computeIfAbsent(profile, this::apply);
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
