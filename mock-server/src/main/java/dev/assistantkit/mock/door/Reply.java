package dev.assistantkit.mock.door;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole answer, as a road gives it to the door to send.
 *
 * @param status the status
 * @param reason a reason phrase to send instead of the standard one, if any
 * @param headers the header fields, in order (the door adds CORS and Content-Length)
 * @param body the body; never null
 * @param documented whether it is an answer the document gives (its example, a value of its
 *     schema), which goes out in the media type the document declares even for an error status
 */
public record Reply(
    int status,
    Optional<String> reason,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    boolean documented) {

  private static final byte[] NONE = new byte[0];

  public Reply {
    Objects.requireNonNull(reason, "reason");
    headers = List.copyOf(headers);
    body = body == null ? NONE : body;
  }

  public Reply(
      int status, Optional<String> reason, List<Map.Entry<String, String>> headers, byte[] body) {
    this(status, reason, headers, body, false);
  }

  public Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    this(status, Optional.empty(), headers, body, false);
  }

  /** An answer the document gives ({@link #documented}). */
  public static Reply documented(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    return new Reply(status, Optional.empty(), headers, body, true);
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
}
