package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and odd input gets a 4xx in the contract's error shape; the server stays up. */
class HardeningTest {

  static final Contract CONTRACT = TestContract.CONTRACT;
  static final Map<String, String> JSON_AUTH =
      Map.of("Content-Type", "application/json", "Authorization", "Bearer " + MockHttp.KEY);
  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Hostile(String name, byte[] body, String rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Hostile> hostileBodies() {
    byte[] badUtf8 = {
      '{',
      '"',
      'a',
      's',
      's',
      'i',
      's',
      't',
      'a',
      'n',
      't',
      '_',
      'n',
      'a',
      'm',
      'e',
      '"',
      ':',
      '"',
      (byte) 0xC3,
      (byte) 0x28,
      '"',
      '}'
    };
    byte[] nulByte = "{\"assistant_name\":\"a\u0000b\"}".getBytes(StandardCharsets.UTF_8);
    return List.of(
        new Hostile(
            "two-megabytes",
            ("{\"assistant_prompt\":\"" + "x".repeat(2_000_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8),
            "body.limits"),
        new Hostile(
            "nested-ten-thousand-deep",
            ("{\"assistant_name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
                .getBytes(StandardCharsets.UTF_8),
            "body.limits"),
        new Hostile("bad-utf8", badUtf8, "body.json-syntax"),
        new Hostile(
            "duplicate-keys",
            "{\"assistant_name\":\"a\",\"assistant_name\":\"b\"}".getBytes(StandardCharsets.UTF_8),
            "body.duplicate-key"),
        new Hostile(
            "huge-number",
            ("{\"assistant_end_call_enabled\":" + "9".repeat(5000) + "}")
                .getBytes(StandardCharsets.UTF_8),
            "body.limits"),
        new Hostile("raw-nul-byte", nulByte, "body.json-syntax"),
        new Hostile(
            "escaped-nul",
            "{\"assistant_name\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8),
            "text.no-nul"),
        new Hostile("no-body", new byte[0], "body.required"),
        new Hostile("not-an-object", "[1,2]".getBytes(StandardCharsets.UTF_8), "body.object"),
        new Hostile(
            "truncated",
            "{\"assistant_name\":".getBytes(StandardCharsets.UTF_8),
            "body.json-syntax"),
        new Hostile(
            "utf16-bom",
            "\uFEFF{\"assistant_name\":\"a\"}".getBytes(StandardCharsets.UTF_16),
            "body.json-syntax"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileBodies")
  void hostile_body_gets_a_400_naming_the_rule_and_changes_nothing(Hostile h) {
    var before = http.state(MockHttp.EXAMPLE);
    var a = http.patch(MockHttp.EXAMPLE, h.body(), JSON_AUTH);
    assertEquals(400, a.status(), a::text);
    assertTrue(a.rules().contains(h.rule()), a::text);
    assertTrue(TestContract.responseFindings(MockHttp.EXAMPLE, a).isEmpty());
    assertFalse(
        a.text().contains("Exception") || a.text().contains("\tat "),
        "a stack trace reached the client");
    assertEquals(before, http.state(MockHttp.EXAMPLE));
    assertEquals(
        200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"still up\"}").status());
  }

  @Test
  void a_chunked_body_is_read_like_any_other() {
    byte[] body = "{\"assistant_name\":\"chunked\"}".getBytes(StandardCharsets.UTF_8);
    var a =
        http.send(
            "PATCH",
            "/assistant/update/" + MockHttp.EXAMPLE,
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
            JSON_AUTH);
    assertEquals(200, a.status(), a::text);
    assertEquals("chunked", http.state(MockHttp.EXAMPLE).get("assistant_name").asString());
  }

  @Test
  void wrong_content_types_and_charsets_are_400_naming_the_header() {
    for (String type :
        List.of(
            "text/plain",
            "application/xml",
            "application/json; charset=iso-8859-1",
            "multipart/form-data; boundary=x")) {
      var a =
          http.patch(
              MockHttp.EXAMPLE,
              "{\"assistant_name\":\"a\"}".getBytes(StandardCharsets.UTF_8),
              Map.of("Content-Type", type, "Authorization", "Bearer " + MockHttp.KEY));
      assertEquals(400, a.status(), type);
      assertEquals(java.util.Set.of("body.content-type"), a.rules(), type);
      assertEquals("/Content-Type", a.json().get("errors").get(0).get("pointer").asString());
    }
  }

  @Test
  void malformed_authorization_headers_are_401() {
    for (String auth :
        List.of(
            "Bearer",
            "Bearer  ",
            "Token " + MockHttp.KEY,
            MockHttp.KEY,
            "Bearer " + MockHttp.KEY + " extra")) {
      var a =
          http.patch(
              MockHttp.EXAMPLE,
              "{\"assistant_name\":\"a\"}".getBytes(StandardCharsets.UTF_8),
              Map.of("Content-Type", "application/json", "Authorization", auth));
      assertEquals(401, a.status(), auth);
      // of the Bearer scheme but not one token: the page leaves its status open (auth.malformed)
      assertEquals(
          auth.startsWith("Bearer")
              ? java.util.Set.of("auth.bearer", "auth.malformed")
              : java.util.Set.of("auth.bearer"),
          a.rules(),
          auth);
    }
  }

  @Test
  void concurrent_updates_of_distinct_fields_of_one_assistant_lose_nothing() throws Exception {
    String id = http.newAssistant("pipeline");
    int threads = 8;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < perThread; i++) {
                    String field =
                        List.of(
                                "assistant_name",
                                "assistant_description",
                                "assistant_prompt",
                                "assistant_start_instruction",
                                "assistant_end_call_trigger_phrase",
                                "assistant_end_call_agent_message",
                                "assistant_name",
                                "assistant_prompt")
                            .get(thread);
                    String body =
                        thread >= 6
                            ? "{\"assistant_interaction_config\":{\"speaks_first\":"
                                + (i % 2 == 0)
                                + "}}"
                            : "{\"" + field + "\":\"t" + thread + "-" + i + "\"}";
                    ok += http.patchJson(id, body).status() == 200 ? 1 : 0;
                  }
                  return ok;
                }));
      }
      int ok = 0;
      for (Future<Integer> f : futures) {
        ok += f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(threads * perThread, ok);
    } finally {
      pool.shutdownNow();
    }
    var s = http.state(id);
    assertEquals(threads * perThread, s.get("version").asLong(), "an update was lost");
    for (int t = 2; t < 6; t++) {
      String field =
          List.of(
                  "assistant_name",
                  "assistant_description",
                  "assistant_prompt",
                  "assistant_start_instruction",
                  "assistant_end_call_trigger_phrase",
                  "assistant_end_call_agent_message")
              .get(t);
      assertEquals("t" + t + "-" + (perThread - 1), s.get(field).asString(), field);
    }
  }
}
