package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On one keep-alive connection, the right key and then the same key in another case: Jetty's header
 * cache (case-insensitive by default) used to read the second as the first and accept it.
 */
class HeaderCacheTest {

  @Test
  void a_key_in_another_case_is_refused_on_a_connection_that_sent_the_right_key() {
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of("Case-Sensitive-Key")))) {
      MockHttp http = new MockHttp(server.baseUrl()); // one client: one keep-alive connection
      byte[] body = "{\"assistant_name\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i < 3; i++) {
        assertEquals(
            200,
            http.patch(
                    MockHttp.EXAMPLE,
                    body,
                    Map.of(
                        "Content-Type", "application/json",
                        "Authorization", "Bearer Case-Sensitive-Key"))
                .status());
        for (String other :
            List.of(
                "Bearer case-sensitive-key",
                "Bearer CASE-SENSITIVE-KEY",
                "Bearer Case-Sensitive-KeY")) {
          assertEquals(
              401,
              http.patch(
                      MockHttp.EXAMPLE,
                      body,
                      Map.of("Content-Type", "application/json", "Authorization", other))
                  .status(),
              other);
        }
      }
    }
  }
}
