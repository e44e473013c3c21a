package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConformanceSettingsTest {

  static ConformanceSettings from(Map<String, String> p) {
    return ConformanceSettings.from(k -> Optional.ofNullable(p.get(k)), name -> null);
  }

  @Test
  void the_key_may_come_from_the_environment_but_a_parameter_wins() {
    Map<String, String> remote =
        Map.of(
            ConformanceSettings.BASE_URL,
            "https://staging.example.com",
            ConformanceSettings.ASSISTANT_ID,
            MockServer.EXAMPLE_ASSISTANT);
    var env = Map.of(ConformanceSettings.API_KEY_VARIABLE, "from-env-1234");
    assertEquals(
        "from-env-1234",
        ConformanceSettings.from(k -> Optional.ofNullable(remote.get(k)), env::get).apiKey());
    Map<String, String> explicit = new java.util.HashMap<>(remote);
    explicit.put(ConformanceSettings.API_KEY, "from-param-1234");
    assertEquals(
        "from-param-1234",
        ConformanceSettings.from(k -> Optional.ofNullable(explicit.get(k)), env::get).apiKey());
  }

  @Test
  void the_settings_never_print_the_key() {
    ConformanceSettings s = from(Map.of(ConformanceSettings.API_KEY, "sk-live-visible-1234"));
    assertFalse(s.toString().contains("sk-live-visible-1234"), s::toString);
  }

  @Test
  void without_a_base_url_the_in_process_mock_is_checked_with_writes_and_no_rate_limit() {
    ConformanceSettings s = from(Map.of(ConformanceSettings.ALLOW_WRITES, "false"));
    assertTrue(s.baseUrl().isEmpty());
    assertEquals(MockConfig.DEV_KEY, s.apiKey());
    assertEquals(MockServer.EXAMPLE_ASSISTANT, s.assistantId());
    assertTrue(s.allowWrites(), "our own mock may be written to");
    assertEquals(0, s.rate());
    assertEquals(Profile.DOCUMENTED, s.profile());
    assertEquals(ConformanceSettings.DEFAULT_FUZZ, s.fuzz());
  }

  @Test
  void against_a_base_url_writes_are_off_and_requests_are_paced_by_default() {
    ConformanceSettings s =
        from(
            Map.of(
                ConformanceSettings.BASE_URL, "https://staging.example.com/",
                ConformanceSettings.API_KEY, "k-123",
                ConformanceSettings.ASSISTANT_ID, MockServer.EXAMPLE_ASSISTANT));
    assertEquals(Optional.of("https://staging.example.com"), s.baseUrl());
    assertFalse(s.allowWrites());
    assertEquals(ConformanceSettings.DEFAULT_REMOTE_RATE, s.rate());
    assertFalse(s.describe().contains("k-123"), "the key is never described");
    ConformanceSettings withUser =
        from(
            Map.of(
                ConformanceSettings.BASE_URL, "https://qa:pw-987@staging.example.com",
                ConformanceSettings.API_KEY, "k-123",
                ConformanceSettings.ASSISTANT_ID, MockServer.EXAMPLE_ASSISTANT));
    assertTrue(
        withUser.describe().contains("target https://***@staging.example.com"), withUser::describe);
  }

  @Test
  void a_base_url_needs_a_key_and_a_uuid_assistant_id() {
    var noKey =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                from(
                    Map.of(
                        ConformanceSettings.BASE_URL,
                        "http://h",
                        ConformanceSettings.ASSISTANT_ID,
                        MockServer.EXAMPLE_ASSISTANT)));
    assertTrue(noKey.getMessage().contains("--api-key"));
    var badId =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                from(
                    Map.of(
                        ConformanceSettings.BASE_URL, "http://h",
                        ConformanceSettings.API_KEY, "k",
                        ConformanceSettings.ASSISTANT_ID, "assistant-1")));
    assertTrue(badId.getMessage().contains("UUID"));
  }

  @Test
  void settings_survive_the_round_trip_through_configuration_parameters() {
    ConformanceSettings s =
        from(
            Map.of(
                ConformanceSettings.BASE_URL, "http://127.0.0.1:8080",
                ConformanceSettings.API_KEY, "k-1",
                ConformanceSettings.ASSISTANT_ID, MockServer.EXAMPLE_ASSISTANT,
                ConformanceSettings.ALLOW_WRITES, "true",
                ConformanceSettings.PROFILE, "STRICT",
                ConformanceSettings.REPORT_DIR, "",
                ConformanceSettings.TIMEOUT, "2.5",
                ConformanceSettings.RATE, "4",
                ConformanceSettings.FUZZ, "7",
                ConformanceSettings.SEED, "99"));
    assertEquals(s, from(s.toParameters()));
    assertTrue(s.reportDir().isEmpty(), "a blank value counts as absent");
    assertEquals(2500, s.timeout().toMillis());
    assertEquals(Profile.STRICT, s.profile());
  }

  @Test
  void an_unknown_profile_is_refused_with_the_choices() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> from(Map.of(ConformanceSettings.PROFILE, "lenient")));
    assertTrue(e.getMessage().contains("documented or strict"));
  }
}
