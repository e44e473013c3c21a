package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.SecretNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders exchanges for people: the request, the response and a curl command that sends the request
 * again. Every text that leaves here has the secrets masked: the key and any other token it was
 * told of (also XML- and JSON-escaped), credentials in Authorization headers, cookies, headers and
 * query parameters named like secrets, secret properties of JSON bodies, and user info in URLs. The
 * curl command reads the key from {@code $CONFORMANCE_API_KEY} instead of quoting it.
 */
final class Reproduction {

  /** The environment variable the curl commands read the key from. */
  static final String KEY_VARIABLE = ConformanceSettings.API_KEY_VARIABLE;

  private static final int MAX_BODY_CHARS = 4000;

  private static final Pattern USER_INFO = Pattern.compile("(?i)(https?://)[^/\\s@'\"]+@");

  private final SecretMasker masker;
  private final SecretNames names;
  private final List<String> secrets;

  /**
   * @param masker the contract's masker
   * @param names the contract's secret names
   * @param secrets literal secrets to mask wherever they appear (the key); blank ones are ignored
   */
  Reproduction(SecretMasker masker, SecretNames names, List<String> secrets) {
    this.masker = masker;
    this.names = names;
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  /** The same, masking more literal secrets too (the tokens of one recorded exchange). */
  Reproduction with(List<String> more) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return new Reproduction(masker, names, all);
  }

  /**
   * Text that came from the server or the network (a response body, an error) with every known
   * secret masked: the key, secret properties, and any credentials after Bearer or Basic.
   */
  String mask(String text) {
    if (text == null) {
      return "";
    }
    return literal(masker.maskKnown(text, secrets));
  }

  /**
   * The suite's own messages (rule ids, expectations, the core's texts) with the key and secret
   * values masked. Unlike {@link #mask} it leaves words after "bearer" alone: a rule id such as
   * auth.bearer is not a credential.
   */
  String maskMessage(String text) {
    if (text == null) {
      return "";
    }
    return literal(masker.maskJson(text));
  }

  /** Every literal secret, also in its XML- and JSON-escaped forms, and URL user info. */
  String literal(String text) {
    String out = maskUserInfo(text);
    for (String secret : secrets) {
      String xml =
          secret
              .replace("&", "&amp;")
              .replace("<", "&lt;")
              .replace(">", "&gt;")
              .replace("\"", "&quot;")
              .replace("'", "&apos;");
      String json = secret.replace("\\", "\\\\").replace("\"", "\\\"");
      out =
          out.replace(secret, SecretMasker.MASK)
              .replace(xml, SecretMasker.MASK)
              .replace(json, SecretMasker.MASK);
    }
    return out;
  }

  /** URLs with their user info ({@code https://user:password@host}) masked. */
  static String maskUserInfo(String text) {
    return USER_INFO.matcher(text).replaceAll("$1" + SecretMasker.MASK + "@");
  }

