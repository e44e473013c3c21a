package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Secrets never reach logs, the journal or /__mock; the CLI fails in one clear line. */
class SecretsAndCliTest {

  static final String TOKEN = "sk-live-token-4f9a8b7c";
  static final String API_KEY = "sk-provider-key-1d2e3f";
  static final String NUMERIC_KEY = "987654321987654321";

  @Test
  void the_contract_is_checked_on_the_body_as_sent_not_as_masked() {
    try (MockServer server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(TOKEN)))) {
      MockHttp http = new MockHttp(server.baseUrl());
      Map<String, String> auth =
          Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
      String nulInKey =
          "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\",\"api_key\":\"a\\u0000b\"}}";
      var a = http.patch(MockHttp.EXAMPLE, nulInKey.getBytes(StandardCharsets.UTF_8), auth);
      assertEquals(400, a.status(), a::text);
      assertEquals(java.util.Set.of("text.no-nul"), a.rules());
      var admin = http.post("/__mock/assistants", "{\"assistant_id\":\"not-a-uuid\"}");
      assertEquals(400, admin.status());
      assertEquals(java.util.Set.of("path.assistant-id-uuid"), admin.rules());
    }
  }

  @Test
  void bearer_token_and_api_key_appear_in_no_log_journal_or_admin_answer() {
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(capture);
    System.setOut(capture);
    StringBuilder answers = new StringBuilder();
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(TOKEN)).withVerbose(true))) {
      MockHttp http = new MockHttp(server.baseUrl());
      Map<String, String> auth =
          Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
      String body =
          "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"openai\",\"model\":\"gpt-realtime\",\"voice\":\"alloy\",\"api_key\":\""
              + API_KEY
              + "\"}}";
      answers.append(
          http.patch(MockHttp.EXAMPLE, body.getBytes(StandardCharsets.UTF_8), auth).text());
      // rejected requests carrying the secrets too
      answers.append(
          http.patch(
                  MockHttp.EXAMPLE,
                  ("{\"assistant_llm_config\":{\"api_key\":\"" + API_KEY + "\"")
                      .getBytes(StandardCharsets.UTF_8),
                  auth)
              .text());
      answers.append(
          http.patch(
                  MockHttp.EXAMPLE,
                  body.getBytes(StandardCharsets.UTF_8),
                  Map.of(
                      "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN + "x"))
              .text());
      // bodies whose secret a text mask would miss: a number, an escaped name, broken JSON, bad
      // UTF-8
      for (String hostile :
          List.of(
              "{\"assistant_llm_config\":{\"api_key\":" + NUMERIC_KEY + "}}",
              "{\"assistant_llm_config\":{\"api\\u005fkey\":\"" + API_KEY + "\"}}",
              "{\"assistant_llm_config\":{\"api_key\":\"" + API_KEY + "\"")) {
        answers.append(
            http.patch(MockHttp.EXAMPLE, hostile.getBytes(StandardCharsets.UTF_8), auth).text());
      }
      byte[] badUtf8 =
          ("{\"api_key\":\"" + API_KEY + "\u00ff\"}").getBytes(StandardCharsets.ISO_8859_1);
      answers.append(http.patch(MockHttp.EXAMPLE, badUtf8, auth).text());
      answers.append(http.get("/__mock/assistants").text());
      answers.append(http.get("/__mock/assistants/" + MockHttp.EXAMPLE).text());
      String journal = http.get("/__admin/requests").text();
      answers.append(journal);
      // WireMock also keeps each body as base64
      java.util.regex.Matcher b64 =
          java.util.regex.Pattern.compile("\"bodyAsBase64\"\\s*:\\s*\"([^\"]*)\"").matcher(journal);
      while (b64.find()) {
        answers.append(
            new String(
                java.util.Base64.getDecoder().decode(b64.group(1)), StandardCharsets.ISO_8859_1));
      }
      answers.append(MockMain.banner(server, server.config(), 1));
      assertTrue(
          answers.toString().contains("\"api_key\":\"***\""), "the stored key is shown masked");
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String everything = answers + captured.toString(StandardCharsets.UTF_8);
    assertTrue(
        everything.contains("assistant/update"),
        "verbose logging logged nothing: " + everything.length());
    int at = everything.indexOf(TOKEN);
    assertFalse(
        at >= 0,
        () ->
            "the bearer token leaked: "
                + everything.substring(
                    Math.max(0, at - 300), Math.min(everything.length(), at + 100)));
    int k = everything.indexOf(API_KEY);
    assertFalse(
        k >= 0,
        () ->
            "the api_key leaked: "
                + everything.substring(
                    Math.max(0, k - 400), Math.min(everything.length(), k + 60)));
    assertFalse(everything.contains(NUMERIC_KEY), "the numeric api_key leaked");
  }

  /**
   * A stub (or any admin body) may name a key JSON-escaped, {@code \\u002d} for '-' or {@code \\/}
   * for '/': WireMock reads the escape and would echo the key in its answers and the journal.
   */
  @Test
  void a_key_json_escaped_in_an_admin_body_is_masked_like_a_plain_one() {
    try (MockServer server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(TOKEN)))) {
      MockHttp http = new MockHttp(server.baseUrl());
      String escaped = TOKEN.replace("-", "\\u002d");
      String stub =
          "{\"request\":{\"method\":\"GET\",\"urlPath\":\"/x\",\"headers\":{\"X-K\":{\"equalTo\":\""
              + escaped
              + "\"}}},\"response\":{\"status\":200}}";
      var created = http.post("/__admin/mappings", stub);
      assertEquals(201, created.status(), created::text);
      String everything =
          created.text()
              + http.get("/__admin/mappings").text()
              + http.get("/__admin/requests").text();
      assertFalse(everything.contains(TOKEN), everything);
      assertFalse(everything.contains(escaped), everything);
      assertTrue(everything.contains("***"), everything);
    }
  }

  /**
   * Messages quote what the client sent (a path, a Prefer code, a Content-Type), clipped: a clip
   * cuts a long key (a JWT) before its end, so the mask, which looks for the whole key, missed the
   * part before the cut, in the answer, the journal and the traffic views. Nor may a quote change
   * the key's case.
   */
  @Test
  void a_long_key_is_never_quoted_in_part_by_a_clipped_message() {
    String jwt =
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmcm9udGVuZC1kZXYiLCJpYXQiOjE3MDAwMDAwMDB9.q1w2e3r4t5y6u7";
    String shortKey = "MixedCaseKey42";
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(jwt, shortKey)))) {
      MockHttp http = new MockHttp(server.baseUrl());
      byte[] body = "{\"assistant_name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
      StringBuilder seen = new StringBuilder();
      seen.append(http.get("/nope/" + jwt).text());
      seen.append(http.patch(MockHttp.EXAMPLE, body, Map.of("Prefer", "code=" + jwt)).text());
      for (String type :
          List.of(
              "application/" + jwt,
              "application/json; charset=" + jwt,
              "application/" + shortKey)) {
        var a =
            http.patch(
                MockHttp.EXAMPLE,
                body,
                Map.of("Authorization", "Bearer " + jwt, "Content-Type", type));
        assertEquals(java.util.Set.of("body.content-type"), a.rules(), a::text);
        seen.append(a.text());
      }
      seen.append(http.get("/__admin/requests").text());
      seen.append(http.get("/__mock/traffic.har").text());
      String all = seen.toString();
      for (String key : List.of(jwt, jwt.toLowerCase(java.util.Locale.ROOT))) {
        for (int i = 0; i + 12 <= key.length(); i += 6) {
          String part = key.substring(i, i + 12);
          assertFalse(all.contains(part), () -> part + " of the key leaked: " + all);
        }
      }
      assertFalse(
          all.toLowerCase(java.util.Locale.ROOT)
              .contains(shortKey.toLowerCase(java.util.Locale.ROOT)),
          all);
    }
  }

  @Test
  void a_port_in_use_is_one_line_and_exit_status_1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      PrintStream originalErr = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status;
      try {
        status =
            new CommandLine(new MockMain())
                .execute("--port", Integer.toString(taken.getLocalPort()));
      } finally {
        System.setErr(originalErr);
      }
      assertEquals(1, status);
      List<String> lines =
          err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("error:")).toList();
      assertEquals(1, lines.size(), err.toString(StandardCharsets.UTF_8));
      assertTrue(lines.get(0).contains("already in use"));
      assertFalse(
          err.toString(StandardCharsets.UTF_8).contains("\tat "), "a stack trace was printed");
    }
  }

  @Test
  void help_documents_every_flag() {
    String help = new CommandLine(new MockMain()).getUsageMessage();
    for (String flag :
        List.of(
            "--port",
            "--host",
            "--api-key",
            "--seed",
            "--latency",
            "--verbose",
            "--journal-size",
            "--help")) {
      assertTrue(help.contains(flag), flag);
    }
  }

  @Test
  void a_seed_file_replaces_the_example_and_a_bad_one_is_refused(@TempDir Path dir)
      throws Exception {
    Path seed = dir.resolve("seed.json");
    Files.writeString(
        seed,
        "[{\"assistant_id\":\"11111111-1111-4111-8111-111111111111\",\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"gemini\",\"model\":\"m\",\"voice\":\"Puck\"}}]");
    try (MockServer server = MockServer.start(MockConfig.defaults().withSeed(seed))) {
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(
          200, http.get("/__mock/assistants/11111111-1111-4111-8111-111111111111").status());
      assertEquals(404, http.get("/__mock/assistants/" + MockHttp.EXAMPLE).status());
    }
    Files.writeString(seed, "[{\"assistant_tts_model\":\"cartesia\"}]");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> MockServer.start(MockConfig.defaults().withSeed(seed)));
    assertTrue(e.getMessage().contains("tts.pair"), e.getMessage());
  }

  @Test
  void latency_is_added_to_contract_answers() {
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withLatency(MockConfig.Latency.parse("300")))) {
      MockHttp http = new MockHttp(server.baseUrl());
      long t0 = System.nanoTime();
      http.patch(MockHttp.EXAMPLE, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
      assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
    }
    assertEquals(new MockConfig.Latency(100, 500), MockConfig.Latency.parse("100-500"));
  }
}
