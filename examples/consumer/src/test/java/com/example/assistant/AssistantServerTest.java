package com.example.assistant;

import dev.assistantkit.conformance.junit.Conformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The server against the conformance suite: one test per check of the contract. */
class AssistantServerTest {

  static final String KEY = "test-key";
  static final String ASSISTANT = "550e8400-e29b-41d4-a716-446655440000";

  @TestFactory
  Stream<DynamicNode> the_server_follows_the_page() {
    AssistantServer server = new AssistantServer(KEY, ASSISTANT).start();
    return Conformance.against(server.baseUrl())
        .apiKey(KEY)
        .assistantId(ASSISTANT)
        .allowWrites()
        .dynamicTests()
        .onClose(server::close);
  }
}
