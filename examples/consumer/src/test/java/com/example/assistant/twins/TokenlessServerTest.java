package com.example.assistant.twins;

import com.example.assistant.AssistantServer;
import dev.assistantkit.conformance.junit.Conformance;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * AssistantServerTest's twin, against a server with a bug: it lets in a request without the bearer
 * token. Its auth.bearer checks fail (TwinsTest).
 */
class TokenlessServerTest {

  @TestFactory
  Stream<DynamicNode> the_server_follows_the_page() {
    AssistantServer server =
        new AssistantServer("test-key", "550e8400-e29b-41d4-a716-446655440000") {
          @Override
          protected boolean authorized(List<String> authorization) {
            return authorization == null || super.authorized(authorization);
          }
        }.start();
    return Conformance.against(server.baseUrl())
        .apiKey("test-key")
        .assistantId("550e8400-e29b-41d4-a716-446655440000")
        .allowWrites()
        .dynamicTests()
        .onClose(server::close);
  }
}
