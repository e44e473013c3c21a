package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WireMock's own resets clear a user's stubs and the journal, never the mock's behaviour. */
class AdminResetTest {

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

  @org.junit.jupiter.api.Test
  void concurrent_resets_all_succeed_and_leave_the_own_stubs_once() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String method = i % 2 == 0 ? "POST" : "DELETE";
      String path = i % 2 == 0 ? "/__admin/mappings/reset" : "/__admin/mappings";
      statuses.add(
          pool.submit(
              () ->
                  http.send(method, path, HttpRequest.BodyPublishers.noBody(), Map.of()).status()));
    }
    for (var status : statuses) {
      assertEquals(200, status.get());
    }
    pool.shutdown();
    assertEquals(4, http.get("/__admin/mappings").json().get("mappings").size());
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"x\"}").status());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"POST, /__admin/reset", "POST, /__admin/mappings/reset", "DELETE, /__admin/mappings"})
  void a_reset_removes_users_stubs_and_keeps_the_contract(String method, String path) {
    String stub =
        """
        {"request": {"method": "PATCH", "urlPath": "/assistant/update/%s"},
         "response": {"status": 500, "jsonBody": {"success": false, "message": "forced", "errors": []}}}
        """
            .formatted(MockHttp.EXAMPLE);
    assertEquals(201, http.post("/__admin/mappings", stub).status());
    String rename = "{\"assistant_name\":\"before reset\"}";
    assertEquals(500, http.patchJson(MockHttp.EXAMPLE, rename).status());

    var reset = http.send(method, path, HttpRequest.BodyPublishers.noBody(), Map.of());
    assertEquals(200, reset.status(), reset::text);

    var after = http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"after\"}");
    assertEquals(200, after.status(), after::text);
    assertEquals(400, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":1}").status());
    assertEquals(
        "after",
        http.get("/__mock/assistants/" + MockHttp.EXAMPLE).json().get("assistant_name").asString());
    assertEquals(200, http.get("/docs/").status());
    var unknown = http.get("/nothing/here");
    assertEquals(404, unknown.status());
    assertEquals("application/json", unknown.contentType());
    // exactly the mock's four stubs: none lost, none doubled
    assertEquals(4, http.get("/__admin/mappings").json().get("mappings").size());
  }
}
