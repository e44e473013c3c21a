package dev.assistantkit.mock.door;

/**
 * The rule ids of the answers the edge gives itself, all in the spec's global {@code
 * x-rule-catalogue} (a test keeps it so).
 */
public final class DoorRules {

  public static final String BODY_LIMITS = "body.limits";
  public static final String BODY_CONTENT_ENCODING = "body.content-encoding";
  public static final String BODY_TIMEOUT = "request.body-timeout";
  public static final String URI_TOO_LONG = "request.uri-too-long";
  public static final String HEADERS_TOO_LARGE = "request.headers-too-large";
  public static final String MALFORMED = "request.malformed";
  public static final String ADMIN_CROSS_ORIGIN = "admin.cross-origin";
  public static final String ADMIN_TOKEN = "admin.token";
  public static final String INTERNAL_ERROR = "server.internal-error";

  /** 403: an admin feature that is off (file writing, proxy stubs) unless a flag turns it on. */
  public static final String ADMIN_DISABLED = "admin.disabled";

  /** 400: a request of the admin API that WireMock cannot take (it failed on it). */
  public static final String ADMIN_INVALID = "admin.invalid-request";

  /** 503: the contract is not loaded yet and did not load within the hold time. */
  public static final String NOT_READY = "server.not-ready";

  /** 503: the bodies still arriving hold all the memory the edge gives them. */
  public static final String BUSY = "server.busy";

  /** 404: no endpoint of this mock answers the path (the engine's rule for unknown routes). */
  public static final String UNKNOWN_PATH = "route.unknown";

  /** 502, proxy mode: no answer of the upstream that can be passed on arrived in time. */
  public static final String PROXY_UNREACHABLE = "proxy.upstream-unreachable";

  private DoorRules() {}

  /** The rule of a status Jetty or a servlet answers with on its own. */
  static String forStatus(int status) {
    return switch (status) {
      case 404 -> UNKNOWN_PATH;
      case 408 -> BODY_TIMEOUT;
      case 413 -> BODY_LIMITS;
      case 414 -> URI_TOO_LONG;
      case 415 -> BODY_CONTENT_ENCODING;
      case 431 -> HEADERS_TOO_LARGE;
      case 503 -> NOT_READY;
      default -> status >= 500 ? INTERNAL_ERROR : MALFORMED;
    };
  }

  /** Where the problem of such an answer is. */
  static String partFor(String rule) {
    return switch (rule) {
      case BODY_LIMITS, BODY_TIMEOUT, INTERNAL_ERROR, BUSY -> "body";
      case HEADERS_TOO_LARGE, BODY_CONTENT_ENCODING, ADMIN_TOKEN, ADMIN_CROSS_ORIGIN -> "header";
      default -> "path";
    };
  }
}
