package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded, bounded fuzz of bodies: whatever arrives, the core answers with a report whose every
 * violation is a catalogue rule, and never throws.
 */
class BodyFuzzTest {

  private static final List<String> FIELDS =
      List.of(
          "assistant_name",
          "assistant_llm_mode",
          "assistant_tts_model",
          "assistant_tts_config",
          "assistant_llm_config",
          "assistant_interaction_config",
          "assistant_end_call_enabled",
          "assistant_end_call_url",
          "speaks_first",
          "voice_id",
          "api_key",
          "x");
  private static final List<String> VALUES =
      List.of(
          "null",
          "true",
          "1",
          "-0.5",
          "1e400",
          "\"\"",
          "\"pipeline\"",
          "\"realtime\"",
          "\"cartesia\"",
          "\"https://a.b/c\"",
          "[]",
          "{}",
          "{\"voice_id\":\"v\"}",
          "\"\\u0000\"",
          "{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\"}",
          "{\"speaks_first\":true}");

  @Test
  void ten_thousand_random_bodies_map_to_catalogue_rules_only() {
    Random random = new Random(20261123L);
    Contract contract = CatalogueCasesTest.CONTRACT;
    for (int i = 0; i < 10_000; i++) {
      String body = randomBody(random, 0);
      if (random.nextInt(10) == 0 && !body.isEmpty()) {
        body = body.substring(0, random.nextInt(body.length())); // broken JSON too
      }
      var request =
          new ContractRequest(
              CatalogueCasesTest.GIVEN,
              Map.of("Content-Type", "application/json", "Authorization", "Bearer k"),
              body.getBytes(StandardCharsets.UTF_8));
      String mode = random.nextBoolean() ? "pipeline" : "realtime";
      Evaluation e = contract.evaluate(request, "k"::equals, id -> Optional.of(mode));
      for (Violation v : e.report().violations()) {
        String b = body;
        assertTrue(contract.rules().contains(v.ruleId()), () -> v + " for " + b);
      }
      assertTrue(e.status() == 200 || e.status() == 400, body);
    }
  }

  private static String randomBody(Random r, int depth) {
    StringBuilder sb = new StringBuilder("{");
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"').append(FIELDS.get(r.nextInt(FIELDS.size()))).append("\":");
      sb.append(
          depth < 2 && r.nextInt(4) == 0
              ? randomBody(r, depth + 1)
              : VALUES.get(r.nextInt(VALUES.size())));
    }
    return sb.append('}').toString();
  }
}
