package com.example.assistant.twins;

import com.example.assistant.AssistantClient;
import java.io.IOException;
import java.util.Map;

/** The client's twin, with a bug: it sends the end-call flag as a string, not a boolean. */
class StringFlagClient extends AssistantClient {

  StringFlagClient(String baseUrl, String apiKey) {
    super(baseUrl, apiKey);
  }

  @Override
  public int enableEndCall(String assistantId, boolean enabled)
      throws IOException, InterruptedException {
    return update(assistantId, Map.of("assistant_end_call_enabled", String.valueOf(enabled)));
  }
}
