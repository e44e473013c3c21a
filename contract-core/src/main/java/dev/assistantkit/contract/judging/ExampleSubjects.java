package dev.assistantkit.contract.judging;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleBook;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a request of real traffic is about when it is one of the spec's own request examples: the
 * rules that name that example as what enforces them (the page's examples are accepted). The suite
 * knows why it sent each request; traffic says so only when it sends an example as it stands.
 */
public final class ExampleSubjects {

  /**
   * An example of an operation's request body and the rules enforcing it.
   *
   * @param body the example's value
   * @param rules the rules naming it
   */
  private record PageExample(JsonNode body, Set<String> rules) {}

  private final Map<String, List<PageExample>> byOperation = new HashMap<>();

  public ExampleSubjects(SpecDocument spec, RuleBook rules) {
    for (Operation op : rules.operations()) {
      String at = op.location() + "/requestBody/content";
      Optional<JsonNode> content = spec.node(at);
      if (content.isEmpty()) {
        continue;
      }
      List<PageExample> examples = new ArrayList<>();
      for (Map.Entry<String, JsonNode> media : content.get().properties()) {
        for (Map.Entry<String, JsonNode> e : media.getValue().path("examples").properties()) {
          JsonNode ref = e.getValue().get("$ref");
          String pointer =
              ref != null && ref.isString()
                  ? ref.asString()
                  : at
                      + "/"
                      + SpecPointer.escape(media.getKey())
                      + "/examples/"
                      + SpecPointer.escape(e.getKey());
          Set<String> enforcing = new LinkedHashSet<>();
          for (Rule r : rules.all()) {
            if (r.enforcedBy().stream().anyMatch(l -> l.pattern().equals(pointer))) {
              enforcing.add(r.id());
            }
          }
          if (!enforcing.isEmpty()) {
            examples.add(new PageExample(spec.exampleValue(pointer), Set.copyOf(enforcing)));
          }
        }
      }
      if (!examples.isEmpty()) {
        byOperation.put(op.location(), List.copyOf(examples));
      }
    }
  }

  /** The rules a request body is about, when it is one of the operation's examples as it stands. */
  public Set<String> of(Operation op, byte[] body) {
    List<PageExample> examples = byOperation.get(op.location());
    if (examples == null || body.length == 0) {
      return Set.of();
    }
    JsonNode tree;
    try {
      tree = JsonMappers.plain().readTree(body);
    } catch (JacksonException e) {
      return Set.of();
    }
    for (PageExample e : examples) {
      if (e.body().equals(tree)) {
        return e.rules();
      }
    }
    return Set.of();
  }
}
