package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link RuleCase} into a concrete request, the same way for the core's own tests and for
 * the conformance suite, so both send the same thing for the same case.
 */
public final class CaseRequests {

  /** A well-formed bearer token no conformant server accepts. */
  public static final String UNKNOWN_KEY = "conformance-unknown-key-5f1d8c2a";

  /** The id used for "a resource that does not exist": a version-4 UUID nobody is given. */
  public static final String UNKNOWN_ID = "00000000-0000-4000-8000-00000000dead";

  /** A path segment that is not a UUID. */
  public static final String NOT_AN_ID = "not-a-uuid";

  private CaseRequests() {}

  /**
   * The Authorization header value a case sends with a valid key, or empty for none; empty too when
   * the case cannot be made from this key (another case of a key without letters).
   */
  public static Optional<Optional<String>> authorization(RuleCase.Auth auth, String validKey) {
    return switch (auth) {
      case VALID -> Optional.of(Optional.of("Bearer " + validKey));
      case NONE -> Optional.of(Optional.empty());
      case BASIC -> Optional.of(Optional.of("Basic Y29uZm9ybWFuY2U6c3VpdGU="));
      case EMPTY -> Optional.of(Optional.of("Bearer "));
      case UNKNOWN -> Optional.of(Optional.of("Bearer " + UNKNOWN_KEY));
      case KEY_WITH_SUFFIX -> Optional.of(Optional.of("Bearer " + validKey + "x"));
      case KEY_PREFIX ->
          validKey.length() < 2
              ? Optional.empty()
              : Optional.of(Optional.of("Bearer " + validKey.substring(0, validKey.length() - 1)));
      case KEY_TWICE -> Optional.of(Optional.of("Bearer " + validKey + " " + validKey));
      case KEY_OTHER_CASE -> {
        String swapped = swapCase(validKey);
        yield swapped.equals(validKey)
            ? Optional.empty()
            : Optional.of(Optional.of("Bearer " + swapped));
      }
    };
  }

  private static String swapCase(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(
          Character.isUpperCase(c)
              ? Character.toLowerCase(c)
              : Character.isLowerCase(c) ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  /** The path segment to address. */
  public static String resourceId(RuleCase c, String givenId) {
    return switch (c.target()) {
      case GIVEN -> givenId;
      case UNKNOWN -> UNKNOWN_ID;
      case NOT_A_UUID -> NOT_AN_ID;
    };
  }

  /**
   * The request of a case for an operation, or empty when the case cannot be made with this key.
   */
  public static Optional<ApiRequest> request(
      Operation op, RuleCase c, String validKey, String givenId) {
    Optional<Optional<String>> auth = authorization(c.auth(), validKey);
    if (auth.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> h = new LinkedHashMap<>();
    c.contentType().ifPresent(t -> h.put("Content-Type", t));
    auth.get().ifPresent(a -> h.put("Authorization", a));
    String idParam =
        op.resource()
            .map(Operation.ResourceAction::idParameter)
            .orElse(op.path().parameterNames().isEmpty() ? "" : op.path().parameterNames().get(0));
    String target = op.path().fill(Map.of(idParam, resourceId(c, givenId)));
    return Optional.of(new ApiRequest(op.method(), target, Headers.of(h), c.body()));
  }

  /** A JSON request to an operation with a valid key. */
  public static ApiRequest json(Operation op, String id, byte[] body, String validKey) {
    String idParam =
        op.resource()
            .map(Operation.ResourceAction::idParameter)
            .orElse(op.path().parameterNames().isEmpty() ? "" : op.path().parameterNames().get(0));
    Map<String, String> h = new LinkedHashMap<>();
    if (op.hasBody()) {
      h.put("Content-Type", "application/json");
    }
    h.put("Authorization", "Bearer " + validKey);
    return new ApiRequest(
        op.method().toUpperCase(Locale.ROOT),
        op.path().fill(Map.of(idParam, id)),
        Headers.of(h),
        body);
  }
}
