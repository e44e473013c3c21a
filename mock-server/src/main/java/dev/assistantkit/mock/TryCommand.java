package dev.assistantkit.mock;

import dev.assistantkit.contract.rules.Operation;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The banner's "try" command: the spec's first request example of the first operation that takes a
 * body, sent to the first seeded resource, so it works as printed.
 */
final class TryCommand {

  private TryCommand() {}

  static Optional<List<String>> of(MockServer server, String key) {
    for (Operation op : server.contract().operations()) {
      if (!op.hasBody() || op.resource().isEmpty()) {
        continue;
      }
      String collection = op.resource().get().resource().name();
      List<String> ids = server.seededIds().getOrDefault(collection, List.of());
      Optional<JsonNode> example = firstExample(server, op);
      if (ids.isEmpty() || example.isEmpty()) {
        continue;
      }
      String path =
          op.pathTemplate().replace("{" + op.resource().get().idParameter() + "}", ids.get(0));
      String json =
          dev.assistantkit.contract.spec.JsonMappers.plain()
              .writeValueAsString(example.get())
              .replace("'", "'\\''");
      return Optional.of(
          List.of(
              "  try    : curl -X " + op.method() + " '" + server.baseUrl() + path + "' \\",
              "             -H 'Content-Type: application/json' -H 'Authorization: Bearer "
                  + key
                  + "' \\",
              "             -d '" + json + "'"));
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> firstExample(MockServer server, Operation op) {
    return op.bodySchemaLocation()
        .map(s -> s.substring(0, s.lastIndexOf("/schema")) + "/examples")
        .flatMap(server.contract().spec()::node)
        .filter(JsonNode::isObject)
        .filter(e -> !e.isEmpty())
        .map(e -> server.contract().spec().resolve(e.values().iterator().next()))
        .map(e -> e.get("value"));
  }
}
