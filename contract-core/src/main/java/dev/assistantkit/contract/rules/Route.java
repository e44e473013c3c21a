package dev.assistantkit.contract.rules;

import java.util.Map;
import java.util.Set;

/** Which operation a method and path name, or why none does. */
public sealed interface Route {

  /**
   * An operation, with its path parameters percent-decoded, and as sent.
   *
   * @param operation the operation
   * @param parameters path parameter values by name, percent-decoded
   * @param raw path parameter values by name, as sent (percent-encoded)
   */
  record Matched(Operation operation, Map<String, String> parameters, Map<String, String> raw)
      implements Route {

    /** A match whose values needed no decoding. */
    public Matched(Operation operation, Map<String, String> parameters) {
      this(operation, parameters, parameters);
    }
  }

  /**
   * No operation has this path.
   *
   * @param path the raw path
   */
  record NoOperation(String path) implements Route {}

  /**
   * Operations have this path, but not with this method.
   *
   * @param method the method sent
   * @param allowed the methods the path has
   */
  record MethodNotAllowed(String method, Set<String> allowed) implements Route {}
}
