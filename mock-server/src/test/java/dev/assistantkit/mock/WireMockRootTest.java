package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WireMock is built beside the contract, not before it, and its root ({@code --root-dir}) works as
 * WireMock users expect: stubs in {@code mappings/} answer from the first request, and saved stubs
 * come back.
 */
class WireMockRootTest {

  private static final String STUB =
      """
      {"request": {"method": "PATCH", "urlPath": "/assistant/update/%s"},
       "response": {"status": 418, "jsonBody": {"from": "a mapping file"}}}
      """
          .formatted(MockHttp.EXAMPLE);

  private static MockConfig config(Path root) {
    return MockConfig.defaults()
        .withApiKeys(List.of(MockHttp.KEY))
        .withAdmin(MockConfig.Admin.LOCAL.withRoot(root));
  }

  @Test
  void a_stub_in_the_roots_mappings_answers_the_very_first_request(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("mappings"));
    Files.writeString(root.resolve("mappings/teapot.json"), STUB);
    try (MockServer server = MockServer.start(config(root))) {
      assertTrue(server.wireMockBuilt(), "a mapping file waits: WireMock is built at start");
      MockHttp http = new MockHttp(server.baseUrl());
      MockHttp.Answer a = http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"x\"}");
      assertEquals(418, a.status(), a::text);
      assertEquals("a mapping file", a.json().get("from").asString());
    }
  }

  @Test
  void wiremock_is_built_once_the_first_answer_has_gone_out(@TempDir Path root) throws Exception {
    try (MockServer server =
        MockServer.start(config(root), Contract.load(), p -> p, java.time.Duration.ofHours(1))) {
      assertFalse(server.wireMockBuilt(), "no answer yet, and an hour of quiet to wait");
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"x\"}").status());
      awaitBuilt(server, "built in the background after the first answer");
    }
  }

  @Test
  void wiremock_is_built_after_a_quiet_spell_with_no_request(@TempDir Path root) throws Exception {
    try (MockServer server =
        MockServer.start(config(root), Contract.load(), p -> p, java.time.Duration.ZERO)) {
      awaitBuilt(server, "built with no request at all");
      assertEquals(200, new MockHttp(server.baseUrl()).get("/__admin/mappings").status());
    }
  }

  /** Waits for the background build: bounded, and not by how fast the machine is. */
  private static void awaitBuilt(MockServer server, String why) throws InterruptedException {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!server.wireMockBuilt() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertTrue(server.wireMockBuilt(), why);
  }

  @Test
  void the_contract_answers_without_waiting_for_wiremock_and_its_journal_keeps_that_answer(
      @TempDir Path root) {
    try (MockServer server = MockServer.start(config(root))) {
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"x\"}").status());
      // an exchange answered before WireMock was built is in its journal all the same
      MockHttp.Answer journal = http.get("/__admin/requests");
      assertEquals(200, journal.status(), journal::text);
      assertEquals(1, journal.json().get("requests").size(), journal::text);
      assertEquals(
          "/assistant/update/" + MockHttp.EXAMPLE,
          journal.json().get("requests").get(0).get("request").get("url").asString());
      // and a stub added now wins over the contract
      assertEquals(201, http.post("/__admin/mappings", STUB).status());
      assertEquals(418, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"y\"}").status());
    }
  }

  @Test
  void saved_stubs_are_written_to_the_root_and_a_new_mock_on_it_answers_with_them(
      @TempDir Path root) throws IOException {
    try (MockServer server = MockServer.start(config(root))) {
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(201, http.post("/__admin/mappings", STUB).status());
      assertEquals(200, http.post("/__admin/mappings/save", "").status());
    }
    try (var saved = Files.list(root.resolve("mappings"))) {
      List<String> texts =
          saved
              .map(
                  f -> {
                    try {
                      return Files.readString(f);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
      assertEquals(1, texts.size(), "only the user's stub is saved, never the mock's own");
      assertTrue(texts.get(0).contains("a mapping file"), texts.get(0));
    }
    try (MockServer again = MockServer.start(config(root))) {
      MockHttp http = new MockHttp(again.baseUrl());
      assertEquals(418, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"x\"}").status());
    }
  }
}
