package dev.assistantkit.contract.answers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer the contract gives: what the mock sends.
 *
 * @param status the status
 * @param contentType its media type, or null when it has no body
 * @param headers headers besides Content-Type (e.g. Allow)
 * @param body the body
 */
public record Answer(
    int status, String contentType, List<Map.Entry<String, String>> headers, byte[] body) {

  public Answer {
    headers = List.copyOf(headers);
  }

  /** A JSON answer. */
  public Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    this(status, CONTENT_TYPE, headers, body);
  }

  public static final String CONTENT_TYPE = "application/json";

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
