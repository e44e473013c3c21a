package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the credential filter lets WireMock see: credentials and secrets masked wherever they hide,
 * a verdict no client can forge, and the body as sent for the contract.
 */
class CredentialFilterTest {

  static final String TOKEN = "filter-key-7f3a9c";
  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(TOKEN)));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void emptyJournal() {
    assertEquals(200, http.post("/__mock/reset", "{}").status());
  }

  private static String journal() {
    return http.get("/__admin/requests").text();
  }

  private static Map<String, String> auth(String contentType) {
    return Map.of("Content-Type", contentType, "Authorization", "Bearer " + TOKEN);
  }

  @Test
  void no_header_a_client_sends_stands_in_for_the_credentials() {
    assertEquals(
        200,
        http.patch(
                MockHttp.EXAMPLE,
                "{\"assistant_name\":\"A\"}".getBytes(StandardCharsets.UTF_8),
                auth("application/json"))
            .status());
    // replay every header name WireMock journaled, with every verdict word, and no credentials
    Map<String, String> forged = new HashMap<>();
    JsonNode headers =
        MockHttp.JSON.readTree(journal()).get("requests").get(0).get("request").get("headers");
    for (String name : headers.propertyNames()) {
      if (!List.of("authorization", "content-length", "host", "connection", "upgrade")
          .contains(name.toLowerCase(java.util.Locale.ROOT))) {
        forged.put(name, "accepted");
      }
    }
    forged.put("X-Assistant-Mock-Credential", "accepted");
    forged.put("Content-Type", "application/json");
    var answer =
        http.patch(
            MockHttp.EXAMPLE,
            "{\"assistant_name\":\"Spoofed\"}".getBytes(StandardCharsets.UTF_8),
            forged);
    assertEquals(401, answer.status(), answer::text);
    forged.put("Authorization", "Bearer wrong-key");
    assertEquals(
        401,
        http.patch(
                MockHttp.EXAMPLE,
                "{\"assistant_name\":\"Spoofed\"}".getBytes(StandardCharsets.UTF_8),
                forged)
            .status());
    assertFalse(http.get("/__mock/assistants").text().contains("Spoofed"));
  }

  @Test
  void a_server_side_request_filter_may_replace_the_credentials_a_client_header_may_not() {
    // what the suite's "accepts any token" variant does: a WireMock extension, not a client
    var filter =
        new com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2() {
          @Override
          public com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction filter(
              com.github.tomakehurst.wiremock.http.Request request,
              com.github.tomakehurst.wiremock.stubbing.ServeEvent serveEvent) {
            return com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction
                .continueWith(
                    com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper.create()
                        .transformHeader("Authorization", v -> List.of("Bearer " + TOKEN))
                        .wrap(request));
          }

          @Override
          public boolean applyToAdmin() {
            return false;
          }

          @Override
          public boolean applyToStubs() {
            return true;
          }

          @Override
          public String getName() {
            return "test-rewrites-credentials";
          }
        };
    try (MockServer variant =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(TOKEN)), filter)) {
      MockHttp other = new MockHttp(variant.baseUrl());
      var a =
          other.patch(
              MockHttp.EXAMPLE,
              "{\"assistant_name\":\"A\"}".getBytes(StandardCharsets.UTF_8),
              Map.of("Content-Type", "application/json", "Authorization", "Bearer not-a-key"));
      assertEquals(200, a.status(), a::text);
    }
    // a client that sends the masked form itself gets no further than any other wrong token
    var forged =
        http.patch(
            MockHttp.EXAMPLE,
            "{\"assistant_name\":\"B\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Type", "application/json", "Authorization", "Bearer ***"));
    assertEquals(401, forged.status(), forged::text);
  }

  @Test
  void secrets_in_another_charset_a_url_encoding_or_a_multipart_body_are_withheld() {
    byte[] utf16 =
        "{\"assistant_llm_config\":{\"api_key\":\"sk-utf16-secret\"}}"
            .getBytes(StandardCharsets.UTF_16BE);
    http.patch(MockHttp.EXAMPLE, utf16, auth("application/json; charset=UTF-16BE"));
    http.patch(
        MockHttp.EXAMPLE,
        "assistant_llm_config%5Bapi%5Fkey%5D=sk-form-secret".getBytes(StandardCharsets.UTF_8),
        auth("application/x-www-form-urlencoded"));
    String multipart =
        "--b\r\nContent-Disposition: form-data; name=\"k\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getEncoder()
                .encodeToString("{\"api_key\":\"sk-part-secret\"}".getBytes(StandardCharsets.UTF_8))
            + "\r\n--b--\r\n";
    http.patch(
        MockHttp.EXAMPLE,
        multipart.getBytes(StandardCharsets.UTF_8),
        auth("multipart/form-data; boundary=b"));
    String journal = journal();
    for (String secret : List.of("sk-utf16-secret", "sk-form-secret", "sk-part-secret")) {
      assertFalse(journal.contains(secret), () -> secret + " in " + journal);
    }
    String base64 =
        java.util.Base64.getEncoder()
            .encodeToString("{\"api_key\":\"sk-part-secret\"}".getBytes(StandardCharsets.UTF_8));
    assertFalse(journal.contains(base64), journal);
    assertFalse(
        journal.contains(new String(utf16, StandardCharsets.ISO_8859_1).substring(0, 10)), journal);
  }

  @Test
  void a_body_over_the_contracts_limit_is_rejected_and_not_kept() {
    byte[] huge = new byte[200_000];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    huge[huge.length - 1] = '}';
    var answer = http.patch(MockHttp.EXAMPLE, huge, auth("application/json"));
    assertEquals(400, answer.status(), answer::text);
    assertEquals(java.util.Set.of("body.limits"), answer.rules());
    // refused by the edge from its Content-Length, before it was read: WireMock never saw it
    String journal = journal();
    assertFalse(journal.contains("/assistant/update/"), journal);
    assertTrue(journal.length() < 50_000, () -> "journal of " + journal.length() + " chars");
  }

  @Test
  void a_configured_key_is_masked_in_any_header_cookie_or_the_url() {
    http.send(
        "PATCH",
        "/assistant/update/" + MockHttp.EXAMPLE + "?token=" + TOKEN,
        HttpRequest.BodyPublishers.ofString("{\"assistant_name\":\"K\"}"),
        Map.of(
            "Content-Type", "application/json",
            "Authorization", "Bearer " + TOKEN,
            "Proxy-Authorization", "Bearer " + TOKEN,
            "X-Api-Key", TOKEN,
            "Cookie", "session=" + TOKEN));
    String journal = journal();
    assertFalse(journal.contains(TOKEN), journal);
    assertTrue(journal.contains("token=***"), journal);
  }

  @Test
  void the_contract_and_the_admin_api_validate_the_body_as_sent_not_as_masked() {
    // a numeric api_key would pass as the masked string "***"
    String numeric =
        "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"p\","
            + "\"model\":\"m\",\"voice\":\"v\",\"api_key\":42}}";
    var patch =
        http.patch(
            MockHttp.EXAMPLE, numeric.getBytes(StandardCharsets.UTF_8), auth("application/json"));
    assertEquals(400, patch.status(), patch::text);
    var created = http.post("/__mock/assistants", numeric);
    assertEquals(400, created.status(), created::text);
  }
}
