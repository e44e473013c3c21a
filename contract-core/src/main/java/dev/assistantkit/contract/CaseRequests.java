package dev.assistantkit.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a {@link RuleCase} into concrete request parts, the same way for the core's own tests and
 * for the conformance suite, so both send the same thing for the same case.
 */
public final class CaseRequests {

  /** A well-formed bearer token no conformant server accepts. */
  public static final String UNKNOWN_KEY = "conformance-unknown-key-5f1d8c2a";

  /** The id used for "an assistant that does not exist": a version-4 UUID nobody is given. */
  public static final String UNKNOWN_ASSISTANT = "00000000-0000-4000-8000-00000000dead";

  private CaseRequests() {}

  /** The headers to send: Content-Type (unless the case omits it) and Authorization. */
  public static Map<String, String> headers(RuleCase c, String validKey) {
    Map<String, String> h = new LinkedHashMap<>();
    c.contentType().ifPresent(t -> h.put("Content-Type", t));
    switch (c.auth()) {
      case VALID -> h.put("Authorization", "Bearer " + validKey);
      case BASIC -> h.put("Authorization", "Basic Y29uZm9ybWFuY2U6c3VpdGU=");
      case EMPTY -> h.put("Authorization", "Bearer ");
      case UNKNOWN -> h.put("Authorization", "Bearer " + UNKNOWN_KEY);
      case NONE -> {}
    }
    return h;
  }

  /** The path segment to address. */
  public static String assistantId(RuleCase c, String givenId) {
    return switch (c.target()) {
      case GIVEN -> givenId;
      case UNKNOWN -> UNKNOWN_ASSISTANT;
      case NOT_A_UUID -> "not-a-uuid";
    };
  }

  /** A fresh random assistant id, for tests that create their own assistants. */
  public static String randomId() {
    return UUID.randomUUID().toString();
  }

  public static ContractRequest toRequest(RuleCase c, String validKey, String givenId) {
    return new ContractRequest(assistantId(c, givenId), headers(c, validKey), c.body());
  }
}
