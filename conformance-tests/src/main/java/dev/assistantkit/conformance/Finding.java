package dev.assistantkit.conformance;

import dev.assistantkit.contract.Origin;

/**
 * One way a response broke the contract, attributed to a rule.
 *
 * @param ruleId the id of the broken rule in x-rule-catalogue
 * @param origin documented or decided: decides, with the profile, whether it fails the run
 * @param message what was expected and what came, free of secrets
 */
record Finding(String ruleId, Origin origin, String message) {

  /** Rule id used when a request the contract accepts is rejected and the server names no rule. */
  static final String UNATTRIBUTED = "request.accepted-by-contract";

  @Override
  public String toString() {
    return ruleId + " (" + origin.wireName() + "): " + message;
  }
}