  /** A URL with user info and the values of secret-named query parameters masked. */
  String maskUrl(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return literal(url);
    }
    StringBuilder sb = new StringBuilder(url.substring(0, q + 1));
    String[] pairs = url.substring(q + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String decoded = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
      sb.append(i == 0 ? "" : "&")
          .append(eq >= 0 && names.isSecret(decoded) ? name + "=" + SecretMasker.MASK : pair);
    }
    return literal(sb.toString());
  }

  /** A header value as it may be shown. */
  String headerValue(String name, String value) {
    if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
      return masker.maskAuthorization(value);
    }
    if (name.equalsIgnoreCase("Cookie")
        || name.equalsIgnoreCase("Set-Cookie")
        || secretHeader(name)) {
      return SecretMasker.MASK;
    }
    return literal(value);
  }

  /** A header named like a secret: {@code X-Api-Key}, {@code X-Auth-Token}, ... */
  private boolean secretHeader(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    return names.isSecret(name) || names.normalizedNames().stream().anyMatch(n::contains);
  }

  /**
   * A body as it may be shown: secrets masked on its JSON tree, or withheld when that is not
   * possible.
   */
  private String shownBody(byte[] body) {
    return masker
        .maskBodyForDisplay(body)
        .map(Reproduction::text)
        .map(this::literal)
        .orElse("(body withheld: it may name a secret and is not JSON that can be masked)");
  }

  String request(String url, ApiRequest request) {
    StringBuilder sb =
        new StringBuilder(request.method()).append(' ').append(maskUrl(url)).append('\n');
    for (Map.Entry<String, String> h : request.headers().entries()) {
      sb.append(h.getKey()).append(": ").append(headerValue(h.getKey(), h.getValue())).append('\n');
    }
    byte[] body = request.body();
    sb.append('\n').append(body.length == 0 ? "(no body)" : clip(shownBody(body)));
    return literal(printable(sb.toString()));
  }

  String response(Optional<Observed> answer, Optional<String> error, Optional<String> note) {
    if (answer.isEmpty()) {
      return "no answer: " + mask(error.orElse("unknown"));
    }
    Observed a = answer.get();
    StringBuilder sb = new StringBuilder("HTTP ").append(a.status()).append('\n');
    if (a.contentType() != null) {
      sb.append("Content-Type: ").append(mask(a.contentType())).append('\n');
    }
    note.ifPresent(n -> sb.append("(").append(n).append(")\n"));
    sb.append('\n').append(a.body().length == 0 ? "(no body)" : clip(mask(text(a.body()))));
    return printable(sb.toString());
  }

  /**
   * A curl command sending the same request.
   *
   * @param keyFromEnvironment whether a bearer token is the run's key, to be read from {@code
   *     $CONFORMANCE_API_KEY} (otherwise a token is shown masked unless it is one the suite made
   *     up)
   */
  String curl(
      String url, ApiRequest request, java.util.function.Predicate<String> keyFromEnvironment) {
    StringBuilder sb =
        new StringBuilder("curl -sS -i -X ")
            .append(shellQuote(request.method()))
            .append(' ')
            .append(shellQuote(maskUrl(url)))
            .append(" \\\n");
    boolean hasContentType = false;
    for (Map.Entry<String, String> h : request.headers().entries()) {
      String name = h.getKey();
      String value = h.getValue();
      if (name.equalsIgnoreCase("Content-Type")) {
        hasContentType = true;
      }
      String token = bearerToken(value);
      if (name.equalsIgnoreCase("Authorization")
          && token != null
          && keyFromEnvironment.test(token)) {
        sb.append("  -H \"").append(name).append(": Bearer ${" + KEY_VARIABLE + "}\" \\\n");
      } else {
        String shown =
            name.equalsIgnoreCase("Authorization") && isMadeUp(value)
                ? literal(value)
                : headerValue(name, value);
        sb.append("  -H ").append(shellQuote(name + ": " + shown)).append(" \\\n");
      }
    }
    if (!hasContentType) {
      sb.append("  -H 'Content-Type:' \\\n"); // curl would add one of its own
    }
    byte[] body = request.body();
    if (body.length > 0) {
      sb.append("  --data-binary ").append(shellQuote(shownBody(body)));
    } else {
      sb.setLength(sb.length() - 3); // drop the last " \\\n"
    }
    return literal(printable(sb.toString()));
  }

  /** Credentials the suite makes up on purpose: shown, so that the 401 reproduces. */
  private static boolean isMadeUp(String authorization) {
    return authorization.contains(dev.assistantkit.contract.rules.CaseRequests.UNKNOWN_KEY)
        || authorization.equals("Basic Y29uZm9ybWFuY2U6c3VpdGU=")
        || authorization.trim().equalsIgnoreCase("Bearer");
  }

  private static String bearerToken(String authorization) {
    Matcher m = Pattern.compile("(?i)bearer +(\\S+) *").matcher(authorization.trim());
    return m.matches() ? m.group(1) : null;
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String clip(String s) {
    return s.length() <= MAX_BODY_CHARS
        ? s
        : s.substring(0, MAX_BODY_CHARS) + "... (" + s.length() + " characters in all)";
  }

  /** Control characters other than newline and tab, shown as \\uXXXX (XML cannot hold them). */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c == 0xfffe || c == 0xffff) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
