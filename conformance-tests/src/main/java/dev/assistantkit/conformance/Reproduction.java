package dev.assistantkit.conformance;

import dev.assistantkit.contract.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders exchanges for people: the request, the response and a curl command that reproduces the
 * request. Every text that leaves here has the key and every {@code api_key} value masked; the curl
 * command reads the key from {@code $CONFORMANCE_API_KEY} instead of quoting it.
 */
final class Reproduction {

  /** The environment variable the curl commands read the key from. */
  static final String KEY_VARIABLE = ConformanceSettings.API_KEY_VARIABLE;

  private static final int MAX_BODY_CHARS = 4000;

  private final SecretMasker masker;
  private final String apiKey;

  Reproduction(SecretMasker masker, String apiKey) {
    this.masker = masker;
    this.apiKey = apiKey;
  }

  /**
   * Text that came from the server or the network (a response body, an error) with every known
   * secret masked: the key, api_key values, and any credentials after Bearer or Basic.
   */
  String mask(String text) {
    if (text == null) {
      return "";
    }
    return literal(masker.maskKnown(text, List.of(apiKey)));
  }

  /**
   * The suite's own messages (rule ids, expectations, the core's texts) with the key and api_key
   * values masked. Unlike {@link #mask} it leaves words after "bearer" alone: a rule id such as
   * auth.bearer is not a credential.
   */
  String maskMessage(String text) {
    if (text == null) {
      return "";
    }
    return literal(masker.maskJson(text));
  }

  /**
   * The key itself, wherever it appears, also in its XML- and JSON-escaped forms; keys shorter than
   * 4 characters are no secret.
   */
  String literal(String text) {
    text = maskUserInfo(text);
    if (apiKey.length() < 4) {
      return text;
    }
    String xml =
        apiKey
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&apos;");
    String json = apiKey.replace("\\", "\\\\").replace("\"", "\\\"");
    return text.replace(apiKey, SecretMasker.MASK)
        .replace(xml, SecretMasker.MASK)
        .replace(json, SecretMasker.MASK);
  }

  private static final java.util.regex.Pattern USER_INFO =
      java.util.regex.Pattern.compile("(?i)(https?://)[^/\\s@'\"]+@");

  /** URLs with their user info ({@code https://user:password@host}) masked. */
  static String maskUserInfo(String text) {
    return USER_INFO.matcher(text).replaceAll("$1" + SecretMasker.MASK + "@");
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

  String request(Exchange ex) {
    StringBuilder sb = new StringBuilder("PATCH ").append(ex.url()).append('\n');
    for (Map.Entry<String, String> h : ex.request().headers().entrySet()) {
      String value =
          h.getKey().equalsIgnoreCase("Authorization")
              ? masker.maskAuthorization(h.getValue())
              : h.getValue();
      sb.append(h.getKey()).append(": ").append(value).append('\n');
    }
    byte[] body = ex.request().body();
    sb.append('\n').append(body.length == 0 ? "(no body)" : clip(shownBody(body)));
    return literal(printable(sb.toString()));
  }

  String response(Exchange ex) {
    if (!ex.answered()) {
      return "no answer: " + mask(ex.error().orElse("unknown"));
    }
    StringBuilder sb = new StringBuilder("HTTP ").append(ex.status()).append('\n');
    if (ex.contentType() != null) {
      sb.append("Content-Type: ").append(mask(ex.contentType())).append('\n');
    }
    sb.append('\n').append(ex.body().length == 0 ? "(no body)" : clip(mask(text(ex.body()))));
    return printable(sb.toString());
  }

  /** A curl command sending the same request; the key comes from an environment variable. */
  String curl(Exchange ex) {
    StringBuilder sb =
        new StringBuilder("curl -sS -i -X PATCH ").append(shellQuote(ex.url())).append(" \\\n");
    boolean hasContentType = false;
    for (Map.Entry<String, String> h : ex.request().headers().entrySet()) {
      String name = h.getKey();
      String value = h.getValue();
      if (name.equalsIgnoreCase("Content-Type")) {
        hasContentType = true;
      }
      if (name.equalsIgnoreCase("Authorization") && value.equals("Bearer " + apiKey)) {
        sb.append("  -H \"").append(name).append(": Bearer ${" + KEY_VARIABLE + "}\" \\\n");
      } else {
        sb.append("  -H ").append(shellQuote(literal(name + ": " + value))).append(" \\\n");
      }
    }
    if (!hasContentType) {
      sb.append("  -H 'Content-Type:' \\\n"); // curl would add one of its own
    }
    byte[] body = ex.request().body();
    if (body.length > 0) {
      sb.append("  --data-binary ").append(shellQuote(shownBody(body)));
    } else {
      sb.setLength(sb.length() - 3); // drop the last " \\\n"
    }
    return literal(printable(sb.toString()));
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
