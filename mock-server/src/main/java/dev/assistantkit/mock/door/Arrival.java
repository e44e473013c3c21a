package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A request as it arrived, taken from Jetty when it arrived (Jetty recycles its request objects),
 * so that it can be kept and shown after the exchange is over: what the client sent, exactly, and
 * how it reached the mock. Its masked view is made when first asked for.
 */
public final class Arrival {

  private final UUID id;
  private final Surface surface;
  private final String method;
  private final String rawTarget;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final SecretMasker masker;
  private final long arrivedMillis;
  private final String scheme;
  private final String serverName;
  private final int port;
  private final String peer;
  private final String protocol;
  private volatile ShownRequest shown;

  /**
   * A request as it arrived: made by the door from Jetty's, or again by what kept it (the journal
   * keeps what arrived in as few objects as it can, and makes the request again when it is shown).
   *
   * @param headers every header field, in order, names as sent
   */
  public Arrival(
      UUID id,
      Surface surface,
      String method,
      String rawTarget,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      SecretMasker masker,
      long arrivedMillis,
      String scheme,
      String serverName,
      int port,
      String peer,
      String protocol) {
    this.id = id;
    this.surface = surface;
    this.method = method;
    this.rawTarget = rawTarget;
    this.headers = List.copyOf(headers);
    this.body = body;
    this.masker = masker;
    this.arrivedMillis = arrivedMillis;
    this.scheme = scheme;
    this.serverName = serverName;
    this.port = port;
    this.peer = peer;
    this.protocol = protocol;
  }

  public UUID id() {
    return id;
  }

  public Surface surface() {
    return surface;
  }

  /** The method, case as sent. */
  public String method() {
    return method;
  }

  /** The path and query as on the wire, percent-encoding untouched. */
  public String rawTarget() {
    return rawTarget;
  }

  /** The path as on the wire, without the query. */
  public String rawPath() {
    int q = rawTarget.indexOf('?');
    return q < 0 ? rawTarget : rawTarget.substring(0, q);
  }

  /** Every header field, in order, names as sent. */
  public List<Map.Entry<String, String>> headers() {
    return headers;
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

  /** The body, decoded from gzip or deflate; never null (do not modify). */
  public byte[] body() {
    return body;
  }

  /** The masker of this request: the known secrets and the credentials it carries. */
  public SecretMasker masker() {
    return masker;
  }

  /** When the request's head arrived. */
  public Instant arrived() {
    return Instant.ofEpochMilli(arrivedMillis);
  }

  public long arrivedMillis() {
    return arrivedMillis;
  }

  /** The request as it may be shown: secrets masked, a body the mask cannot reach withheld. */
  public ShownRequest shown() {
    ShownRequest s = shown;
    if (s == null) {
      s = RequestMasker.mask(method, rawTarget, headers, body, masker, surface == Surface.ADMIN);
      shown = s;
    }
    return s;
  }

  /** Who sent it: the (masked) X-Forwarded-For when sent, else the peer's address. */
  public String clientIp() {
    return shown().header("X-Forwarded-For").orElse(peer);
  }

  /** The host the request reached, as the server read it (not masked: see {@link #host()}). */
  public String serverName() {
    return serverName;
  }

  /** The address the request came from (see {@link #clientIp()} for who sent it). */
  public String peer() {
    return peer;
  }

  /** The scheme the request came by. */
  public String scheme() {
    return scheme;
  }

  /** The host the client addressed (from Host, masked), else the address it reached. */
  public String host() {
    return shown()
        .header("Host")
        .map(RequestMasker::hostName)
        .filter(h -> !h.isEmpty())
        .orElse(serverName);
  }

  /** The port the request reached. */
  public int port() {
    return port;
  }

  /** The URL as shown: scheme, host, port (unless 80) and the masked target. */
  public String absoluteUrl() {
    StringBuilder url = new StringBuilder(scheme).append("://").append(host());
    if (port > 0 && port != 80) {
      url.append(':').append(port);
    }
    return url.append(shown().target()).toString();
  }

  /** The protocol, e.g. HTTP/1.1. */
  public String protocol() {
    return protocol;
  }

  @Override
  public String toString() {
    // never the headers or the body: they hold the secrets masked everywhere else
    return method + " (" + rawTarget.length() + "-character target, " + body.length + " bytes)";
  }
}
