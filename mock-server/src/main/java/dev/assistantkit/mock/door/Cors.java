package dev.assistantkit.mock.door;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CORS for the API paths only: any origin may call them from a browser, preflight included (PATCH
 * with Authorization and Content-Type), and every answer, errors too, is readable by the page. The
 * admin surface never gets these headers ({@link AdminGuard} refuses other origins there).
 */
final class Cors {

  static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD";

  static final String EXPOSE = "Access-Control-Expose-Headers";

  /**
   * The headers the kit itself may send on an API answer that a page needs to read: {@code Allow}
   * (a 405), {@code Location}, {@code Retry-After} (a 503 of the door), {@code WWW-Authenticate}
   * (every 401), WireMock's {@code Matched-Stub-Id} and {@code Matched-Stub-Name} (a user's stub
   * answered). An answer adds the other headers it carries (the document's declared headers, a
   * stub's own) to the list: a page reads no header the list leaves out, but the few that CORS
   * always lets through.
   */
  static final String EXPOSED =
      "Allow, Location, Retry-After, WWW-Authenticate, Matched-Stub-Id, Matched-Stub-Name";

  /** What a page reads without being told (the CORS-safelisted response headers). */
  private static final Set<String> SAFELISTED =
      Set.of(
          "cache-control",
          "content-language",
          "content-length",
          "content-type",
          "expires",
          "last-modified",
          "pragma");

  /** What a preflight may ask for and get echoed: header names, comma-separated. */
  private static final Pattern HEADER_LIST =
      Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~,\\s-]{1,1024}");

  /** One header name (an HTTP token). */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}");

  private Cors() {}

  static boolean isPreflight(String method, HttpServletRequest request) {
    return method.equals("OPTIONS")
        && request.getHeader("Origin") != null
        && request.getHeader("Access-Control-Request-Method") != null;
  }

  /** Answers a preflight of an API path (200, no body), as WireMock's CORS filter did. */
  static void answerPreflight(HttpServletRequest request, HttpServletResponse response) {
    grant(request, response);
    response.setStatus(200);
    response.setHeader("Access-Control-Allow-Methods", METHODS);
    String asked = request.getHeader("Access-Control-Request-Headers");
    if (asked != null && HEADER_LIST.matcher(asked).matches()) {
      response.setHeader("Access-Control-Allow-Headers", asked);
    }
    if ("true".equalsIgnoreCase(request.getHeader("Access-Control-Request-Private-Network"))) {
      response.setHeader("Access-Control-Allow-Private-Network", "true");
    }
    response.setHeader("Access-Control-Max-Age", "600");
    response.addHeader("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
    response.setContentLength(0);
  }

  /** Lets the calling page read this answer (any origin), when a browser sent one. */
  static void grant(HttpServletRequest request, HttpServletResponse response) {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Credentials", "true");
    response.setHeader(EXPOSE, EXPOSED);
    response.addHeader("Vary", "Origin");
  }

  /**
   * The list of headers a page may read, extended by those an answer carries besides (none of the
   * safelisted, of CORS's own or cookies); the list as it was when the answer adds nothing.
   */
  static String exposing(String exposed, List<Map.Entry<String, String>> answerHeaders) {
    Set<String> seen = new HashSet<>();
    for (String name : exposed.split(",")) {
      seen.add(name.trim().toLowerCase(Locale.ROOT));
    }
    StringBuilder out = new StringBuilder(exposed);
    for (Map.Entry<String, String> h : answerHeaders) {
      String name = h.getKey().trim();
      String lower = name.toLowerCase(Locale.ROOT);
      if (!TOKEN.matcher(name).matches()
          || SAFELISTED.contains(lower)
          || lower.startsWith("access-control-")
          || lower.startsWith("set-cookie")
          || !seen.add(lower)) {
        continue;
      }
      out.append(", ").append(name);
    }
    return out.toString();
  }
}
