package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.ContractRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Curl lines reproduce the request; nothing rendered holds a secret. */
class ReproductionTest {

  private static final String KEY = "sk-live-abcdef123456";
  private final Reproduction reproduction = new Reproduction(Contracts.shared().masker(), KEY);

  private static Exchange exchange(Map<String, String> headers, String body, String response) {
    ContractRequest request =
        new ContractRequest(SuiteRuns.ASSISTANT, headers, body.getBytes(StandardCharsets.UTF_8));
    return new Exchange(
        "http://h/assistant/update/" + SuiteRuns.ASSISTANT,
        request,
        200,
        "application/json",
        response.getBytes(StandardCharsets.UTF_8),
        Optional.empty());
  }

  @Test
  void curl_reads_the_key_from_the_environment_and_masks_api_key_values() {
    String curl =
        reproduction.curl(
            exchange(
                Map.of("Authorization", "Bearer " + KEY, "Content-Type", "application/json"),
                "{\"assistant_llm_config\":{\"api_key\":\"sk-provider-999\",\"voice\":\"O'Neil\"}}",
                "{}"));
    assertFalse(curl.contains(KEY), curl);
    assertFalse(curl.contains("sk-provider-999"), curl);
    assertTrue(curl.contains("-H \"Authorization: Bearer ${CONFORMANCE_API_KEY}\""), curl);
    assertTrue(curl.contains("-H 'Content-Type: application/json'"), curl);
    assertTrue(curl.contains("O'\\''Neil"), "single quotes survive the shell: " + curl);
  }

  @Test
  void user_info_in_the_base_url_is_masked_wherever_the_url_is_shown() {
    ContractRequest request =
        new ContractRequest(
            SuiteRuns.ASSISTANT,
            Map.of("Authorization", "Bearer " + KEY),
            "{}".getBytes(StandardCharsets.UTF_8));
    Exchange ex =
        Exchange.noAnswer(
            "https://qa:s3cret-pass@staging.example.com/assistant/update/" + SuiteRuns.ASSISTANT,
            request,
            "Connect to https://qa:s3cret-pass@staging.example.com failed");
    for (String shown :
        new String[] {
          reproduction.curl(ex),
          reproduction.request(ex),
          reproduction.response(ex),
          reproduction.maskMessage("GET https://qa:s3cret-pass@staging.example.com/x")
        }) {
      assertFalse(shown.contains("s3cret-pass"), shown);
      assertTrue(shown.contains("https://***@staging.example.com"), shown);
    }
  }

  @Test
  void curl_sends_no_content_type_and_no_body_when_the_case_has_none() {
    String curl = reproduction.curl(exchange(Map.of("Authorization", "Bearer " + KEY), "", "{}"));
    assertTrue(curl.contains("-H 'Content-Type:'"), curl);
    assertFalse(curl.contains("--data-binary"), curl);
    assertFalse(curl.endsWith("\\"), curl);
  }

  @Test
  void a_key_the_server_does_not_know_is_kept_so_the_401_reproduces() {
    String curl =
        reproduction.curl(
            exchange(Map.of("Authorization", "Bearer conformance-unknown-key"), "{}", "{}"));
    assertTrue(curl.contains("Bearer conformance-unknown-key"), curl);
  }

  @Test
  void request_and_response_texts_mask_the_key_and_api_key_values_a_server_echoes() {
    Exchange ex =
        exchange(
            Map.of("Authorization", "Bearer " + KEY),
            "{\"assistant_name\":\"Nova\"}",
            "{\"echo\":\"Bearer "
                + KEY
                + "\",\"api_key\":\"sk-provider-999\",\"k\":\""
                + KEY
                + "\"}");
    String text = reproduction.request(ex) + reproduction.response(ex);
    assertFalse(text.contains(KEY), text);
    assertFalse(text.contains("sk-provider-999"), text);
    assertTrue(text.contains("Authorization: Bearer ***"), text);
  }

  @Test
  void messages_keep_rule_ids_that_follow_bearer_and_lose_the_key() {
    String message =
        "auth.bearer/unknown-key violates auth.bearer\n  auth.bearer (documented): got " + KEY;
    assertEquals(
        "auth.bearer/unknown-key violates auth.bearer\n  auth.bearer (documented): got ***",
        reproduction.maskMessage(message));
  }

  @Test
  void control_characters_are_shown_escaped() {
    assertEquals("a\\u0000b\nc", Reproduction.printable("a\u0000b\nc"));
  }
}
