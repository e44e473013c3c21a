package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Curl lines reproduce the request; nothing rendered holds a secret. */
class ReproductionTest {

  private static final String KEY = "sk-live-abcdef123456";
  private static final String URL = "http://h/assistant/update/" + SuiteRuns.ASSISTANT;
  private final Reproduction reproduction =
      new Reproduction(SuiteRuns.CONTRACT.masker(), SuiteRuns.CONTRACT.secrets(), List.of(KEY));

  private static ApiRequest request(Map<String, String> headers, String body) {
    return new ApiRequest(
        "PATCH",
        "/assistant/update/" + SuiteRuns.ASSISTANT,
        Headers.of(headers),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private String curl(ApiRequest r) {
    return reproduction.curl(URL, r, KEY::equals);
  }

  @Test
  void curl_reads_the_key_from_the_environment_and_masks_api_key_values() {
    String curl =
        curl(
            request(
                Map.of("Authorization", "Bearer " + KEY, "Content-Type", "application/json"),
                "{\"assistant_llm_config\":{\"api_key\":\"sk-provider-999\",\"voice\":\"O'Neil\"}}"));
    assertFalse(curl.contains(KEY), curl);
    assertFalse(curl.contains("sk-provider-999"), curl);
    assertTrue(curl.startsWith("curl -sS -i -X 'PATCH'"), curl);
    assertTrue(curl.contains("-H \"Authorization: Bearer ${CONFORMANCE_API_KEY}\""), curl);
    assertTrue(curl.contains("-H 'Content-Type: application/json'"), curl);
    assertTrue(curl.contains("O'\\''Neil"), "single quotes survive the shell: " + curl);
  }

  @Test
  void user_info_and_secret_query_parameters_are_masked_wherever_a_url_is_shown() {
    String url = "https://qa:s3cret-pass@staging.example.com/assistant/update/x?api_key=sk-q-1&a=b";
    ApiRequest r = request(Map.of("Authorization", "Bearer " + KEY), "{}");
    for (String shown :
        List.of(
            reproduction.curl(url, r, KEY::equals),
            reproduction.request(url, r),
            reproduction.response(
                Optional.empty(), Optional.of("Connect to " + url + " failed"), Optional.empty()),
            reproduction.maskMessage("GET https://qa:s3cret-pass@staging.example.com/x"))) {
      assertFalse(shown.contains("s3cret-pass"), shown);
      assertFalse(shown.contains("sk-q-1") && !shown.startsWith("no answer"), shown);
      assertTrue(shown.contains("https://***@staging.example.com"), shown);
    }
    assertTrue(reproduction.maskUrl(url).endsWith("?api_key=***&a=b"), reproduction.maskUrl(url));
  }

  @Test
  void curl_sends_no_content_type_and_no_body_when_the_case_has_none() {
    String curl = curl(request(Map.of("Authorization", "Bearer " + KEY), ""));
    assertTrue(curl.contains("-H 'Content-Type:'"), curl);
    assertFalse(curl.contains("--data-binary"), curl);
    assertFalse(curl.endsWith("\\"), curl);
  }

  @Test
  void a_key_the_suite_made_up_is_kept_so_the_401_reproduces_and_any_other_is_masked() {
    String made =
        curl(request(Map.of("Authorization", "Bearer " + CaseRequests.UNKNOWN_KEY), "{}"));
    assertTrue(made.contains("Bearer " + CaseRequests.UNKNOWN_KEY), made);
    String other = curl(request(Map.of("Authorization", "Bearer someone-elses-token"), "{}"));
    assertFalse(other.contains("someone-elses-token"), other);
    assertTrue(other.contains("Authorization: Bearer ***"), other);
  }

  @Test
  void cookies_and_secret_named_headers_never_show() {
    String text =
        reproduction.request(
            URL,
            request(
                Map.of(
                    "Cookie", "session=abc123secret", "X-Api-Key", "k-header-777", "Accept", "*/*"),
                "{}"));
    assertFalse(text.contains("abc123secret"), text);
    assertFalse(text.contains("k-header-777"), text);
    assertTrue(text.contains("Accept: */*"), text);
  }

  @Test
  void request_and_response_texts_mask_the_key_and_api_key_values_a_server_echoes() {
    ApiRequest r =
        request(Map.of("Authorization", "Bearer " + KEY), "{\"assistant_name\":\"Nova\"}");
    String echoed =
        "{\"echo\":\"Bearer " + KEY + "\",\"api_key\":\"sk-provider-999\",\"k\":\"" + KEY + "\"}";
    String text =
        reproduction.request(URL, r)
            + reproduction.response(
                Optional.of(
                    Observed.of(200, "application/json", echoed.getBytes(StandardCharsets.UTF_8))),
                Optional.empty(),
                Optional.empty());
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
