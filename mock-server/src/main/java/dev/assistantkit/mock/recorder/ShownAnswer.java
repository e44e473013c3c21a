package dev.assistantkit.mock.recorder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer as it may be shown: its headers masked, its body as sent (the mock's own answers are
 * masked before they go out) and cut at the size the recorder keeps.
 *
 * @param status the status (0: none, the connection was broken)
 * @param headers the headers
 * @param body the body, or its first bytes
 * @param truncated whether the body was cut at the kept size, or did not arrive whole
 */
public record ShownAnswer(
    int status, List<Map.Entry<String, String>> headers, byte[] body, boolean truncated) {

  public ShownAnswer {
    headers = List.copyOf(headers);
  }

  /** The first value of a header (name case-insensitive), if any. */
  public Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
