package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.MultiOperationSpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The mock serves every operation of the spec it is given: the test-only fixture adds a GET of the
 * assistant and a rename, and the mock serves, validates and answers them with no Java of its own.
 */
class MultiOperationMockTest {

  @Test
  void the_fixtures_extra_operations_are_served_validated_and_stateful() {
    try (MockServer server =
        MockServer.start(
            MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)),
            MultiOperationSpec.contract())) {
      MockHttp http = new MockHttp(server.baseUrl());
      Map<String, String> auth =
          Map.of("Content-Type", "application/json", "Authorization", "Bearer " + MockHttp.KEY);
      var renamed =
          http.send(
              "PATCH",
              "/assistant/rename/" + MockHttp.EXAMPLE,
              HttpRequest.BodyPublishers.ofString("{\"assistant_name\":\"Renamed\"}"),
              auth);
      assertEquals(200, renamed.status(), renamed::text);
      assertEquals(MockHttp.EXAMPLE, renamed.json().at("/data/assistant_id").asString());

      var got =
          http.send(
              "GET",
              "/assistant/" + MockHttp.EXAMPLE,
              HttpRequest.BodyPublishers.noBody(),
              Map.of("Authorization", "Bearer " + MockHttp.KEY));
      assertEquals(200, got.status(), got::text);
      JsonNode data = got.json().get("data");
      assertEquals("Renamed", data.get("assistant_name").asString());
      assertEquals("pipeline", data.get("assistant_llm_mode").asString());

      var noName =
          http.send(
              "PATCH",
              "/assistant/rename/" + MockHttp.EXAMPLE,
              HttpRequest.BodyPublishers.ofString("{}"),
              auth);
      assertEquals(400, noName.status());
      assertEquals(java.util.Set.of("rename.name-required"), noName.rules());

      var delete =
          http.send(
              "DELETE",
              "/assistant/" + MockHttp.EXAMPLE,
              HttpRequest.BodyPublishers.noBody(),
              auth);
      assertEquals(405, delete.status());
      assertEquals("GET", delete.headers().firstValue("Allow").orElse(""));

      var unauthorized =
          http.send(
              "GET",
              "/assistant/" + MockHttp.EXAMPLE,
              HttpRequest.BodyPublishers.noBody(),
              Map.of());
      assertEquals(401, unauthorized.status());

      String docs = http.get("/openapi.yaml").text();
      assertTrue(
          docs.contains("/assistant/rename/{assistant_id}"), "the served spec is the one given");
      assertFalse(new String(got.body(), StandardCharsets.UTF_8).contains("version\""));
    }
  }
}
