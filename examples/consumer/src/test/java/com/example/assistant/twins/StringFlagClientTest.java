package com.example.assistant.twins;

import dev.assistantkit.mock.junit.ContractMockInfo;
import dev.assistantkit.mock.junit.ContractMockTest;
import org.junit.jupiter.api.Test;

/** AssistantClientTest's twin: fails, since the request breaks body.field-type (TwinsTest). */
@ContractMockTest(apiKeys = "test-key")
class StringFlagClientTest {

  @Test
  void turns_the_end_call_tool_on(ContractMockInfo mock) throws Exception {
    new StringFlagClient(mock.baseUrl(), "test-key")
        .enableEndCall("550e8400-e29b-41d4-a716-446655440000", true);
  }
}
