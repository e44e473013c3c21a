package com.example.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Each test above has a twin (package twins) whose code breaks a rule of the page. Run as a build
 * would run it, each twin fails, and its failure names the rule.
 */
class TwinsTest {

  /** The messages of a twin's failed tests, run on the JUnit Platform launcher. */
  static List<String> failures(String twin) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            request().selectors(selectClass("com.example.assistant.twins." + twin)).build(),
            listener);
    return listener.getSummary().getFailures().stream()
        .map(f -> String.valueOf(f.getException().getMessage()))
        .toList();
  }

  @Test
  void a_client_sending_the_end_call_flag_as_a_string_fails_naming_body_field_type() {
    List<String> failures = failures("StringFlagClientTest");
    assertEquals(1, failures.size(), failures::toString);
    assertTrue(failures.get(0).contains("body.field-type"), failures.get(0));
  }

  @Test
  void a_server_letting_in_a_request_without_a_token_fails_naming_auth_bearer() {
    List<String> failures = failures("TokenlessServerTest");
    assertEquals(1, failures.size(), failures::toString);
    assertTrue(failures.get(0).startsWith("auth.bearer/"), failures.get(0));
    assertTrue(failures.get(0).contains("expected 401 naming auth.bearer, got 200"));
  }

  @Test
  void a_rest_assured_test_sending_a_tts_model_without_its_config_fails_naming_tts_pair() {
    List<String> failures = failures("TtsWithoutConfigTest");
    assertEquals(1, failures.size(), failures::toString);
    assertTrue(failures.get(0).contains("the request broke tts.pair"), failures.get(0));
  }
}
