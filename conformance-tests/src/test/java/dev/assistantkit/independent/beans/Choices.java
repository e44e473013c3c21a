package dev.assistantkit.independent.beans;

/**
 * The answers one server gives where the page is silent. {@link #DEFAULTS} are the answers of
 * {@link Variant#CONFORMANT} and of every mutant; the other page-following variants change a few.
 *
 * @param startMode the mode the example assistant is in when the server starts
 * @param order the order in which the request is judged
 * @param nonUuidId the status for an assistant_id that is not a UUID (404 or 400)
 * @param unknownFieldsRefused whether a body member the page does not list is a 400
 * @param nulls how an explicit {@code null} member is read
 * @param emptyPatchRefused whether a body with nothing to change ({@code {}}) is a 400
 * @param sameModeIsSwitch whether naming the mode the assistant is already in still counts as a
 *     switch (and so needs the target mode's fields)
 * @param crossModeRefused whether TTS fields for an assistant that stays realtime, or LLM config
 *     for one that stays pipeline, are a 400 ("payload mismatch")
 * @param errors the shape of every error body
 * @param jsonContentTypeRequired whether a body sent without a JSON Content-Type is a 400
 * @param schemeCaseInsensitive whether "bearer" and "BEARER" are read as "Bearer" (RFC 7235)
 */
public record Choices(
    Mode startMode,
    Order order,
    int nonUuidId,
    boolean unknownFieldsRefused,
    Nulls nulls,
    boolean emptyPatchRefused,
    boolean sameModeIsSwitch,
    boolean crossModeRefused,
    ErrorShape errors,
    boolean jsonContentTypeRequired,
    boolean schemeCaseInsensitive) {

  /** The order of the checks. */
  public enum Order {
    /** Credentials, then the body, then the assistant's existence, then the mode rules. */
    AUTH_BODY_EXISTENCE,
    /** Credentials, then the id and the assistant's existence, then the body and mode rules. */
    AUTH_EXISTENCE_BODY,
    /** The body first, then credentials, then existence, then the mode rules. */
    BODY_AUTH_EXISTENCE
  }

  /** How an explicit {@code null} member is read. */
  public enum Nulls {
    /**
     * JSON Merge Patch (RFC 7396): null clears an optional text field (description, prompt, start
     * instruction, the end-call strings) and a member of assistant_interaction_config; a null where
     * a value is needed (name, mode, TTS pair, configs, end-call flag) is a 400.
     */
    CLEAR,
    /** Every null is a 400. */
    REFUSE,
    /** A null member is read as not sent (Jackson skips it before validation). */
    SKIP
  }

  /** The shape of an error body (the page documents only the success body). */
  public enum ErrorShape {
    /** {"error":{"status":400,"code":"...","message":"...","violations":[{field,message}]}} */
    ERROR_OBJECT,
    /** {"success":false,"message":"...","errors":[{field,message}]}, like the success envelope */
    ENVELOPE,
    /** RFC 9457 application/problem+json: type, title, status, detail, violations */
    PROBLEM
  }

  /** CONFORMANT's answers. */
  public static final Choices DEFAULTS =
      new Choices(
          Mode.REALTIME,
          Order.AUTH_BODY_EXISTENCE,
          404,
          false,
          Nulls.CLEAR,
          false,
          false,
          false,
          ErrorShape.ERROR_OBJECT,
          false,
          true);
}
