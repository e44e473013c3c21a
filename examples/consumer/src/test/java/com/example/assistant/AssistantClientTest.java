package com.example.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.mock.junit.ContractMockInfo;
import dev.assistantkit.mock.junit.ContractMockTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client against the contract mock: the mock answers as the page says, and a test whose request
 * broke a rule of the contract fails, naming the rule.
 */
@ContractMockTest(apiKeys = "test-key")
class AssistantClientTest {

  static final String ASSISTANT = "550e8400-e29b-41d4-a716-446655440000";

  @Test
  void renames_an_assistant(ContractMockInfo mock) throws Exception {
    var client = new AssistantClient(mock.baseUrl(), "test-key");

    assertEquals(200, client.rename(ASSISTANT, "Ada"));
    assertEquals(List.of(), mock.violations());
  }

  @Test
  void turns_the_end_call_tool_on(ContractMockInfo mock) throws Exception {
    var client = new AssistantClient(mock.baseUrl(), "test-key");

    assertEquals(200, client.enableEndCall(ASSISTANT, true));
  }
}
