package dev.assistantkit.contract.rules;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request that proves a rule: one the contract accepts, or one it rejects with the rule.
 *
 * <p>Read from the {@code cases} of a catalogue rule. The body is JSON written in the spec, raw
 * text (for bodies that are not JSON), one of the spec's named examples, or generated (a deeply
 * nested body, an oversized body).
 *
 * @param ruleId the rule the case proves
 * @param name a short name, unique within the rule
 * @param expect accept (a success status) or reject (the rule's status, naming the rule)
 * @param claimedOrigin the origin the spec claims for the case when it differs from the rule's (a
 *     decided detail of a documented rule); the core's tests check the claim
 * @param body the body as the bytes to send (empty: no body at all)
 * @param contentType the Content-Type to send; empty: send none
 * @param auth what credentials to send
 * @param target which resource to address
 * @param given the state the resource must be in first (property name to value); empty object when
 *     any state will do
 */
public record RuleCase(
    String ruleId,
    String name,
    Expect expect,
    Optional<Origin> claimedOrigin,
    byte[] body,
    Optional<String> contentType,
    Auth auth,
    Target target,
    ObjectNode given) {

  /** What the contract answers. */
  public enum Expect {
    ACCEPT,
    REJECT
  }

  /** The credentials a case sends. */
  public enum Auth {
    /** A key the server accepts. */
    VALID,
    /** No Authorization header. */
    NONE,
    /** A Basic scheme instead of Bearer. */
    BASIC,
    /** "Bearer" with no token. */
    EMPTY,
    /** A well-formed bearer token the server does not know. */
    UNKNOWN,
    /** The accepted key with characters appended. */
    KEY_WITH_SUFFIX,
    /** The accepted key without its last characters. */
    KEY_PREFIX,
    /** The accepted key with the case of its letters swapped (skipped when it has no letters). */
    KEY_OTHER_CASE,
    /** "Bearer" with the accepted key twice, as two tokens. */
    KEY_TWICE
  }

  /** The resource a case addresses. */
  public enum Target {
    /** The resource under test. */
    GIVEN,
    /** A well-formed id no resource has. */
    UNKNOWN,
    /** A path segment that is not a well-formed id. */
    NOT_A_UUID
  }

  /** A stable display id: {@code rule/name}. */
  public String id() {
    return ruleId + "/" + name;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleCase other && other.id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  @Override
  public String toString() {
    return id();
  }
}
