package dev.assistantkit.contract.judging;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.rules.Profile;
import java.util.List;
import java.util.Set;

/**
 * The contract's verdict on an answer to a request.
 *
 * @param findings every rule the answer broke, with its origin
 * @param covered the rules the exchange exercised (for a per-rule table)
 * @param expected what the contract expected, for people (e.g. {@code 400 naming tts.pair})
 * @param explaining the decision (branch) that best explains the answer
 */
public record Judgement(
    List<Finding> findings, Set<String> covered, String expected, Decision explaining) {

  public Judgement {
    findings = List.copyOf(findings);
    covered = Set.copyOf(covered);
  }

  /** The findings that fail under a profile. */
  public List<Finding> failures(Profile profile) {
    return findings.stream().filter(f -> profile.enforces(f.origin())).toList();
  }

  /** The findings that are advice under a profile (decided rules in the documented profile). */
  public List<Finding> advice(Profile profile) {
    return findings.stream().filter(f -> !profile.enforces(f.origin())).toList();
  }
}
