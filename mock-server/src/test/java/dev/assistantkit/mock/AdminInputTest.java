package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client can send the admin API (WireMock's, behind the door) with the admin token, admin
 * files on and --verbose, as the second hostile corpus ran it: every request is a 4xx or a correct
 * answer, never a 5xx, and none leaves the mock answering anyone else with a 5xx. Before: {@code
 * GET /__admin/files//etc/passwd} was a 500; a negative or non-numeric {@code limit} or {@code
 * offset}, a body of JSON null, a pattern that does not compile and WireMock's JSON Schema matcher
 * (a NoClassDefFoundError) were 500s; {@code POST /__admin/settings} with null made every answer
 * WireMock gave afterwards a 500; {@code DELETE /__admin/mappings/unmatched} removed the contract's
 * own stubs (the engine answers in their place, so WireMock never matched them); a stub with status
 * 99999 answered the status line "99 99"; a stub's body file outside the files root was a 500.
 */
class AdminInputTest {

  static final String TOKEN = "admin-input-token-7c1e";
  static MockServer server;
  static MockHttp http;

  /** A user's stub, so that WireMock answers every request while it is in place. */
  static final String USER_STUB =
      """
      {"request": {"method": "GET", "urlPath": "/user-stub"}, "response": {"status": 203}}""";

  @BeforeAll
  static void start() {
    server =
        MockServer.start(
            MockConfig.defaults()
                .withApiKeys(List.of(MockHttp.KEY))
                .withVerbose(true)
                .withAdmin(new MockConfig.Admin(Optional.of(TOKEN), true, false)));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void fresh() {
    assertEquals(200, admin("POST", "/__admin/reset", "").status());
    assertEquals(200, admin("POST", "/__admin/settings", "{}").status());
  }

  /** A request of the admin API, with the token. */
  static RawHttp.Answer admin(String method, String target, String body) {
    try (RawHttp c = new RawHttp(server.port())) {
      return c.send(
              method
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                  + "\r\nConnection: close\r\n\r\n"
                  + body)
          .read();
    }
  }

  record Case(String name, String method, String target, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> hostile() {
    String stub =
        """
        {"request": {"url": "/x"}, "response": {"status": %s}}""";
    return List.of(
        new Case("files-double-slash", "GET", "/__admin/files//etc/passwd", ""),
        new Case("files-dot-dot", "GET", "/__admin/files/../../etc/passwd", ""),
        new Case("files-encoded-dot-dot", "GET", "/__admin/files/%2e%2e/%2e%2e/etc/passwd", ""),
        new Case("files-encoded-slash", "GET", "/__admin/files/..%2f..%2fetc%2fpasswd", ""),
        new Case("files-backslash", "GET", "/__admin/files/..\\..\\etc\\passwd", ""),
        new Case("files-drive", "GET", "/__admin/files/C:/Windows/win.ini", ""),
        new Case("files-put-outside", "PUT", "/__admin/files//tmp/planted.txt", "x"),
        new Case("files-delete-outside", "DELETE", "/__admin/files/../pom.xml", ""),
        new Case("limit-not-a-number", "GET", "/__admin/requests?limit=abc", ""),
        new Case("limit-negative", "GET", "/__admin/requests?limit=-1", ""),
        new Case("limit-past-int", "GET", "/__admin/requests?limit=99999999999999", ""),
        new Case("mappings-limit-negative", "GET", "/__admin/mappings?limit=-5", ""),
        new Case("mappings-offset-negative", "GET", "/__admin/mappings?offset=-5", ""),
        new Case("since-not-a-date", "GET", "/__admin/requests?since=garbage", ""),
        new Case("stub-null", "POST", "/__admin/mappings", "null"),
        new Case("stub-array", "POST", "/__admin/mappings", "[]"),
        new Case("import-null", "POST", "/__admin/mappings/import", "{\"mappings\":null}"),
        new Case("import-null-stub", "POST", "/__admin/mappings/import", "{\"mappings\":[null]}"),
        new Case("settings-null", "POST", "/__admin/settings", "null"),
        new Case("settings-number", "POST", "/__admin/settings", "1"),
        new Case("scenario-state-null", "PUT", "/__admin/scenarios/x/state", "null"),
        new Case("snapshot-null", "POST", "/__admin/recordings/snapshot", "null"),
        new Case("near-misses-null", "POST", "/__admin/near-misses/request", "null"),
        new Case("find-null", "POST", "/__admin/requests/find", "null"),
        new Case(
            "find-bad-regex",
            "POST",
            "/__admin/requests/find",
            "{\"bodyPatterns\":[{\"matches\":\"(\"}]}"),
        new Case(
            "find-bad-json-path",
            "POST",
            "/__admin/mappings/find-by-metadata",
            "{\"matchesJsonPath\":\"$[?(@\"}"),
        new Case(
            "find-by-huge-number",
            "POST",
            "/__admin/mappings/find-by-metadata",
            "{\"a\":1E+2147483648}"),
        new Case(
            "stub-json-schema-matcher",
            "POST",
            "/__admin/mappings",
            "{\"request\":{\"url\":\"/js\",\"bodyPatterns\":[{\"matchesJsonSchema\":"
                + "{\"type\":\"string\"}}]},\"response\":{\"status\":200}}"),
        new Case(
            "count-json-schema-matcher",
            "POST",
            "/__admin/requests/count",
            "{\"bodyPatterns\":[{\"matchesJsonSchema\":{\"type\":\"string\"}}]}"),
        new Case("stub-status-99999", "POST", "/__admin/mappings", stub.formatted("99999")),
        new Case("stub-status-101", "POST", "/__admin/mappings", stub.formatted("101")),
        new Case(
            "stub-body-file-outside",
            "POST",
            "/__admin/mappings",
            "{\"request\":{\"url\":\"/f\"},\"response\":{\"bodyFileName\":\"../../etc/passwd\"}}"),
        new Case(
            "stub-body-file-absolute",
            "POST",
            "/__admin/mappings",
            "{\"request\":{\"url\":\"/f\"},\"response\":{\"bodyFileName\":\"/etc/passwd\"}}"),
        new Case(
            "import-status-99999",
            "POST",
            "/__admin/mappings/import",
            "{\"mappings\":[" + stub.formatted("99999") + "]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void each_is_a_4xx_and_leaves_every_road_answering(Case c) {
    assertEquals(201, admin("POST", "/__admin/mappings", USER_STUB).status());
    var a = admin(c.method(), c.target(), c.body());
    assertTrue(a.status() >= 400 && a.status() < 500, c + ": " + a);
    assertTrue(a.header("Content-Type").contains("json"), c + ": " + a);
    assertFalse(a.text().contains("Exception") || a.text().contains("\tat "), a::toString);
    assertStillAnswering(c.toString());
  }

  @Test
  void removing_the_stubs_wiremock_never_matched_keeps_the_contracts_own() {
    int own = mappings();
    assertEquals(201, admin("POST", "/__admin/mappings", USER_STUB).status());
    assertEquals(200, admin("DELETE", "/__admin/mappings/unmatched", "").status());
    assertEquals(own, mappings(), "the user's unmatched stub is gone, the contract's are back");
    assertStillAnswering("after removing the unmatched stubs");
  }

  @Test
  void a_templated_body_file_that_leaves_the_files_root_is_a_404() {
    var stub =
        admin(
            "POST",
            "/__admin/mappings",
            """
            {"request": {"method": "GET", "urlPath": "/file"},
             "response": {"status": 200, "bodyFileName": "{{request.query.name}}",
                          "transformers": ["response-template"]}}""");
    assertEquals(201, stub.status(), stub::toString);
    for (String name : List.of("../../../../etc/passwd", "/etc/passwd", "..%2f..%2fpom.xml")) {
      var a = admin("GET", "/file?name=" + name, "");
      assertTrue(a.status() == 404, name + ": " + a);
      assertFalse(a.text().contains("root:"), "a file outside the root leaked");
    }
    assertStillAnswering("after templated body files");
  }

  static void assertFalse(boolean condition, java.util.function.Supplier<String> message) {
    assertTrue(!condition, message);
  }

  static void assertFalse(boolean condition, String message) {
    assertTrue(!condition, message);
  }

  /** The API answers on WireMock's road (a user's stub in place) and on the engine's. */
  static void assertStillAnswering(String after) {
    assertEquals(201, admin("POST", "/__admin/mappings", USER_STUB).status(), after);
    assertPatchAnswered(after + ", WireMock's road");
    assertEquals(203, http.get("/user-stub").status(), after);
    assertEquals(200, admin("POST", "/__admin/reset", "").status());
    assertEquals(200, admin("POST", "/__admin/settings", "{}").status());
    assertPatchAnswered(after + ", the engine's road");
  }

  static void assertPatchAnswered(String when) {
    var a = http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"still up\"}");
    assertEquals(200, a.status(), when + ": " + a.text());
  }

  static int mappings() {
    return admin("GET", "/__admin/mappings", "").json().path("meta").path("total").asInt();
  }
}
