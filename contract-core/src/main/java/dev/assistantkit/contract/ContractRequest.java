package dev.assistantkit.contract;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An update request as the contract sees it, independent of any HTTP library.
 *
 * @param assistantId the raw path segment in place of {@code {assistant_id}}, URL-decoded
 * @param headers header values by name (looked up case-insensitively)
 * @param body the body bytes; empty when the request has none
 */
public record ContractRequest(String assistantId, Map<String, String> headers, byte[] body) {

  public ContractRequest {
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(h);
    body = body == null ? new byte[0] : body;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)))
        .or(() -> Optional.ofNullable(headers.get(name)));
  }

  @Override
  public String toString() {
    return "PATCH /assistant/update/" + assistantId + " (" + body.length + " bytes)";
  }
}
