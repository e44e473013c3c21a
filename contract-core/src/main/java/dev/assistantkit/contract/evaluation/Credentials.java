package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.Security;
import dev.assistantkit.contract.spec.ApiRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The credentials a request presents for an operation's security, read as each scheme says: a
 * bearer token, basic credentials, another HTTP scheme's, an API key in a header, a query parameter
 * or a cookie. What a server accepts is the knowledge's to say ({@link Knowledge#key}); this class
 * only finds the values that could be keys.
 */
public final class Credentials {

  /**
   * What a request presents for an operation's security.
   *
   * @param met the first alternative whose every scheme the request presents (empty: none)
   * @param candidates for each scheme of that alternative, in order: the values that may be the key
   *     (basic credentials: {@code user:password} and the password; an API key written after a
   *     scheme word, such as {@code Token KEY}: the whole value and the key)
   * @param detail when none is met, what is missing, for a message (names, never values)
   */
  public record Reading(
      Optional<Security.Requirement> met, List<List<String>> candidates, String detail) {}

  private Credentials() {}

  /** What the request presents for the security. */
  public static Reading read(Security security, ApiRequest request) {
    List<String> missing = new ArrayList<>();
    for (Security.Requirement r : security.alternatives()) {
      List<List<String>> all = new ArrayList<>();
      boolean complete = true;
      for (Security.Scheme s : r.schemes()) {
        Optional<List<String>> c = candidates(s, request);
        if (c.isEmpty()) {
          complete = false;
          missing.add(describe(s));
          break;
        }
        all.add(c.get());
      }
      if (complete) {
        return new Reading(Optional.of(r), all, "");
      }
    }
    return new Reading(
        Optional.empty(),
        List.of(),
        missing.isEmpty()
            ? "no credentials"
            : "no credentials: send " + String.join(", or ", missing.stream().distinct().toList()));
  }

  /** The values a scheme's credential may be, if the request carries one well-formed. */
  static Optional<List<String>> candidates(Security.Scheme s, ApiRequest request) {
    return switch (s.kind()) {
      case MUTUAL_TLS -> Optional.of(List.of()); // never seen over HTTP: not judged
      case BEARER, BASIC, HTTP_OTHER -> authorization(s, request);
      case API_KEY_HEADER -> {
        List<String> values = request.headers().all(s.carrier());
        yield values.size() == 1
            ? Optional.of(withLastWord(values.get(0).trim()))
            : Optional.empty();
      }
      case API_KEY_QUERY -> query(request.target(), s.carrier()).map(Credentials::withLastWord);
      case API_KEY_COOKIE -> cookie(request, s.carrier()).map(List::of);
    };
  }

  private static Optional<List<String>> authorization(Security.Scheme s, ApiRequest request) {
    List<String> values = request.headers().all("Authorization");
    if (values.size() != 1) {
      return Optional.empty();
    }
    String v = values.get(0).trim();
    String scheme = s.httpScheme().orElse("");
    int space = v.indexOf(' ');
    if (space < 0 || !v.substring(0, space).equalsIgnoreCase(scheme)) {
      return Optional.empty();
    }
    String credential = v.substring(space + 1).trim();
    if (credential.isEmpty()
        || (s.kind() != Security.SchemeType.HTTP_OTHER && credential.contains(" "))) {
      return Optional.empty();
    }
    if (s.kind() == Security.SchemeType.BASIC) {
      try {
        String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0
            ? Optional.empty()
            : Optional.of(List.of(decoded, decoded.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.of(List.of(credential));
  }

  /** The value, and its last word when it has several ({@code Token KEY}: also {@code KEY}). */
  private static List<String> withLastWord(String value) {
    int space = value.lastIndexOf(' ');
    return space < 0 ? List.of(value) : List.of(value, value.substring(space + 1));
  }

  private static Optional<String> query(String target, String name) {
    int q = target.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String pair : target.substring(q + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name) && kv.length == 2) {
          String v = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
          return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> cookie(ApiRequest request, String name) {
    for (String header : request.headers().all("Cookie")) {
      for (String pair : header.split(";")) {
        String[] kv = pair.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(name) && !kv[1].isEmpty()) {
          return Optional.of(kv[1]);
        }
      }
    }
    return Optional.empty();
  }

  /** How a scheme's credential is sent, for a message. */
  static String describe(Security.Scheme s) {
    return switch (s.kind()) {
          case BEARER -> "Authorization: Bearer <token>";
          case BASIC -> "Authorization: Basic <base64 of user:password>";
          case HTTP_OTHER -> "Authorization: " + s.httpScheme().orElse("") + " <credentials>";
          case API_KEY_HEADER -> "the header " + s.carrier();
          case API_KEY_QUERY -> "the query parameter " + s.carrier();
          case API_KEY_COOKIE -> "the cookie " + s.carrier();
          case MUTUAL_TLS -> "a TLS client certificate";
        }
        + " ("
        + s.name()
        + ")";
  }
}
