package dev.assistantkit.contract.judging;

import dev.assistantkit.contract.rules.Origin;

/**
 * One way an answer broke the contract, attributed to a rule.
 *
 * @param ruleId the id of the broken rule
 * @param origin documented or decided: with the profile, decides whether it fails or advises
 * @param group the group of checks it belongs to (e.g. {@code error-shape}), or "" for none
 * @param message what was expected and what came, free of secrets
 */
public record Finding(String ruleId, Origin origin, String group, String message) {

  /** The rule id used when a request the contract accepts is rejected and nothing says why. */
  public static final String UNATTRIBUTED = "request.accepted-by-contract";

  @Override
  public String toString() {
    return ruleId + " (" + origin.wireName() + "): " + message;
  }
}
