package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.RuleBook;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates resources from fields (the seed, the mock's admin endpoint): an update of a new resource
 * (in its schema's default state) by the first operation that updates it, judged like any request.
 */
public final class Creator {

  /**
   * The outcome of {@link #create}.
   *
   * @param state the new resource, when the fields keep the contract
   * @param decision the decision on the fields
   * @param report why not, when they do not
   */
  public record Creation(
      Optional<ResourceState> state, Decision decision, ValidationReport report) {}

  private final RuleBook rules;
  private final Predictor predictor;
  private final SpecDocument spec;

  public Creator(RuleBook rules, Predictor predictor, SpecDocument spec) {
    this.rules = rules;
    this.predictor = predictor;
    this.spec = spec;
  }

  /**
   * A new resource from fields, judged under the profile. Its version is 0.
   *
   * @param fields the fields, with or without the id property (a random UUID when absent)
   * @param parents the values of a nested resource's parents' path parameters ({@link
   *     ResourceModel#scope}); empty for any other
   */
  public Creation create(
      ResourceModel model, ObjectNode fields, Profile profile, Map<String, String> parents) {
    if (model.inferred()) {
      return createInferred(model, fields, profile, parents);
    }
    ObjectNode rest = fields.deepCopy();
    JsonNode rawId = rest.remove(model.idProperty());
    String id =
        rawId == null || !rawId.isString()
            ? UUID.randomUUID().toString()
            : rawId.asString().toLowerCase(Locale.ROOT);
    ResourceState fresh = ResourceState.of(id, model.defaults(), 0);
    Operation update = operation(model, Operation.Action.UPDATE);
    String target = update.path().fill(Map.of(update.resource().get().idParameter(), id));
    ApiRequest request =
        new ApiRequest(
            update.method(),
            target,
            Headers.of(
                Map.of("Content-Type", "application/json", "Authorization", "Bearer trusted")),
            rest.isEmpty() ? new byte[0] : JsonMappers.plain().writeValueAsBytes(rest));
    Knowledge trusted =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.ACCEPTED;
          }

          @Override
          public ResourceView resource(String resource, String rid) {
            return new Present(fresh);
          }
        };
    Decision d = predictor.predict(request, trusted).single();
    if (rest.isEmpty()) {
      // nothing to apply: a new resource in its default state (an empty update would be refused),
      // as long as the id itself keeps the contract
      ValidationReport idProblems = d.stage(profile, Stage.REQUEST).where(v -> v.in() == Part.PATH);
      return new Creation(
          idProblems.isEmpty() ? Optional.of(fresh) : Optional.empty(), d, idProblems);
    }
    if (!d.accepted(profile)) {
      return new Creation(Optional.empty(), d, d.report(profile));
    }
    ResourceState applied = d.applied(profile).orElseThrow();
    return new Creation(
        Optional.of(ResourceState.of(id, applied.fields(), 0)), d, ValidationReport.empty());
  }

  /**
   * A new inferred resource ({@code --stateful}): the fields judged as the body of the operation
   * that creates it (the request's content only: no credentials are involved), the id taken from
   * them or made.
   */
  private Creation createInferred(
      ResourceModel model, ObjectNode fields, Profile profile, Map<String, String> parents) {
    Operation create = operation(model, Operation.Action.CREATE);
    ApiRequest request =
        new ApiRequest(
            create.method(),
            model.scope().isEmpty() ? create.pathTemplate() : create.path().fill(parents),
            Headers.of(Map.of("Content-Type", "application/json")),
            JsonMappers.plain().writeValueAsBytes(fields));
    Knowledge trusted =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.ACCEPTED;
          }

          @Override
          public ResourceView resource(String resource, String rid) {
            return new Absent();
          }
        };
    Decision d = predictor.predict(request, trusted).single();
    ValidationReport problems = d.stage(profile, Stage.REQUEST);
    if (!problems.isEmpty()) {
      return new Creation(Optional.empty(), d, problems);
    }
    JsonNode rawId = fields.get(model.idProperty());
    String id =
        rawId != null && (rawId.isString() || rawId.isIntegralNumber())
            ? rawId.asString()
            : model.numericId()
                ? Long.toString(1 + (UUID.randomUUID().getLeastSignificantBits() & 0x7fffffffL))
                : UUID.randomUUID().toString();
    return new Creation(
        Optional.of(ResourceState.of(id, model.created(fields, id, parents), 0)),
        d,
        ValidationReport.empty());
  }

  /** The resources present after a mock starts: each seed of the resource, created. */
  public List<ResourceState> seed(ResourceModel model, Profile profile) {
    List<ResourceState> out = new ArrayList<>();
    for (String pointer : model.seeds()) {
      JsonNode value = spec.exampleValue(pointer);
      if (!value.isObject()) {
        throw new IllegalStateException("the seed " + pointer + " is not an object");
      }
      Creation c = create(model, (ObjectNode) value, profile, Map.of());
      out.add(
          c.state()
              .orElseThrow(
                  () ->
                      new IllegalStateException("the seed " + pointer + " breaks " + c.report())));
    }
    return out;
  }

  /** The operation that does this to the resource's model. */
  private Operation operation(ResourceModel model, Operation.Action action) {
    return rules.operations().stream()
        .filter(
            o ->
                o.resource().isPresent()
                    && o.resource().get().resource() == model
                    && o.resource().get().action() == action)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no operation "
                        + action.name().toLowerCase(Locale.ROOT)
                        + "s the resource "
                        + model.name()));
  }
}
