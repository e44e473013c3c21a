package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A distinctive key in every position and encoding a client can put it, and provider secrets in the
 * body at any depth; then the journal, {@code /__mock}, every answer (error bodies included) and
 * the whole --verbose output of a forked mock (Jetty's too) are searched for each of them, in each
 * of their encodings.
 */
class SecretPositionsTest {

  static final String KEY = "sk-edge-7Q4mZ2pX9w";
  static final String ADMIN = "adm-edge-5Kc8Lr3Tq1";
  static final String WRONG = "wrong-edge-3Hn6Vb2Yx";
  static final List<String> PROVIDER =
      List.of(
          "pk-llm-a1",
          "pk-tts-b2",
          "pk-tts-c3",
          "pk-tts-d4",
          "pk-tts-e5",
          "pk-tts-f6",
          "pk-new-g7");

  static String percentAll(String s) {
    StringBuilder b = new StringBuilder();
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      b.append('%').append(String.format("%02X", c));
    }
    return b.toString();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String b64url(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Every form in which a leak would count. */
  static Map<String, String> forbidden() {
    Map<String, String> f = new LinkedHashMap<>();
    for (String secret : List.of(KEY, ADMIN, WRONG)) {
      f.put(secret, secret);
      f.put("percent " + secret, percentAll(secret));
      f.put(
          "url-encoded " + secret,
          URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("-", "%2D"));
      f.put("base64 " + secret, b64(secret).replace("=", ""));
      f.put("basic " + secret, b64("user:" + secret).replace("=", ""));
    }
    f.put("base64url json key", b64url("{\"k\":\"" + KEY + "\"}"));
    for (String p : PROVIDER) {
      f.put(p, p);
    }
    return f;
  }

  @Test
  void no_secret_in_any_encoding_reaches_the_journal_mock_state_answers_or_verbose_logs()
      throws Exception {
    StringBuilder seen = new StringBuilder();
    try (ForkedMock mock =
        ForkedMock.start("--port", "0", "--verbose", "--api-key", KEY, "--admin-token", ADMIN)) {
      int port = mock.awaitPort();
      String id = MockHttp.EXAMPLE;
      String auth = "Authorization: Bearer " + KEY + "\r\n";
      String json = "Content-Type: application/json\r\n";
      List<String[]> requests = new ArrayList<>();
      // credentials, and the key in the target, cookies, header names and values
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id + "?token=" + KEY + "&t2=" + percentAll(KEY),
            auth
                + json
                + "Cookie: session="
                + KEY
                + "; s2="
                + percentAll(KEY)
                + "\r\n"
                + KEY
                + ": as-a-header-name\r\n"
                + "X-Api-Key: "
                + KEY
                + "\r\nX-Upstream: Basic "
                + b64("user:" + KEY)
                + "\r\nX-B64: "
                + b64(KEY)
                + "\r\nX-Jwt: e30."
                + b64url("{\"k\":\"" + KEY + "\"}")
                + ".sig\r\nX-Forwarded-For: "
                + KEY
                + "\r\n",
            "{\"assistant_name\":\"" + KEY + "\"}"
          });
      // provider secrets at any depth, a writeOnly api_key
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id,
            auth + json,
            """
            {"assistant_llm_mode": "pipeline", "assistant_tts_model": "elevenlabs",
             "assistant_tts_config": {"voice_id": "v1", "apiKey": "%s",
               "options": {"token": "%s", "nested": [{"Secret": "%s"}]},
               "PASSWORD": "%s", "authorization": "%s"}}
            """
                .formatted(
                    PROVIDER.get(1),
                    PROVIDER.get(2),
                    PROVIDER.get(3),
                    PROVIDER.get(4),
                    PROVIDER.get(5))
          });
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id,
            auth + json,
            """
            {"assistant_llm_mode": "realtime", "assistant_llm_config": {"provider": "openai",
             "model": "gpt-realtime", "voice": "alloy", "api_key": "%s"}}
            """
                .formatted(PROVIDER.get(0))
          });
      // the key as the path id, percent-encoded or not; a wrong bearer token used elsewhere too
      requests.add(new String[] {"PATCH", "/assistant/update/" + KEY, auth + json, "{}"});
      requests.add(
          new String[] {"PATCH", "/assistant/update/" + percentAll(KEY), auth + json, "{}"});
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id + "?w=" + WRONG,
            "Authorization: Bearer " + WRONG + "\r\n" + json,
            "{\"assistant_name\":\"" + WRONG + "\"}"
          });
      // bodies a JSON mask cannot reach, and bodies whose error messages could quote the key
      requests.add(
          new String[] {
            "PATCH", "/assistant/update/" + id, auth + "Content-Type: text/plain\r\n", "key " + KEY
          });
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id,
            auth + "Content-Type: application/x-www-form-urlencoded\r\n",
            "api_key=" + KEY
          });
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id,
            auth + "Content-Type: multipart/form-data; boundary=b\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\n" + KEY + "\r\n--b--\r\n"
          });
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id,
            auth + "Content-Type: application/json; charset=iso-8859-1\r\n",
            "{\"assistant_name\":\"" + KEY + "\"}"
          });
      requests.add(new String[] {"PATCH", "/assistant/update/" + id, auth + json, KEY});
      requests.add(
          new String[] {
            "PATCH", "/assistant/update/" + id, auth + json, "{\"" + KEY + "\":1,\"" + KEY + "\":2}"
          });
      requests.add(
          new String[] {
            "PATCH",
            "/assistant/update/" + id,
            auth + json,
            "{\"assistant_name\":\"" + KEY + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}"
          });
      // the mock's own state endpoint and the admin API, with the admin token
      String admin = "Authorization: Bearer " + ADMIN + "\r\n";
      requests.add(
          new String[] {
            "POST",
            "/__mock/assistants",
            admin + json,
            """
            {"assistant_name": "%s", "assistant_llm_mode": "realtime", "assistant_llm_config":
             {"provider": "p", "model": "m", "voice": "v", "api_key": "%s"}}
            """
                .formatted(KEY, PROVIDER.get(6))
          });
      requests.add(new String[] {"GET", "/__admin/mappings?token=" + ADMIN, admin, ""});
      requests.add(
          new String[] {"GET", "/__admin/mappings", "Authorization: Bearer " + KEY + "\r\n", ""});
      // errors Jetty answers itself, with the key in the target
      requests.add(new String[] {"GET", "/" + KEY + "/" + "a".repeat(40_000), "", ""});
      requests.add(new String[] {"GET", "/assistant/update/" + KEY + "%zz", "", ""});
      requests.add(new String[] {"patch", "/assistant/update/" + KEY, auth, ""});

      for (String[] r : requests) {
        try (RawHttp raw = new RawHttp(port)) {
          raw.send(
              r[0]
                  + " "
                  + r[1]
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\n"
                  + r[2]
                  + "Content-Length: "
                  + r[3].getBytes(StandardCharsets.UTF_8).length
                  + "\r\n\r\n");
          raw.sendQuietly(r[3].getBytes(StandardCharsets.UTF_8));
          RawHttp.Answer a = raw.read();
          seen.append(a).append('\n');
          assertTrue(a.status() < 500, () -> r[0] + " " + r[1] + ": " + a);
        }
      }
      MockHttp http = new MockHttp("http://127.0.0.1:" + port);
      Map<String, String> adminAuth = Map.of("Authorization", "Bearer " + ADMIN);
      String journal =
          http.send(
                  "GET",
                  "/__admin/requests",
                  java.net.http.HttpRequest.BodyPublishers.noBody(),
                  adminAuth)
              .text();
      seen.append(journal);
      Matcher b64 =
          Pattern.compile("\"(?:bodyAsBase64|base64Body)\"\\s*:\\s*\"([^\"]*)\"").matcher(journal);
      while (b64.find()) {
        seen.append(
            new String(Base64.getDecoder().decode(b64.group(1)), StandardCharsets.ISO_8859_1));
      }
      String state =
          http.send(
                  "GET",
                  "/__mock/assistants",
                  java.net.http.HttpRequest.BodyPublishers.noBody(),
                  adminAuth)
              .text();
      seen.append(state);
      assertTrue(state.contains("\"api_key\":\"***\""), state);
      assertTrue(state.contains("\"apiKey\":\"***\""), state);
      assertTrue(journal.contains("\"Authorization\" : \"Bearer ***\""), journal);
      assertTrue(journal.contains("token=***"), journal);
      // --verbose logs each answer on the mock's own time: waited for, then the mock is stopped
      // and its output read to the end, so that the lines checked for secrets are all of them
      mock.awaitStderr("/assistant/update/");
      mock.stop();
      seen.append(mock.stdout()).append(mock.stderr());
      assertTrue(mock.stderr().contains("/assistant/update/"), "verbose logged nothing");
      assertTrue(mock.stderr().contains("org.eclipse.jetty"), "Jetty's lines with --verbose");
      assertEquals(1, countOf(mock.stdout(), "listening on"));
    }
    String everything = seen.toString();
    for (Map.Entry<String, String> f : forbidden().entrySet()) {
      int at = everything.indexOf(f.getValue());
      assertTrue(
          at < 0,
          () ->
              f.getKey()
                  + " leaked: ..."
                  + everything.substring(
                      Math.max(0, at - 300), Math.min(everything.length(), at + 80)));
    }
  }

  private static int countOf(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
