package dev.assistantkit.mock.door;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;

/**
 * CORS for the API paths only: any origin may call them from a browser, preflight included (PATCH
 * with Authorization and Content-Type), and every answer, errors too, is readable by the page. The
 * admin surface never gets these headers ({@link AdminGuard} refuses other origins there).
 */
final class Cors {

  static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD";

  /** What a preflight may ask for and get echoed: header names, comma-separated. */
  private static final Pattern HEADER_LIST =
      Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~,\\s-]{1,1024}");

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
    response.addHeader("Vary", "Origin");
  }
}
