package dev.assistantkit.contract.rules;

import java.util.List;
import java.util.Optional;

/**
 * What credentials an operation takes: its {@code security} (else the document's), read as OpenAPI
 * defines it. Alternatives are OR'd; the schemes of one requirement are AND'd; an empty requirement
 * ({@code {}}) lets a request without credentials through; no requirement at all ({@code security:
 * []}, or none declared) means the operation takes none.
 *
 * @param alternatives the requirements, any one of which a request must meet
 */
public record Security(List<Requirement> alternatives) {

  /** An operation that takes no credentials. */
  public static final Security NONE = new Security(List.of());

  public Security {
    alternatives = List.copyOf(alternatives);
  }

  /**
   * One Security Requirement Object: every scheme in it at once.
   *
   * @param schemes the schemes, in the order written
   */
  public record Requirement(List<Scheme> schemes) {
    public Requirement {
      schemes = List.copyOf(schemes);
    }

    /** The empty requirement: no credentials needed. */
    public boolean anonymous() {
      return schemes.isEmpty();
    }
  }

  /**
   * A Security Scheme Object, as the kit reads it.
   *
   * @param name its key in {@code components/securitySchemes}
   * @param kind how its credential travels
   * @param carrier the header, query parameter or cookie that carries it ({@code Authorization} for
   *     the HTTP schemes)
   * @param httpScheme the HTTP authentication scheme ({@code Bearer}, {@code Basic}, ...) for the
   *     kinds sent in {@code Authorization}; empty for API keys
   * @param location its spec location
   */
  public record Scheme(
      String name, SchemeType kind, String carrier, Optional<String> httpScheme, String location) {}

  /** How a scheme's credential travels. */
  public enum SchemeType {
    /** {@code Authorization: Bearer TOKEN}: HTTP bearer, OAuth 2 and OpenID Connect. */
    BEARER,
    /** {@code Authorization: Basic base64(user:password)}. */
    BASIC,
    /** {@code Authorization: SCHEME credentials}, another HTTP scheme. */
    HTTP_OTHER,
    /** An API key in a header. */
    API_KEY_HEADER,
    /** An API key in a query parameter. */
    API_KEY_QUERY,
    /** An API key in a cookie. */
    API_KEY_COOKIE,
    /** A TLS client certificate: not seen over HTTP, so never judged. */
    MUTUAL_TLS
  }

  /** Whether the operation takes no credentials, or lets a request without them through. */
  public boolean optional() {
    // loops, not streams: asked on every request
    for (Requirement r : alternatives) {
      if (r.anonymous()) {
        return true;
      }
    }
    return alternatives.isEmpty();
  }

  /** Whether the operation needs credentials of some kind. */
  public boolean required() {
    return !optional();
  }

  /** Every scheme any alternative names, each once, in order. */
  public List<Scheme> schemes() {
    return alternatives.stream().flatMap(r -> r.schemes().stream()).distinct().toList();
  }

  /** Whether the only credentials it takes are one bearer token (the page's operation). */
  public boolean bearerOnly() {
    if (!required()) {
      return false;
    }
    for (Requirement r : alternatives) {
      if (r.schemes().size() != 1 || r.schemes().get(0).kind() != SchemeType.BEARER) {
        return false;
      }
    }
    return true;
  }
}
