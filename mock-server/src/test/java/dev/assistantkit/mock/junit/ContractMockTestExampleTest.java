package dev.assistantkit.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What docs/junit.md shows: a client of the API tested against the contract mock with
 * {@code @ContractMockTest}, the mock's address and verdicts taken as a parameter.
 */
@ContractMockTest(apiKeys = "test-key")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractMockTestExampleTest {

  static final String EXAMPLE = "550e8400-e29b-41d4-a716-446655440000";

  /** The code under test: a small client of the update operation. */
  record AssistantClient(String baseUrl, String key) {
    private static final HttpClient HTTP =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    int rename(String id, String name) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(baseUrl + "/assistant/update/" + id))
              .method(
                  "PATCH",
                  HttpRequest.BodyPublishers.ofString("{\"assistant_name\": \"" + name + "\"}"))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + key))
          .statusCode();
    }

    static HttpResponse<String> send(HttpRequest.Builder request)
        throws IOException, InterruptedException {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static ContractMockInfo mockBeforeAll;

  @BeforeAll
  static void before_all(ContractMockInfo mock) {
    mockBeforeAll = mock;
  }

  @AfterEach
  void after_each(ContractMockInfo mock) {
    assertEquals(mockBeforeAll.port(), mock.port());
  }

  private final ContractMockInfo mockFromConstructor;

  ContractMockTestExampleTest(ContractMockInfo mock) {
    this.mockFromConstructor = mock;
  }

  static String version(ContractMockInfo mock, String id) throws Exception {
    String body =
        AssistantClient.send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__mock/assistants/" + id)))
            .body();
    return body.replaceAll(".*\"version\":(\\d+).*", "$1");
  }

  @Test
  @Order(1)
  void a_client_that_keeps_the_contract_passes(ContractMockInfo mock) throws Exception {
    assertTrue(mock.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), mock.baseUrl());
    assertEquals(mock.baseUrl(), "http://127.0.0.1:" + mock.port());
    assertEquals("test-key", mock.apiKey());

    assertEquals(200, new AssistantClient(mock.baseUrl(), "test-key").rename(EXAMPLE, "Ada"));

    assertEquals(List.of(), mock.violations());
    List<JudgedExchange> traffic = mock.traffic();
    assertEquals(1, traffic.size(), traffic.toString());
    assertEquals("PATCH", traffic.get(0).method());
    assertEquals("/assistant/update/" + EXAMPLE, traffic.get(0).target());
    assertEquals(200, traffic.get(0).status());
    assertEquals("ok", traffic.get(0).outcome());
  }

  /** Each of these two updates the seeded assistant once: whichever runs second sees it fresh. */
  @Test
  @Order(2)
  void the_state_is_reset_before_each_test(ContractMockInfo mock) throws Exception {
    assertEquals("0", version(mock, EXAMPLE));
    assertEquals(200, new AssistantClient(mock.baseUrl(), "test-key").rename(EXAMPLE, "Bea"));
    assertEquals("1", version(mock, EXAMPLE));
  }

  @Test
  @Order(3)
  void and_so_is_the_traffic(ContractMockInfo mock) throws Exception {
    assertEquals(List.of(), mock.traffic());
    assertEquals("0", version(mock, EXAMPLE));
    assertEquals(200, new AssistantClient(mock.baseUrl(), "test-key").rename(EXAMPLE, "Cy"));
    assertEquals("1", version(mock, EXAMPLE));
    mock.reset();
    assertEquals("0", version(mock, EXAMPLE));
    assertEquals(List.of(), mock.traffic());
  }

  @Test
  @Order(4)
  void a_constructor_takes_the_same_mock(ContractMockInfo mock) {
    assertEquals(mock.baseUrl(), mockFromConstructor.baseUrl());
  }

  /** A nested class is served by the enclosing class's mock. */
  @Nested
  class Nested_classes {
    @Test
    void share_the_mock(ContractMockInfo mock) throws Exception {
      assertEquals(mockFromConstructor.port(), mock.port());
      assertEquals(List.of(), mock.traffic());
      assertEquals(200, new AssistantClient(mock.baseUrl(), "test-key").rename(EXAMPLE, "Di"));
    }
  }
}
