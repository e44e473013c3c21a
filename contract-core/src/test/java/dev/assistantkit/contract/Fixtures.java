package dev.assistantkit.contract;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The product's contract, loaded once for the core's tests, and requests to it. */
final class Fixtures {

  static final Contract CONTRACT = Contract.load();
  static final Operation UPDATE = CONTRACT.operations().get(0);
  static final String KEY = "core-test-key";
  static final String GIVEN = "550e8400-e29b-41d4-a716-446655440000";

  /** A 200 body of the page's shape, echoing {@link #GIVEN}. */
  static final String OK_BODY =
      "{\"success\":true,\"message\":\"ok\",\"data\":{\"assistant_id\":\"" + GIVEN + "\"}}";

  /** An error body of the page's shape, naming no rule. */
  static final String ERR_BODY = "{\"success\":false,\"message\":\"no\",\"errors\":[]}";

  private Fixtures() {}

  /** A test table's answer: {@code OK} and {@code ERR} stand for the bodies above. */
  static String answerText(String answer) {
    return answer.equals("OK") ? OK_BODY : answer.equals("ERR") ? ERR_BODY : answer;
  }

  /** Knowledge with the given assistant in a mode. */
  static TestKnowledge inMode(String mode) {
    return new TestKnowledge(KEY).with(GIVEN, "{\"assistant_llm_mode\":\"" + mode + "\"}");
  }

  static ApiRequest update(String id, String json) {
    return new ApiRequest(
        "PATCH",
        "/assistant/update/" + id,
        Headers.of(Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY)),
        json.getBytes(StandardCharsets.UTF_8));
  }

  static Decision decide(String json, String mode) {
    return CONTRACT.evaluate(update(GIVEN, json), inMode(mode));
  }
}
