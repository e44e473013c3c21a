package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.masking.SecretMasker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskerTest {

  static final String KEY = "sk-live-7Hq2xZ9pL4";

  private final SecretMasker masker = Fixtures.CONTRACT.masker();
  private final SecretMasker keyed = masker.withSecrets(List.of(KEY));

  @Test
  void api_key_values_are_masked_in_json_and_in_broken_json() {
    assertEquals(
        "{\"assistant_llm_config\":{\"api_key\":\"***\",\"voice\":\"Puck\"}}",
        masker.maskJson(
            "{\"assistant_llm_config\":{\"api_key\":\"sk-live-123\",\"voice\":\"Puck\"}}"));
    assertEquals("{\"api_key\": \"***\"", masker.maskJson("{\"api_key\": \"sk-live-unterminated"));
    assertEquals("{\"api_key\":\"***\"}", masker.maskJson("{\"api_key\":12345}"));
    assertFalse(masker.maskJson("{\"api_key\":\"a\\\"b-sk-live\"}").contains("sk-live"));
  }

  @Test
  void authorization_credentials_are_masked() {
    assertEquals("Bearer ***", masker.maskAuthorization("Bearer sk-live-123"));
    assertEquals("***", masker.maskAuthorization("sk-live-123"));
    assertEquals(
        "curl -H 'Authorization: Bearer ***' x",
        masker.maskKnown("curl -H 'Authorization: Bearer sk-live-123' x", List.of()));
    assertEquals("key *** here", masker.maskKnown("key sk-live-123 here", List.of("sk-live-123")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "apiKey",
        "api_key",
        "API-KEY",
        "token",
        "access_token",
        "refreshToken",
        "secret",
        "client_secret",
        "Password",
        "authorization",
        "privateKey"
      })
  void credential_looking_names_are_secret_at_any_depth(String name) {
    assertTrue(masker.isSecretName(name), name);
    String body =
        "{\"assistant_tts_config\":{\"voice_id\":\"v\",\"options\":[{\"%s\":\"hidden-value\"}]}}"
            .formatted(name);
    String shown =
        new String(
            masker.maskJsonBody(body.getBytes(StandardCharsets.UTF_8)).orElseThrow(),
            StandardCharsets.UTF_8);
    assertFalse(shown.contains("hidden-value"), shown);
    assertTrue(shown.contains("\"voice_id\":\"v\""), shown);
    assertFalse(masker.maskJson(body).contains("hidden-value"), masker.maskJson(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"max_tokens", "voice_id", "tokens", "model", "secretive_mode"})
  void ordinary_names_are_not_secret(String name) {
    assertFalse(masker.isSecretName(name), name);
  }

  @Test
  void a_body_with_nothing_to_mask_is_returned_as_is_and_a_body_that_is_not_json_is_withheld() {
    byte[] plain = "{\"assistant_name\":\"Nova\"}".getBytes(StandardCharsets.UTF_8);
    assertSame(plain, keyed.maskJsonBody(plain).orElseThrow());
    assertTrue(keyed.maskJsonBody("api_key=x".getBytes(StandardCharsets.UTF_8)).isEmpty());
    assertTrue(keyed.maskJsonBody("{\"a\":".getBytes(StandardCharsets.UTF_8)).isEmpty());
    assertTrue(keyed.maskJsonBody(new byte[] {'"', (byte) 0xC3, '(', '"'}).isEmpty());
    assertTrue(
        keyed
            .maskJsonBody(("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8))
            .isEmpty());
  }

  @Test
  void a_known_key_is_masked_in_json_names_strings_numbers_and_escapes() {
    SecretMasker numeric = masker.withSecrets(List.of("987654321987"));
    String body =
        "{\"assistant_name\":\"my "
            + KEY
            + " key\",\""
            + KEY
            + "\":1,\"n\":987654321987,\"e\":\"\\u0073k-live-7Hq2xZ9pL4\"}";
    String shown =
        new String(
            numeric
                .withSecrets(List.of(KEY))
                .maskJsonBody(body.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(),
            StandardCharsets.UTF_8);
    assertFalse(shown.contains(KEY) || shown.contains("987654321987"), shown);
    assertTrue(shown.contains("\"assistant_name\":\"my *** key\""), shown);
  }

  @Test
  void a_known_key_is_masked_percent_encoded_base64_encoded_and_as_basic_credentials() {
    String percent = URLEncoder.encode(KEY, StandardCharsets.UTF_8).replace("-", "%2D");
    String twice = URLEncoder.encode(percent, StandardCharsets.UTF_8);
    String b64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
    String basic =
        Base64.getEncoder().encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8));
    String urlSafe =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("{\"k\":\"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8));
    for (String text :
        List.of(
            "x=" + percent,
            "x=" + twice,
            "token " + b64 + " end",
            "Basic " + basic,
            "jwt." + urlSafe + ".sig")) {
      assertTrue(keyed.containsSecret(text), text);
      String shown = keyed.maskHeaderValue(text);
      assertFalse(keyed.containsSecret(shown), () -> text + " -> " + shown);
      assertTrue(shown.contains(SecretMasker.MASK), shown);
    }
    assertFalse(keyed.containsSecret("an ordinary header value, 2024-01-01"));
  }

  /**
   * A server that echoes the key in a JSON string may escape it: PHP's json_encode writes {@code /}
   * as {@code \/}, others write any character as {@code \\uXXXX}. The text of such an answer (a
   * report, a truncated body, an admin stub) still holds the key.
   */
  @Test
  void a_known_key_is_masked_when_json_escaped_in_free_text() {
    String slashed = "sk/AbC+dEf/Gh12";
    SecretMasker withSlash = masker.withSecrets(List.of(slashed));
    StringBuilder unicode = new StringBuilder();
    for (char c : KEY.toCharArray()) {
      unicode.append(String.format("\\u%04x", (int) c));
    }
    for (String text :
        List.of(
            "{\"seen\": \"sk\\/AbC+dEf\\/Gh12\"}",
            "{\"seen\": \"Token sk\\/AbC+dEf\\/Gh12 is wro", // cut mid-string
            "{\"seen\": \"" + unicode + "\"}",
            "{\"seen\": \"" + KEY.replace("-", "\\u002d") + "\"}")) {
      SecretMasker m = text.contains("AbC") ? withSlash : keyed;
      assertTrue(m.containsSecret(text), text);
      String shown = m.maskText(text);
      assertFalse(m.containsSecret(shown), () -> text + " -> " + shown);
      assertFalse(shown.contains("AbC+dEf") || shown.contains("7Hq2xZ9pL4"), shown);
      assertFalse(shown.contains("\\u0037\\u0048"), shown);
      assertTrue(shown.startsWith("{\"seen\": \""), shown);
    }
    assertEquals(
        "{\"a\":\"x\\/y\",\"b\":\"***\"}",
        withSlash.maskText("{\"a\":\"x\\/y\",\"b\":\"sk\\/AbC+dEf\\/Gh12\"}"));
  }

  @Test
  void a_request_target_keeps_its_shape_with_the_key_masked_in_path_and_query() {
    String id = "550e8400-e29b-41d4-a716-446655440000";
    assertEquals("/assistant/update/" + id, keyed.maskRequestTarget("/assistant/update/" + id));
    assertEquals("/assistant/update/***", keyed.maskRequestTarget("/assistant/update/" + KEY));
    assertEquals(
        "/a/***?token=***&x=1",
        keyed.maskRequestTarget(
            "/a/" + KEY.replace("k", "%6B") + "?token=" + KEY.replace("-", "%2d") + "&x=1"));
    assertEquals(
        "session=***; theme=dark", keyed.maskCookieHeader("session=" + KEY + "; theme=dark"));
  }

  @Test
  void a_query_parameter_or_cookie_named_like_a_credential_is_masked_whatever_its_value() {
    // values no one configured: masked by the name alone, in any case, also percent-encoded
    assertEquals(
        "/a?api_key=***&x=1&API%5FKEY=***&accessToken=***",
        masker.maskRequestTarget(
            "/a?api_key=sk-never-configured&x=1&API%5FKEY=sk-2&accessToken=abc"));
    assertEquals("/a?x=1&page=2", masker.maskRequestTarget("/a?x=1&page=2"));
    assertEquals(
        "session=s1; api_key=***; Token=***",
        masker.maskCookieHeader("session=s1; api_key=sk-never-configured; Token=t"));
    assertEquals("session=s1; theme=dark", masker.maskCookieHeader("session=s1; theme=dark"));
  }

  @Test
  void free_text_keeps_its_json_shape_and_short_secrets_are_ignored() {
    String json = "{\"a\":\"Bearer " + KEY + "\",\"b\":\"%22quoted%22\"}";
    assertEquals("{\"a\":\"Bearer ***\",\"b\":\"%22quoted%22\"}", keyed.maskText(json));
    assertSame(masker, masker.withSecrets(List.of("abc")));
    assertArrayEquals(
        "{}".getBytes(StandardCharsets.UTF_8),
        keyed.maskJsonBody("{}".getBytes(StandardCharsets.UTF_8)).orElseThrow());
  }

  @Test
  void a_masked_body_keeps_its_shape_duplicate_keys_and_the_type_of_each_value() {
    String body =
        "{\"a\":{\"api_key\":12345,\"voice\":\"v\",\"voice\":\"w\"},"
            + "\"token\":{\"x\":[\"s\",2,true]},\"n\":1.50}";
    String masked =
        new String(
            masker
                .maskBodyForDisplay(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .orElseThrow(),
            java.nio.charset.StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertEquals(
        "{\"a\":{\"api_key\":0,\"voice\":\"v\",\"voice\":\"w\"},"
            + "\"token\":{\"x\":[\"***\",0,true]},\"n\":1.50}",
        masked);
  }
}
