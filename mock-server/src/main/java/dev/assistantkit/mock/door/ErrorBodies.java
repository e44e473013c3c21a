package dev.assistantkit.mock.door;

/**
 * Renders the one error body of the mock for answers the edge gives itself (and for Jetty's own
 * errors): {@code {"success":false,"message":"...","errors":[{"rule","in","pointer","message"}]}}.
 * An interface so that it can be wired to the contract core's renderer later.
 */
@FunctionalInterface
public interface ErrorBodies {

  /**
   * The body of an error answer, UTF-8 JSON.
   *
   * @param status the HTTP status it is answered with
   * @param rule the rule id, e.g. {@code body.limits}
   * @param in {@code path}, {@code header} or {@code body}
   * @param pointer an RFC 6901 JSON Pointer into that part ({@code ""} for the whole of it)
   * @param message what went wrong, for a person; never request data that could hold a secret
   */
  byte[] render(int status, String rule, String in, String pointer, String message);

  /** The default renderer: the contract's ErrorResponse shape. */
  static ErrorBodies json() {
    return JsonErrorBodies.INSTANCE;
  }
}
