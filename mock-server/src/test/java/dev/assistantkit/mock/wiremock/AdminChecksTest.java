package dev.assistantkit.mock.wiremock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the admin checks refuse, read from the body as a stream of tokens: the same answers the tree
 * they replaced gave (a proxy, a webhook in either of WireMock's forms, JSON Schema matchers, JSON
 * that is not an object), and a 400 in the kit's shape for a body that is not JSON at all (WireMock
 * answered those with its own 422).
 */
class AdminChecksTest {

  static final String IMPORT = "/__admin/mappings/import";
  static final String MAPPINGS = "/__admin/mappings";
  static final Charset UTF8 = StandardCharsets.UTF_8;
  static final Charset ISO = StandardCharsets.ISO_8859_1;

  /** A case: the request, and the refusal expected (status and rule), or none (status 0). */
  record Case(String name, String path, String body, int status, String rule, boolean allowProxy) {
    static Case refused(String name, String path, String body, int status, String rule) {
      return new Case(name, path, body, status, rule, false);
    }

    static Case passed(String name, String path, String body) {
      return new Case(name, path, body, 0, null, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** One stub, then {@code n} plain ones: a stub that calls out deep in a long import. */
  static String importWithLast(String last, int n) {
    StringBuilder b = new StringBuilder("{\"mappings\": [");
    for (int i = 0; i < n; i++) {
      b.append(
          """
          {"request": {"method": "GET", "urlPath": "/things/%d"},
           "response": {"status": 200, "jsonBody": {"id": %d, "name": "webhook", "tags": [[{}]]}}},
          """
              .formatted(i, i));
    }
    return b.append(last).append("]}").toString();
  }

  static final String WEBHOOK_LISTENER =
      """
      {"request": {"url": "/hook"}, "response": {"status": 200},
       "serveEventListeners": [{"name": "webhook",
                                "parameters": {"method": "POST", "url": "http://127.0.0.1:9/"}}]}""";

  static List<Case> cases() {
    String plain = "{\"request\": {\"url\": \"/p\"}, \"response\": {\"status\": 200}}";
    return List.of(
        // stubs that call out, anywhere in the body, in every form WireMock reads
        Case.refused(
            "webhook-listener-deep-in-an-import",
            IMPORT,
            importWithLast(WEBHOOK_LISTENER, 2_000),
            403,
            "admin.disabled"),
        Case.refused(
            "webhook-post-serve-action-as-a-key",
            MAPPINGS,
            """
            {"request": {"url": "/h"}, "postServeActions": {"WebHook": {"url": "http://x/"}}}""",
            403,
            "admin.disabled"),
        Case.refused(
            "webhook-post-serve-action-named-in-a-value",
            MAPPINGS,
            """
            {"request": {"url": "/h"}, "postServeActions": {"a": {"name": "WEBHOOK"}}}""",
            403,
            "admin.disabled"),
        Case.refused(
            "webhook-post-serve-action-listed",
            IMPORT,
            importWithLast(
                "{\"postServeActions\": [{\"parameters\": {}, \"name\": \"webhook\"}]}", 10),
            403,
            "admin.disabled"),
        Case.refused(
            "proxy-deep-in-an-import",
            IMPORT,
            importWithLast("{\"response\": {\"proxyBaseUrl\": \"http://169.254.169.254\"}}", 2_000),
            403,
            "admin.disabled"),
        Case.refused(
            "proxy-name-escaped",
            MAPPINGS,
            "{\"response\": {\"proxy\\u0042aseUrl\": \"http://169.254.169.254\"}}",
            403,
            "admin.disabled"),
        Case.refused(
            "proxy-in-comments-and-single-quotes-as-wiremock-reads-them",
            IMPORT,
            "{'mappings': [/* one */ {'response': {'proxyBaseUrl': 'http://x'}}]}",
            403,
            "admin.disabled"),
        Case.refused(
            "recording-target",
            "/__admin/recordings/start",
            "{\"targetBaseUrl\": \"http://169.254.169.254\"}",
            403,
            "admin.disabled"),
        Case.refused(
            "proxy-in-a-file-body-as-before",
            "/__admin/files/a.json",
            "{\"proxyBaseUrl\": \"http://x\"}",
            403,
            "admin.disabled"),
        new Case(
            "webhook-allowed-by-the-flag",
            IMPORT,
            importWithLast(WEBHOOK_LISTENER, 100),
            0,
            null,
            true),
        // what only looks like one
        Case.passed("many-plain-stubs-named-webhook", IMPORT, importWithLast(plain, 2_000)),
        Case.passed(
            "a-stub-named-webhook",
            MAPPINGS,
            "{\"name\": \"webhook\", \"request\": {\"url\": \"/w\"}, \"response\": {}}"),
        Case.passed(
            "another-listener",
            MAPPINGS,
            "{\"request\": {\"url\": \"/w\"}, \"serveEventListeners\": [{\"name\": \"mine\","
                + " \"parameters\": {\"name\": \"webhook\"}}]}"),
        Case.passed(
            "webhook-as-a-body-value",
            MAPPINGS,
            "{\"request\": {\"url\": \"/w\"}, \"response\": {\"jsonBody\": {\"webhook\": 1}}}"),
        Case.passed(
            "content-after-the-object-is-not-read-by-wiremock-either",
            IMPORT,
            "{\"mappings\": []} {\"proxyBaseUrl\": 1} not json"),
        Case.passed("no-body", "/__admin/reset", ""),
        Case.passed("not-json-written-to-a-file", "/__admin/files/a.txt", "not json {"),
        // JSON Schema matchers, before a webhook as before
        Case.refused(
            "json-schema-matcher-deep",
            IMPORT,
            importWithLast(
                "{\"request\": {\"bodyPatterns\": [{\"matchesJsonSchema\": {}}]},"
                    + " \"serveEventListeners\": [{\"name\": \"webhook\"}]}",
                500),
            400,
            "admin.invalid-request"),
        // JSON that is not an object
        Case.refused("null", "/__admin/settings", "null", 400, "admin.invalid-request"),
        Case.refused("array", MAPPINGS, "[" + plain + "]", 400, "admin.invalid-request"),
        Case.refused("number", "/__admin/settings", "1", 400, "admin.invalid-request"),
        Case.refused("string", IMPORT, "\"mappings\"", 400, "admin.invalid-request"),
        Case.refused("boolean", IMPORT, "true", 400, "admin.invalid-request"),
        Case.refused("white-space", IMPORT, " \r\n\t ", 400, "admin.invalid-request"),
        // not JSON: the kit's 400, not WireMock's 422
        Case.refused("garbage", IMPORT, "garbage", 400, "admin.invalid-request"),
        Case.refused("unclosed", IMPORT, "{", 400, "admin.invalid-request"),
        Case.refused(
            "a-long-import-cut-short",
            IMPORT,
            importWithLast(plain, 2_000).replaceFirst("..$", ""),
            400,
            "admin.invalid-request"),
        Case.refused(
            "a-long-import-broken-at-its-end",
            IMPORT,
            importWithLast("{\"response\": {\"status\": 200,}}", 2_000),
            400,
            "admin.invalid-request"),
        Case.refused(
            "deeper-than-the-parser-reads",
            IMPORT,
            "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            400,
            "admin.invalid-request"),
        Case.refused(
            "a-number-longer-than-the-parser-reads",
            IMPORT,
            "{\"a\":" + "9".repeat(5_000) + "}",
            400,
            "admin.invalid-request"),
        Case.refused(
            "a-nul-in-a-string", IMPORT, "{\"a\": \"x\u0000\"}", 400, "admin.invalid-request"),
        Case.refused("gzip-unannounced", IMPORT, "\u001f\u008b", 400, "body.content-encoding"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void each_body_is_refused_or_passed_as_before(Case c) {
    // ISO-8859-1 for the gzip case's two bytes; every other body is ASCII but for the NUL
    byte[] body = c.body().getBytes(c.status() == 400 && c.rule().startsWith("body.") ? ISO : UTF8);
    Optional<AdminChecks.AdminRefusal> no = new AdminChecks(c.allowProxy()).check(c.path(), body);
    assertEquals(c.status(), no.map(AdminChecks.AdminRefusal::status).orElse(0), c + ": " + no);
    assertEquals(c.rule(), no.map(AdminChecks.AdminRefusal::rule).orElse(null), c + ": " + no);
  }

  /** The parser's own message quotes the text where it stopped; the refusal says where only. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"mappings\": [sk-live-never-quoted-4242]}",
        "sk-live-never-quoted-4242",
        "{\"a\": \"sk-live-never-quoted-4242\" \"b\"}",
        "{'a': 'b', sk-live-never-quoted-4242}"
      })
  void a_body_that_is_not_json_is_refused_without_quoting_it(String body) {
    AdminChecks.AdminRefusal no =
        new AdminChecks(false).check(IMPORT, body.getBytes(UTF8)).orElseThrow();
    assertEquals("admin.invalid-request", no.rule());
    assertFalse(no.message().contains("sk-live"), no.message());
  }
}
