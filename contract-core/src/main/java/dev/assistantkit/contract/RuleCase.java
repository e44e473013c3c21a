package dev.assistantkit.contract;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A request that proves a rule: one the contract accepts, or one it rejects with the rule.
 *
 * <p>Read from the {@code cases} of a catalogue rule. The body is either JSON written in the spec,
 * raw text (for bodies that are not JSON), one of the spec's named examples, or generated (a deeply
 * nested body, an oversized body).
 *
 * @param ruleId the rule the case proves
 * @param name a short name, unique within the rule
 * @param expect accept (200) or reject (the rule's status, naming the rule)
 * @param origin the rule's origin, or decided when the case tests a decision about a documented
 *     rule
 * @param body the body as the bytes to send (empty: no body at all)
 * @param contentType the Content-Type to send; empty: send none
 * @param auth what credentials to send
 * @param target which assistant to address
 * @param givenMode the mode the assistant must be in before the request, if it matters
 */
public record RuleCase(
    String ruleId,
    String name,
    Expect expect,
    Origin origin,
    byte[] body,
    Optional<String> contentType,
    Auth auth,
    Target target,
    Optional<String> givenMode) {

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
    UNKNOWN
  }

  /** The assistant a case addresses. */
  public enum Target {
    /** The assistant under test. */
    GIVEN,
    /** A random UUID no assistant has. */
    UNKNOWN,
    /** A path segment that is not a UUID. */
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
