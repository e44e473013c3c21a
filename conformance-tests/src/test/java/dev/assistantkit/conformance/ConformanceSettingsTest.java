package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConformanceSettingsTest {

  static ConformanceSettings from(Map<String, String> p) {
    return ConformanceSettings.from(k -> Optional.ofNullable(p.get(k)), name -> null);
  }

  static final Map<String, String> REMOTE =
      Map.of(
          ConformanceSettings.BASE_URL, "https://staging.example.com/",
          ConformanceSettings.API_KEY, "k-123",
          ConformanceSettings.ASSISTANT_ID, SuiteRuns.ASSISTANT);

  @Test
  void the_key_may_come_from_the_environment_but_a_parameter_wins() {
    Map<String, String> remote =
        Map.of(
            ConformanceSettings.BASE_URL,
            "https://staging.example.com",
            ConformanceSettings.ASSISTANT_ID,
            SuiteRuns.ASSISTANT);
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
    ConformanceSettings s = from(REMOTE);
    assertFalse(s.toString().contains("k-123"), s::toString);
    assertFalse(s.describe().contains("k-123"), s::describe);
  }

  @Test
  void without_a_base_url_the_in_process_mock_is_checked_with_writes_and_no_rate_limit() {
    ConformanceSettings s = from(Map.of(ConformanceSettings.ALLOW_WRITES, "false"));
    assertTrue(s.baseUrl().isEmpty());
    assertTrue(s.apiKey().isEmpty(), "the mock tells its own key");
    assertTrue(s.assistantId().isEmpty(), "the mock tells its own resource");
    assertTrue(s.allowWrites(), "our own mock may be written to");
    assertEquals(0, s.rate());
    assertEquals(Profile.DOCUMENTED, s.profile());
    assertEquals(ConformanceSettings.DEFAULT_FUZZ, s.fuzz());
    assertFalse(s.ignoreErrorShape());
  }

  @Test
  void against_a_base_url_writes_are_off_and_requests_are_paced_and_bounded_by_default() {
    ConformanceSettings s = from(REMOTE);
    assertEquals(Optional.of("https://staging.example.com"), s.baseUrl());
    assertFalse(s.allowWrites());
    assertEquals(ConformanceSettings.DEFAULT_REMOTE_RATE, s.rate());
    assertEquals(1 << 20, s.maxResponseBytes());
    assertEquals(30, s.requestTimeout().toSeconds());
    assertEquals(10, s.timeout().toSeconds());
    assertEquals(10, s.progress().toSeconds());
    ConformanceSettings withUser =
        from(
            Map.of(
                ConformanceSettings.BASE_URL, "https://qa:pw-987@staging.example.com",
                ConformanceSettings.API_KEY, "k-123",
                ConformanceSettings.ASSISTANT_ID, SuiteRuns.ASSISTANT));
    assertTrue(
        withUser.describe().contains("target https://***@staging.example.com"), withUser::describe);
  }

  @Test
  void the_error_shape_group_is_left_out_by_a_system_property_too() {
    Map<String, String> p = new java.util.HashMap<>(REMOTE);
    p.put(ConformanceSettings.IGNORE_ERROR_SHAPE, "true");
    ConformanceSettings s = from(p);
    assertTrue(s.ignoreErrorShape());
    assertEquals(Set.of("error-shape"), s.skipGroups());
    assertTrue(s.describe().contains("error shape ignored"), s::describe);
    assertEquals(Set.of(), from(REMOTE).skipGroups());
  }

  @Test
  void har_files_are_a_comma_separated_list_and_exclude_a_base_url() {
    ConformanceSettings s =
        from(
            Map.of(ConformanceSettings.HAR, "a.har, b.har", ConformanceSettings.PROFILE, "strict"));
    assertEquals(List.of(Path.of("a.har"), Path.of("b.har")), s.harFiles());
    assertTrue(s.recorded());
    Map<String, String> both = new java.util.HashMap<>(REMOTE);
    both.put(ConformanceSettings.HAR, "a.har");
    var e = assertThrows(IllegalArgumentException.class, () -> from(both));
    assertTrue(e.getMessage().contains("--base-url"), e::getMessage);
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
                        SuiteRuns.ASSISTANT)));
    assertTrue(noKey.getMessage().contains("--api-key"));
    var noId =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                from(
                    Map.of(
                        ConformanceSettings.BASE_URL,
                        "http://h",
                        ConformanceSettings.API_KEY,
                        "k")));
    assertTrue(noId.getMessage().contains("--assistant-id"));
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
  void numbers_and_blank_values_are_read_as_the_table_says() {
    Map<String, String> p = new java.util.HashMap<>(REMOTE);
    p.put(ConformanceSettings.REPORT_DIR, "");
    p.put(ConformanceSettings.TIMEOUT, "2.5");
    p.put(ConformanceSettings.REQUEST_TIMEOUT, "4");
    p.put(ConformanceSettings.MAX_RESPONSE_BYTES, "4096");
    p.put(ConformanceSettings.PROGRESS, "0");
    p.put(ConformanceSettings.PROFILE, "STRICT");
    ConformanceSettings s = from(p);
    assertTrue(s.reportDir().isEmpty(), "a blank value counts as absent");
    assertEquals(2500, s.timeout().toMillis());
    assertEquals(4000, s.requestTimeout().toMillis());
    assertEquals(4096, s.maxResponseBytes());
    assertTrue(s.progress().isZero());
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
