package dev.assistantkit.conformance;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ResourceState;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the suite knows against a live server: its own key is accepted and no other token is; the
 * resource under test exists, in a state known only as far as the server's own accepted answers
 * showed it; the ids it makes up ({@link CaseRequests#UNKNOWN_ID}, {@link CaseRequests#NOT_AN_ID})
 * name nothing. Not thread-safe: a run sends one request at a time.
 */
final class SuiteKnowledge implements Knowledge {

  private final String key;
  private final String resourceId;
  private ResourceState state;

  SuiteKnowledge(String key, String resourceId) {
    this.key = key;
    this.resourceId = resourceId;
    this.state = ResourceState.partial(resourceId);
  }

  @Override
  public KeyVerdict key(String token) {
    return token.equals(key) ? KeyVerdict.ACCEPTED : KeyVerdict.REJECTED;
  }

  @Override
  public ResourceView resource(String resource, String id) {
    if (id.equalsIgnoreCase(resourceId)) {
      return new Present(state);
    }
    if (id.equals(CaseRequests.UNKNOWN_ID) || id.equals(CaseRequests.NOT_AN_ID)) {
      return new Absent();
    }
    return new Unknown();
  }

  /** The state as known now (absent fields are unknown). */
  ResourceState state() {
    return state;
  }

  /** Whether the known state has every property of {@code given} with that value. */
  boolean satisfies(ObjectNode given) {
    for (Map.Entry<String, JsonNode> e : given.properties()) {
      JsonNode have = state.fields().get(e.getKey());
      if (have == null || !have.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Knowledge that forgets some state properties: for predicting a request as if the resource could
   * be in any state as far as they go.
   */
  Knowledge without(Iterable<String> properties) {
    ObjectNode fields = state.fields().deepCopy();
    properties.forEach(fields::remove);
    ResourceState vague = new ResourceState(resourceId, fields, state.version(), false);
    SuiteKnowledge outer = this;
    return new Knowledge() {
      @Override
      public KeyVerdict key(String token) {
        return outer.key(token);
      }

      @Override
      public ResourceView resource(String resource, String id) {
        ResourceView v = outer.resource(resource, id);
        return v instanceof Present ? new Present(vague) : v;
      }
    };
  }

  /**
   * Learns from an answer: after an accepted update the contract foresaw, the state a conformant
   * server stores ({@link Decision#applied}, documented reading); after an answer the contract did
   * not foresee, nothing is known any more; a rejection it foresaw changes nothing.
   */
  void learn(Prediction prediction, Judgement judgement, int status) {
    Decision d = judgement.explaining();
    if (!d.resourceSeen().map(s -> s.id().equalsIgnoreCase(resourceId)).orElse(false)) {
      return;
    }
    boolean foreseen =
        prediction.acceptable(Profile.DOCUMENTED).contains(status)
            || prediction.acceptable(Profile.STRICT).contains(status);
    if (!foreseen) {
      forget();
      return;
    }
    if (status / 100 == 2) {
      Optional<ResourceState> after = d.applied(Profile.DOCUMENTED);
      boolean writes = d.operation().map(o -> o.writes()).orElse(true);
      if (after.isPresent()) {
        ResourceState a = after.get();
        state = new ResourceState(resourceId, a.fields(), a.version(), false);
      } else if (writes) {
        forget();
      }
    }
  }

  /** Nothing is known of the state any more (it still exists). */
  void forget() {
    state = ResourceState.partial(resourceId);
  }
}
