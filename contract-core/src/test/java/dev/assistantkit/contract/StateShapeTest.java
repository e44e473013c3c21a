package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.rules.ErrorMapper;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.StateShape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state rules judge an update by its shape only: for the product spec the shape is sound, and
 * for thousands of random updates the verdict on the shape equals the verdict on the whole update.
 */
class StateShapeTest {

  @Test
  void the_product_state_rules_see_only_the_updates_shape() {
    String ctx = "#/components/schemas/AssistantUpdateInContext";
    StateShape shape = StateShape.of(Fixtures.CONTRACT.spec(), ctx, "update").orElseThrow();
    ObjectNode u =
        (ObjectNode)
            TestKnowledge.JSON.readTree(
                "{\"assistant_llm_mode\":\"realtime\",\"assistant_tts_config\":{\"voice_id\":\"v\"},\"assistant_name\":\"x\"}");
    assertEquals(
        "{\"assistant_llm_mode\":\"realtime\",\"assistant_tts_config\":true}",
        shape.project(u).toString());
  }

  @Test
  void a_context_that_looks_at_more_than_the_shape_is_not_cached() {
    String spec =
        BrokenSpecTest.productSpec()
            .replace(
                "        update:\n          type: object\n      allOf:",
                "        update:\n          type: object\n          minProperties: 1\n      allOf:");
    Contract c = Contract.fromYaml(spec);
    assertTrue(
        StateShape.of(c.spec(), "#/components/schemas/AssistantUpdateInContext", "update")
            .isEmpty());
  }

  @Test
  void verdicts_on_the_shape_equal_verdicts_on_the_whole_update() {
    SchemaSet set = new SchemaSet(Fixtures.CONTRACT.spec());
    var ctx = set.at("#/components/schemas/AssistantUpdateInContext");
    ErrorMapper mapper =
        new ErrorMapper(
            java.util.List.of(Fixtures.UPDATE.rules()), Fixtures.CONTRACT.spec(), Fixtures.UPDATE);
    Random random = new Random(7);
    String[] keys = {
      "assistant_llm_mode",
      "assistant_tts_model",
      "assistant_tts_config",
      "assistant_llm_config",
      "assistant_name"
    };
    String[] values = {
      "\"pipeline\"",
      "\"realtime\"",
      "\"elevenlabs\"",
      "{\"voice_id\":\"v\"}",
      "{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\"}",
      "\"n\""
    };
    int compared = 0;
    for (int i = 0; i < 4000; i++) {
      StringBuilder sb = new StringBuilder("{");
      for (String k : keys) {
        if (random.nextBoolean()) {
          sb.append(sb.length() > 1 ? "," : "")
              .append('"')
              .append(k)
              .append("\":")
              .append(values[random.nextInt(values.length)]);
        }
      }
      String body = sb.append('}').toString();
      String mode = random.nextBoolean() ? "pipeline" : "realtime";
      Decision d = Fixtures.decide(body, mode);
      if (!d.stage(Profile.STRICT, Stage.REQUEST).isEmpty()) {
        continue;
      }
      ObjectNode whole = TestKnowledge.JSON.createObjectNode();
      whole.put("current_llm_mode", mode);
      whole.set("update", TestKnowledge.JSON.readTree(body));
      ValidationReport direct =
          ValidationReport.of(mapper.map(set.validate(ctx, whole), Part.BODY, null, "/update"));
      assertEquals(
          direct.violations().stream().map(Violation::toString).toList(),
          d.stage(Profile.STRICT, Stage.STATE).violations().stream()
              .map(Violation::toString)
              .toList(),
          () -> body + " in " + mode);
      compared++;
    }
    assertTrue(compared > 100, "too few bodies reached the state rules: " + compared);
  }
}
