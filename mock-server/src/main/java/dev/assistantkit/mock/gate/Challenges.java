package dev.assistantkit.mock.gate;

import dev.assistantkit.contract.rules.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code WWW-Authenticate} challenges of the contract's 401s (RFC 9110 section 11.6.1: a 401
 * carries at least one): one per scheme the operation takes, in the order its {@code security}
 * names them.
 *
 * <ul>
 *   <li>bearer (HTTP bearer, OAuth 2, OpenID Connect): {@code Bearer} (RFC 6750 section 3), the
 *       same whether no token came or one was refused: an {@code error="invalid_token"} after
 *       {@code Bearer } would read as a token to every log and view that masks tokens;
 *   <li>basic: {@code Basic realm="assistant-mock", charset="UTF-8"} (RFC 7617); another HTTP
 *       scheme: its name with the realm;
 *   <li>an API key: no scheme is registered for one, so the challenge is the kit's own, {@code
 *       ApiKey in="header", name="X-API-Key"} (where it goes, under which name), which a browser
 *       ignores and a person can read;
 *   <li>mutual TLS: none (it is not an HTTP challenge).
 * </ul>
 */
final class Challenges {

  static final String HEADER = "WWW-Authenticate";
  static final String REALM = "assistant-mock";

  private Challenges() {}

  /** The challenges a 401 of an operation with this security carries. */
  static List<Map.Entry<String, String>> of(Security security) {
    List<String> values = new ArrayList<>();
    for (Security.Scheme s : security.schemes()) {
      String v =
          switch (s.kind()) {
            case BEARER -> "Bearer";
            case BASIC -> "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
            case HTTP_OTHER ->
                s.httpScheme().filter(Challenges::token).orElse("Authorization")
                    + " realm=\""
                    + REALM
                    + "\"";
            case API_KEY_HEADER -> apiKey("header", s.carrier());
            case API_KEY_QUERY -> apiKey("query", s.carrier());
            case API_KEY_COOKIE -> apiKey("cookie", s.carrier());
            case MUTUAL_TLS -> null;
          };
      if (v != null && !values.contains(v)) {
        values.add(v);
      }
    }
    return values.stream().map(v -> Map.entry(HEADER, v)).toList();
  }

  private static String apiKey(String in, String name) {
    return "ApiKey in=\"" + in + "\", name=\"" + quotable(name) + "\"";
  }

  /** Whether a scheme name is an HTTP token (it comes from the document). */
  private static boolean token(String name) {
    return name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  }

  /** A name as a quoted-string's content: printable, without quotes or backslashes. */
  private static String quotable(String name) {
    String clean = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "?");
    return clean.length() > 64 ? clean.substring(0, 64) : clean;
  }

  /** Whether the answer's headers already carry a challenge (the document's own example). */
  static boolean present(List<Map.Entry<String, String>> headers) {
    return headers.stream()
        .anyMatch(h -> h.getKey().toLowerCase(Locale.ROOT).equals("www-authenticate"));
  }
}
