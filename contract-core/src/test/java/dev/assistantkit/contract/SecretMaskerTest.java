package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  private final SecretMasker masker = Fixtures.CONTRACT.masker();

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
}
