package dev.assistantkit.mock.edge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request exactly as the client sent it: the method, the request target as on the wire (path and
 * query, percent-encoding untouched), every header in the order sent, and the body decoded from its
 * Content-Encoding.
 *
 * <p>WireMock only ever sees a masked view of a request. The mock's own extensions that must judge
 * the request as sent (credentials, the body's exact bytes) read it from {@link #current()}: the
 * edge sets it on the thread that hands the request to WireMock, just before, and clears it in a
 * finally. Nothing a client sends can stand in for it.
 *
 * @param method the method, case as sent
 * @param rawTarget the path and query as on the wire
 * @param headers every header field, in order, names as sent
 * @param body the body, decoded from gzip or deflate; never null (do not modify)
 */
public record ReceivedRequest(
    String method, String rawTarget, List<Map.Entry<String, String>> headers, byte[] body) {

  static final ThreadLocal<ReceivedRequest> CURRENT = new ThreadLocal<>();

  public ReceivedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawTarget, "rawTarget");
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** The request the edge handed to WireMock on this thread, if any. */
  public static Optional<ReceivedRequest> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The first value of a header (name case-insensitive), if sent. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return Optional.of(h.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every value of a header (name case-insensitive), in the order sent. */
  public List<String> headerValues(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** The path as on the wire, without the query. */
  public String rawPath() {
    int q = rawTarget.indexOf('?');
    return q < 0 ? rawTarget : rawTarget.substring(0, q);
  }

  @Override
  public String toString() {
    // never the headers or the body: they hold the secrets the edge masks everywhere else
    return method + " (" + rawTarget.length() + "-character target, " + body.length + " bytes)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReceivedRequest r
        && method.equals(r.method)
        && rawTarget.equals(r.rawTarget)
        && headers.equals(r.headers)
        && java.util.Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawTarget, headers, java.util.Arrays.hashCode(body));
  }
}
