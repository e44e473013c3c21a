package dev.assistantkit.contract.rules;

import java.util.Objects;
import java.util.Set;

/**
 * One broken rule.
 *
 * @param ruleId the id of the rule in the catalogue
 * @param origin documented or decided: the origin of the location that found it
 * @param status the HTTP status the rule yields
 * @param in the part of the message the pointer points into
 * @param pointer a JSON Pointer (RFC 6901) to the offending value, "" for the whole part
 * @param schemaLocation the spec location that enforces the rule (e.g. {@code
 *     #/components/schemas/TtsModel/enum})
 * @param message what is wrong and how to fix it, free of secrets
 * @param pageAllows the statuses a server following the page may answer for it, when the page
 *     leaves the status open ({@link Rule#pageAllows}); empty otherwise
 */
public record Violation(
    String ruleId,
    Origin origin,
    int status,
    Part in,
    String pointer,
    String schemaLocation,
    String message,
    Set<Integer> pageAllows) {

  public Violation {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(schemaLocation, "schemaLocation");
    Objects.requireNonNull(message, "message");
    pageAllows = Set.copyOf(pageAllows);
  }

  /** A violation whose status the page fixes. */
  public Violation(
      String ruleId,
      Origin origin,
      int status,
      Part in,
      String pointer,
      String schemaLocation,
      String message) {
    this(ruleId, origin, status, in, pointer, schemaLocation, message, Set.of());
  }

  @Override
  public String toString() {
    return ruleId + " [" + in.wireName() + " " + pointer + "] " + message;
  }
}
