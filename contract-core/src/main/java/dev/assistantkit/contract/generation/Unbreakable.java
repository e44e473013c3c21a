package dev.assistantkit.contract.generation;

/**
 * No instance breaks the keyword, and why.
 *
 * @param reason the key callers act on
 * @param detail a sentence for people (never parsed)
 */
public record Unbreakable(Reason reason, String detail) implements Breaking {

  /** Why a keyword cannot be broken. */
  public enum Reason {
    /** The location names no assertion keyword (nor a false schema) in the document. */
    NOT_AN_ASSERTION,
    /** The keyword is not reached from the schema pointer through its applicators. */
    NOT_REACHABLE,
    /** The keyword is only reached through constructs the breaker does not follow. */
    UNSUPPORTED,
    /** The validator does not assert it in this dialect (a 3.0 {@code const}, format int32). */
    NOT_ASSERTED,
    /** Every value satisfies it ({@code minLength: 0}, {@code uniqueItems: false}, all types). */
    ALWAYS_SATISFIED,
    /** Breaking it needs more than the bounds allow (a {@code maxItems} of a billion). */
    BEYOND_BOUNDS,
    /** No valid instance for the schema was found, so there is nothing to break. */
    NO_VALID_INSTANCE,
    /** The tries within the bounds never made the validator report the keyword. */
    NOT_BROKEN
  }
}
