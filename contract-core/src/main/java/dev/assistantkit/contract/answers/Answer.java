package dev.assistantkit.contract.answers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer the contract gives: what the mock sends.
 *
 * @param status the status
 * @param headers headers besides Content-Type (e.g. Allow)
 * @param body the JSON body
 */
public record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

  public Answer {
    headers = List.copyOf(headers);
  }

  public static final String CONTENT_TYPE = "application/json";

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
