package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs planned checks against a live server, one at a time: brings the resource into the state a
 * check needs (with the spec's own request examples, and only with writes allowed), asks the
 * contract what a conformant server answers, sends the request, and hands the answer to the
 * contract's judge. Decides nothing itself: the judge gives every verdict; this class only chooses
 * what may be sent, and keeps what the server's accepted answers showed of the resource's state.
 */
final class LiveChecker {

  /**
   * After this many requests in a row got no answer or stalled mid-body, the rest of the run is
   * skipped: a server that holds every request for the whole timeout would hold the run for hours.
   */
  static final int MAX_SILENT = 3;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Contract contract;
  private final ConformanceSettings settings;
  private final ApiClient client;
  private final SuiteKnowledge knowledge;
  private final Reproduction reproduction;
  private final String key;
  private final String resourceId;
  private final Map<String, String> failedSetUps = new HashMap<>();
  private int silent;
  private Optional<String> stopped = Optional.empty();

  LiveChecker(
      Contract contract,
      ConformanceSettings settings,
      ApiClient client,
      Reproduction reproduction,
      String key,
      String resourceId) {
    this.contract = contract;
    this.settings = settings;
    this.client = client;
    this.reproduction = reproduction;
    this.key = key;
    this.resourceId = resourceId;
    this.knowledge = new SuiteKnowledge(key, resourceId);
  }

  /** Why the rest of the run is not sent, once the server stopped answering. */
  Optional<String> stopped() {
    return stopped;
  }

  CheckResult check(PlannedCheck p) {
    ResultBuilder r = new ResultBuilder(p, settings.profile(), reproduction, key::equals);
    if (stopped.isPresent()) {
      return r.skip(stopped.get());
    }
    if (p.request().isEmpty() || p.operation().isEmpty()) {
      return r.skip(p.notMade());
    }
    ApiRequest request = p.request().get();
    Operation op = p.operation().get();
    Knowledge k = knowledge;
    ObjectNode given = p.given();
    if (!given.isEmpty() && !knowledge.satisfies(given)) {
      if (settings.allowWrites()) {
        Optional<CheckResult> blocked = setUp(p, op, given, r);
        if (blocked.isPresent()) {
          return blocked.get();
        }
      } else {
        k = knowledge.without(names(given));
      }
    }
    Prediction prediction = contract.predict(request, k);
    if (!agrees(prediction)) {
      if (!settings.allowWrites()) {
        return r.skip(
            "not sent: the answer depends on the resource's state ("
                + (given.isEmpty() ? unknownState(prediction) : SpecBodies.text(given))
                + "), which the suite may only set up with --allow-writes");
      }
      ObjectNode needed = stateOf(prediction.first());
      Optional<CheckResult> blocked = setUp(p, op, needed, r);
      if (blocked.isPresent()) {
        return blocked.get();
      }
      prediction = contract.predict(request, knowledge);
      if (!agrees(prediction)) {
        return r.skip("not sent: the resource's state could not be established for this case");
      }
    }
    if (!settings.allowWrites() && op.writes() && mayAccept(prediction)) {
      return r.skip(
          "not sent: a conformant server may accept this request and change the resource;"
              + " run with --allow-writes to send it");
    }
    r.expect(contract.expected(prediction));
    ApiClient.Call ex = send(request, r);
    if (!ex.answered()) {
      return r.noAnswer(ex);
    }
    Judgement j =
        contract.judge(prediction, ex.answer().get(), p.subjects(), settings.skipGroups());
    knowledge.learn(prediction, j, ex.answer().get().status());
    return r.judged(ex, j);
  }

  /**
   * Brings the resource into a state with the spec's request example that sets it; empty when it is
   * there, else the result of the check that could not run.
   */
  private Optional<CheckResult> setUp(
      PlannedCheck p, Operation op, ObjectNode given, ResultBuilder r) {
    String wanted = SpecBodies.text(given);
    if (failedSetUps.containsKey(wanted)) {
      return Optional.of(
          r.skip(
              "not run: setting the resource to "
                  + wanted
                  + " failed earlier, in "
                  + failedSetUps.get(wanted)));
    }
    Optional<SetUp> how = setUpFor(op, given);
    if (how.isEmpty()) {
      return Optional.of(
          r.skip(
              "not run: it needs the resource with "
                  + wanted
                  + " first, and no request example of the spec sets that"));
    }
    SetUp s = how.get();
    ApiRequest request =
        CaseRequests.json(s.operation(), resourceId, SpecBodies.bytes(s.base().body()), key);
    Prediction prediction = contract.predict(request, knowledge);
    r.expect(contract.expected(prediction) + " to the set-up (the spec's " + s.base().name() + ")");
    ApiClient.Call ex = send(request, r);
    if (!ex.answered()) {
      return Optional.of(r.noAnswer(ex));
    }
    Judgement j =
        contract.judge(prediction, ex.answer().get(), s.subjects(), settings.skipGroups());
    knowledge.learn(prediction, j, ex.answer().get().status());
    r.setUp(s.base().name(), ex, j);
    if (knowledge.satisfies(given)) {
      return Optional.empty();
    }
    failedSetUps.put(wanted, p.id());
    return Optional.of(
        r.setUpFailed(
            "set-up failed: the spec's "
                + s.base().name()
                + " (to bring the resource to "
                + wanted
                + ") answered "
                + ex.answer().get().status()
                + "; the check itself was not sent"));
  }

  /**
   * A set-up request.
   *
   * @param operation the update operation it goes to
   * @param base the example it sends
   * @param subjects the rules enforcing that example (a conformant server accepts it)
   */
  private record SetUp(Operation operation, SpecBodies.Base base, Set<String> subjects) {}

  /** An example of an update of the operation's resource that sets every given property. */
  private Optional<SetUp> setUpFor(Operation op, ObjectNode given) {
    Optional<ResourceModel> model = op.resource().map(Operation.ResourceAction::resource);
    List<Operation> updates = new ArrayList<>();
    updates.add(op);
    contract.operations().stream().filter(o -> o != op).forEach(updates::add);
    for (Operation u : updates) {
      boolean updatesIt =
          u.resource().isPresent()
              && u.resource().get().action() == Operation.Action.UPDATE
              && model.map(m -> m == u.resource().get().resource()).orElse(true);
      if (!updatesIt) {
        continue;
      }
      for (SpecBodies.Base b : SpecBodies.examples(contract, u)) {
        if (sets(b.body(), given)) {
          return Optional.of(
              new SetUp(u, b, SpecBodies.enforcing(contract, b.example().orElse(""))));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean sets(ObjectNode body, ObjectNode given) {
    for (Map.Entry<String, JsonNode> e : given.properties()) {
      if (!e.getValue().equals(body.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The state properties the first branch assumed, which the others assumed otherwise. */
  private static ObjectNode stateOf(Decision d) {
    ObjectNode out = NODES.objectNode();
    d.resourceSeen()
        .ifPresent(
            s -> {
              for (String property :
                  d.operation()
                      .flatMap(Operation::resource)
                      .map(a -> a.resource().contextStateProperties())
                      .orElse(List.of())) {
                JsonNode v = s.fields().get(property);
                if (v != null) {
                  out.set(property, v);
                }
              }
            });
    return out;
  }

  private static String unknownState(Prediction p) {
    return String.join(
        ", ",
        p.first()
            .operation()
            .flatMap(Operation::resource)
            .map(a -> a.resource().contextStateProperties())
            .orElse(List.of()));
  }

  /** Whether every branch of the prediction answers alike (status and rules, in both readings). */
  private static boolean agrees(Prediction p) {
    return p.agrees(Profile.STRICT) && p.agrees(Profile.DOCUMENTED);
  }

  /** Whether some server the contract allows would accept (and so apply) the request. */
  private static boolean mayAccept(Prediction p) {
    return p.acceptable(Profile.DOCUMENTED).stream().anyMatch(s -> s / 100 == 2)
        || p.acceptable(Profile.STRICT).stream().anyMatch(s -> s / 100 == 2);
  }

  private ApiClient.Call send(ApiRequest request, ResultBuilder r) {
    ApiClient.Call ex = client.send(request);
    r.sent(ex);
    if (!ex.stalled()) {
      silent = 0;
    } else if (++silent >= MAX_SILENT) {
      stopped =
          Optional.of(
              "not run: the server stopped answering ("
                  + silent
                  + " requests in a row got no answer, or one that stalled; the last: "
                  + reproduction.mask(ex.error().or(ex::note).orElse("?"))
                  + ")");
    }
    if (!ex.answered()) {
      knowledge.forget();
    }
    return ex;
  }

  private static List<String> names(ObjectNode given) {
    List<String> out = new ArrayList<>();
    given.propertyNames().forEach(out::add);
    return out;
  }

  /** Findings with their messages masked. */
  static List<Finding> masked(List<Finding> findings, Reproduction reproduction) {
    return findings.stream()
        .map(
            f ->
                new Finding(
                    f.ruleId(), f.origin(), f.group(), reproduction.maskMessage(f.message())))
        .toList();
  }
}
