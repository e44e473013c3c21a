package dev.assistantkit.contract.rules;

import java.util.Map;
import java.util.Set;

/** Which operation a method and path name, or why none does. */
public sealed interface Route {

  /**
   * An operation, with its path parameters percent-decoded.
   *
   * @param operation the operation
   * @param parameters path parameter values by name
   */
  record Matched(Operation operation, Map<String, String> parameters) implements Route {}

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
