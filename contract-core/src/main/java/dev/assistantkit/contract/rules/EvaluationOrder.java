package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The spec's {@code x-evaluation-order}: the decided order of the stages, and the rule a server
 * breaks when it answers a later stage's status before an earlier one's.
 */
public final class EvaluationOrder {

  private final List<Stage> stages;
  private final Map<Stage, String> rules;

  private EvaluationOrder(List<Stage> stages, Map<Stage, String> rules) {
    this.stages = List.copyOf(stages);
    this.rules = rules;
  }

  public static EvaluationOrder parse(SpecDocument spec) {
    List<Stage> stages = new ArrayList<>();
    Map<Stage, String> rules = new EnumMap<>(Stage.class);
    for (JsonNode s :
        spec.node("#/x-evaluation-order/stages").orElse(null) == null
            ? List.<JsonNode>of()
            : spec.require("#/x-evaluation-order/stages")) {
      Stage stage = Stage.parse(s.path("stage").asString(""));
      stages.add(stage);
      if (s.has("rule")) {
        rules.put(stage, s.get("rule").asString());
      }
    }
    for (Stage s : Stage.values()) {
      if (!stages.contains(s)) {
        stages.add(s); // an order that leaves a stage out puts it last
      }
    }
    return new EvaluationOrder(stages, rules);
  }

  public List<Stage> stages() {
    return stages;
  }

  public int index(Stage s) {
    return stages.indexOf(s);
  }

  /** The rule broken by answering a later stage first, when this stage fails. */
  public Optional<String> ruleOf(Stage s) {
    return Optional.ofNullable(rules.get(s));
  }

  Map<Stage, String> rules() {
    return rules;
  }
}
