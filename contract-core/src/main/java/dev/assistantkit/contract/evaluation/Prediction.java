package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.List;
import java.util.Set;

/**
 * The contract's decisions on a request for every possibility the caller could not rule out: the
 * key accepted or not, the resource present (in each state the state rules tell apart) or absent.
 * With full knowledge there is one branch.
 *
 * @param branches one decision per possibility, the likeliest first (key accepted, resource
 *     present)
 */
public record Prediction(List<Decision> branches) {

  public Prediction {
    branches = List.copyOf(branches);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("a prediction has at least one branch");
    }
  }

  /** The only branch; fails loudly when the caller's knowledge left several. */
  public Decision single() {
    if (branches.size() != 1) {
      throw new IllegalStateException(
          "the request's answer depends on what is not known (" + branches.size() + " branches)");
    }
    return branches.get(0);
  }

  /**
   * This prediction as kept to be judged later: each branch {@linkplain Decision#kept kept}.
   *
   * @param source where the caller keeps the request
   * @param asSent the request {@code source} gives
   */
  public Prediction kept(Decision.KeptRequest source, ApiRequest asSent) {
    if (branches.size() == 1) {
      return new Prediction(List.of(branches.get(0).kept(source, asSent)));
    }
    return new Prediction(branches.stream().map(b -> b.kept(source, asSent)).toList());
  }

  /** The first branch. */
  public Decision first() {
    return branches.get(0);
  }

  /** Whether every branch answers alike under a profile: same status, same rules. */
  public boolean agrees(Profile profile) {
    Decision d = branches.get(0);
    for (Decision other : branches) {
      if (other.status(profile) != d.status(profile)
          || !other.report(profile).ruleIds().equals(d.report(profile).ruleIds())) {
        return false;
      }
    }
    return true;
  }

  /** The statuses some branch allows under a profile. */
  public Set<Integer> acceptable(Profile profile) {
    Set<Integer> out = new java.util.LinkedHashSet<>();
    branches.forEach(b -> out.addAll(b.acceptable(profile)));
    return out;
  }
}
