package dev.assistantkit.conformance;

import dev.assistantkit.contract.ContractRequest;
import java.util.Optional;

/**
 * One request the suite sent and what came back.
 *
 * @param url the full URL
 * @param request the request (headers and body as sent; holds the key, so never print it raw)
 * @param status the HTTP status, or -1 when nothing answered
 * @param contentType the response's Content-Type, or null
 * @param body the response body
 * @param error why nothing answered (connection refused, timeout), when status is -1
 */
public record Exchange(
    String url,
    ContractRequest request,
    int status,
    String contentType,
    byte[] body,
    Optional<String> error) {

  public boolean answered() {
    return status >= 0;
  }

  static Exchange noAnswer(String url, ContractRequest request, String why) {
    return new Exchange(url, request, -1, null, new byte[0], Optional.of(why));
  }
}
