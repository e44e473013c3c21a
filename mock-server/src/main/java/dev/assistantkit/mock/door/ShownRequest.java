package dev.assistantkit.mock.door;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as it may be shown (stubs, the journal, the traffic, logs): secrets masked, a body the
 * mask cannot reach withheld, body-framing headers replaced by the length of the body shown.
 *
 * @param method the method
 * @param target the path and query, masked
 * @param headers the headers, masked
 * @param body the body, masked or withheld
 * @param bodyWithheld whether the body was withheld (it may hold a secret the mask cannot reach)
 */
public record ShownRequest(
    String method,
    String target,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    boolean bodyWithheld) {

  public ShownRequest {
    headers = List.copyOf(headers);
  }

  /** The first value of a header (name case-insensitive), if any. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return Optional.of(h.getValue());
      }
    }
    return Optional.empty();
  }

  /** The path, without the query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The query, without the {@code ?}; empty when there is none. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }
}
