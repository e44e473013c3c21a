package dev.assistantkit.conformance;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import io.restassured.RestAssured;
import java.util.List;

/** The reference mock, started in-process when no base URL is given. */
final class ReferenceMock implements AutoCloseable {

  private final MockServer server;

  private ReferenceMock(MockServer server) {
    this.server = server;
  }

  /**
   * Starts the mock on a free local port, accepting {@code apiKey}, with the assistant {@code
   * assistantId} present (the example assistant, or one created through the mock's admin API).
   */
  static ReferenceMock start(String apiKey, String assistantId) {
    MockServer server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(apiKey)));
    if (!assistantId.equalsIgnoreCase(MockServer.EXAMPLE_ASSISTANT)) {
      int status =
          RestAssured.given()
              .contentType("application/json")
              .body("{\"assistant_id\":\"" + assistantId + "\"}")
              .post(server.baseUrl() + "/__mock/assistants")
              .statusCode();
      if (status != 200 && status != 201) {
        server.close();
        throw new IllegalStateException(
            "the reference mock did not create the assistant " + assistantId + ": " + status);
      }
    }
    return new ReferenceMock(server);
  }

  String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    server.close();
  }
}
