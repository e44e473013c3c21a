package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.RuleBook;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one decision path: a request, what is known, and the contract's decision on it for every
 * possibility the knowledge leaves open (a key of unknown standing, a resource of unknown existence
 * or state). The mock's decision is the single branch of full knowledge, with its controls
 * honoured.
 */
public final class Predictor {

  private final RuleBook rules;
  private final Evaluator evaluator;
  private final SchemaWalker walker;
  private final Decision.Basis basis;

  public Predictor(RuleBook rules, Evaluator evaluator, SchemaWalker walker, Decision.Basis basis) {
    this.rules = rules;
    this.evaluator = evaluator;
    this.walker = walker;
    this.basis = basis;
  }

  /**
   * The mock's decision: what the contract answers to a request, with everything known. Honours the
   * mock control {@code Prefer: code=NNN}.
   *
   * @throws IllegalStateException when the knowledge leaves something unknown
   */
  public Decision evaluate(ApiRequest request, Knowledge knowledge) {
    Route route = rules.route(request.method(), request.target());
    if (route instanceof Route.Matched m) {
      Optional<Decision> forced = evaluator.forced(request, m, knowledge);
      if (forced.isPresent()) {
        return forced.get();
      }
    }
    return predict(request, knowledge, route).single();
  }

  /**
   * A decision {@link Decision#keptAsText} kept, made again from its text and its request, routed
   * again as it was.
   */
  public Decision keptAgain(Decision.KeptRequest keeper) {
    ApiRequest request = keeper.request();
    if (!(rules.route(request.method(), request.target()) instanceof Route.Matched m)) {
      throw new IllegalStateException("a decision kept as text is of a matched route");
    }
    return Decision.fromText(basis, evaluator, m.operation(), keeper);
  }

  /**
   * What a conformant server answers, for every possibility the knowledge leaves open. Mock
   * controls are not honoured: a real server ignores them.
   */
  public Prediction predict(ApiRequest request, Knowledge knowledge) {
    return predict(request, knowledge, rules.route(request.method(), request.target()));
  }

  private Prediction predict(ApiRequest request, Knowledge knowledge, Route route) {
    if (!(route instanceof Route.Matched m)) {
      return new Prediction(List.of(evaluator.routeFailure(request, route)));
    }
    List<Decision> branches = new ArrayList<>();
    for (Knowledge.KeyVerdict k : keys(m.operation(), request, knowledge)) {
      for (Decision.Assumption view : views(m, request, knowledge)) {
        Decision.Assumption a = new Decision.Assumption(k, view.resource(), view.parent());
        branches.add(
            new Decision(
                basis, request, m, a, Optional.empty(), ValidationReport.empty(), evaluator));
      }
    }
    return new Prediction(branches);
  }

  /** The standings of the request's key the knowledge leaves possible (null: no credentials). */
  private static List<Knowledge.KeyVerdict> keys(
      Operation op, ApiRequest request, Knowledge knowledge) {
    if (!op.bearer()) {
      return otherKeys(op, request, knowledge);
    }
    List<Knowledge.KeyVerdict> keys = new ArrayList<>(2);
    Optional<String> token = op.bearer() ? Evaluator.bearerToken(request) : Optional.empty();
    if (token.isEmpty()) {
      keys.add(op.bearer() ? Knowledge.KeyVerdict.REJECTED : null);
      return keys;
    }
    Knowledge.KeyVerdict v = knowledge.key(token.get());
    if (v == Knowledge.KeyVerdict.UNKNOWN) {
      keys.add(Knowledge.KeyVerdict.ACCEPTED);
      keys.add(Knowledge.KeyVerdict.REJECTED);
    } else {
      keys.add(v);
    }
    return keys;
  }

  /**
   * The standings of the credentials an operation of any other security takes (null: it takes none,
   * or lets the request through without). Every scheme of the alternative the request meets must be
   * accepted: accepted when each has a value the knowledge accepts, rejected when one has none it
   * does not reject, unknown otherwise (both branches then).
   */
  private static List<Knowledge.KeyVerdict> otherKeys(
      Operation op, ApiRequest request, Knowledge knowledge) {
    List<Knowledge.KeyVerdict> keys = new ArrayList<>(2);
    if (op.security().alternatives().isEmpty()) {
      keys.add(null);
      return keys;
    }
    Credentials.Reading r = Credentials.read(op.security(), request);
    if (r.met().isEmpty()) {
      keys.add(op.security().optional() ? null : Knowledge.KeyVerdict.REJECTED);
      return keys;
    }
    if (r.met().get().anonymous()) {
      keys.add(null);
      return keys;
    }
    Knowledge.KeyVerdict all = Knowledge.KeyVerdict.ACCEPTED;
    for (List<String> candidates : r.candidates()) {
      Knowledge.KeyVerdict scheme = candidates.isEmpty() ? Knowledge.KeyVerdict.ACCEPTED : null;
      for (String c : candidates) {
        Knowledge.KeyVerdict v = knowledge.key(c);
        if (v == Knowledge.KeyVerdict.ACCEPTED) {
          scheme = v;
          break;
        }
        if (v == Knowledge.KeyVerdict.UNKNOWN || scheme == null) {
          scheme = v;
        }
      }
      if (scheme == Knowledge.KeyVerdict.REJECTED) {
        all = scheme;
        break;
      }
      if (scheme == Knowledge.KeyVerdict.UNKNOWN) {
        all = scheme;
      }
    }
    if (all == Knowledge.KeyVerdict.UNKNOWN) {
      keys.add(Knowledge.KeyVerdict.ACCEPTED);
      keys.add(Knowledge.KeyVerdict.REJECTED);
    } else {
      keys.add(all);
    }
    return keys;
  }

