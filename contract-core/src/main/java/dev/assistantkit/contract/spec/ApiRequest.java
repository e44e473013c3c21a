package dev.assistantkit.contract.spec;

import java.nio.charset.StandardCharsets;

/**
 * A request as the contract sees it, independent of any HTTP library: as the client sent it.
 *
 * @param method the method, as sent (methods are case-sensitive)
 * @param target the path and query, as on the wire (percent-encoded)
 * @param headers the headers
 * @param body the body bytes, decoded from any Content-Encoding; empty when there is none
 */
public record ApiRequest(String method, String target, Headers headers, byte[] body) {

  public ApiRequest {
    body = body == null ? new byte[0] : body;
    headers = headers == null ? Headers.none() : headers;
  }

  /** The path without the query, still percent-encoded. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public ApiRequest withHeaders(Headers newHeaders) {
    return new ApiRequest(method, target, newHeaders, body);
  }

  public ApiRequest withBody(byte[] newBody) {
    return new ApiRequest(method, target, headers, newBody);
  }

  /** Without the body or header values: they may hold secrets. */
  @Override
  public String toString() {
    return method + " " + path() + " (" + body.length + " bytes)";
  }
}