  /**
   * The views of the request's resource and of the parent item its collection is under that the
   * knowledge leaves possible, as assumptions of no key. A resource nested under an inferred one
   * ({@link ResourceModel#parentItem}) has its parent present, with the resource's own views, and,
   * unless the parent is known present, absent (then so is the resource). The resource's view is
   * null where the path names none (a create, a list, an operation of no resource).
   */
  private List<Decision.Assumption> views(
      Route.Matched m, ApiRequest request, Knowledge knowledge) {
    Optional<Operation.ResourceAction> action = m.operation().resource();
    Optional<ResourceModel.ParentItem> parent =
        action.flatMap(a -> a.resource().parentItem(m.parameters()));
    Knowledge.ResourceView held =
        parent.map(p -> knowledge.resource(p.collection(), p.id())).orElse(null);
    boolean named = action.filter(a -> a.action().itemScoped()).isPresent();
    List<Decision.Assumption> out = new ArrayList<>();
    if (!(held instanceof Knowledge.Absent)) {
      Knowledge.ResourceView present =
          held instanceof Knowledge.Unknown
              ? new Knowledge.Present(ResourceState.partial(parent.get().id()))
              : held;
      if (named) {
        for (Knowledge.ResourceView v : itemViews(m, request, knowledge, action.get())) {
          out.add(new Decision.Assumption(null, v, present));
        }
      } else {
        out.add(new Decision.Assumption(null, null, present));
      }
    }
    if (held instanceof Knowledge.Absent || held instanceof Knowledge.Unknown) {
      Knowledge.ResourceView none = named ? new Knowledge.Absent() : null;
      out.add(new Decision.Assumption(null, none, new Knowledge.Absent()));
    }
    return out;
  }

  /** The views of the resource an item path names that the knowledge leaves possible. */
  private List<Knowledge.ResourceView> itemViews(
      Route.Matched m, ApiRequest request, Knowledge knowledge, Operation.ResourceAction a) {
    List<Knowledge.ResourceView> views = new ArrayList<>();
    String id = a.resourceId(m.parameters(), request.body());
    Knowledge.ResourceView v = knowledge.resource(a.collection(m.parameters()), id);
    if (v instanceof Knowledge.Unknown) {
      views.addAll(states(a.resource(), ResourceState.partial(id)));
      views.add(new Knowledge.Absent());
    } else if (v instanceof Knowledge.Present p) {
      views.addAll(states(a.resource(), p.state()));
    } else {
      views.add(v);
    }
    return views;
  }

  /**
   * A state known in part, expanded into the states the state rules tell apart: one per value of
   * each state property they read that is not known (its schema's enum).
   */
  private List<Knowledge.ResourceView> states(ResourceModel model, ResourceState state) {
    if (state.complete()) {
      return List.of(new Knowledge.Present(state)); // the very state: a store compares by identity
    }
    List<ObjectNode> fields = new ArrayList<>(List.of(state.fields()));
    for (String property : model.contextStateProperties()) {
      if (state.fields().has(property)) {
        continue;
      }
      JsonNode schema =
          walker.effectiveAt(
              model.schemaLocation() + "/properties/" + SpecPointer.escape(property));
      JsonNode values = schema == null ? null : schema.get("enum");
      if (values == null || !values.isArray() || values.isEmpty()) {
        continue;
      }
      List<ObjectNode> next = new ArrayList<>();
      for (ObjectNode f : fields) {
        for (JsonNode value : values) {
          ObjectNode copy = f.deepCopy();
          copy.set(property, value);
          next.add(copy);
        }
      }
      fields = next;
    }
    List<Knowledge.ResourceView> out = new ArrayList<>();
    for (ObjectNode f : fields) {
      out.add(
          new Knowledge.Present(
              new ResourceState(state.id(), f, state.version(), state.complete())));
    }
    return out;
  }
}
