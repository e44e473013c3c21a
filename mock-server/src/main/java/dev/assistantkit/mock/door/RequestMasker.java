package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.Utf8;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the masked view of a request (what stubs, the journal, the traffic and logs see):
 * credentials as {@code Bearer ***}, every known secret masked in the target, header names and
 * values and cookies, secret properties masked on the body's JSON tree, and a body withheld when it
 * might hold a secret the mask cannot reach (not JSON, multipart, a form, a charset other than
 * UTF-8).
 */
final class RequestMasker {

  static final byte[] WITHHELD =
      "{\"body\":\"withheld from the journal: it may name a secret and is not JSON that can be masked\"}"
          .getBytes(StandardCharsets.UTF_8);

  private static final List<String> CREDENTIAL_HEADERS =
      List.of("authorization", "proxy-authorization");

  /** Headers of the body as sent; the view's body is decoded and masked, so they would lie. */
  private static final List<String> BODY_FRAMING =
      List.of("content-length", "content-encoding", "transfer-encoding");

  private RequestMasker() {}

  /** The masker of one request: the known secrets plus the credentials this request carries. */
  static SecretMasker forRequest(SecretMasker known, List<Map.Entry<String, String>> headers) {
    List<String> sent = new ArrayList<>(2);
    for (Map.Entry<String, String> h : headers) {
      if (isCredentialHeader(h.getKey())) {
        credentials(h.getValue(), sent);
      }
    }
    return sent.isEmpty() ? known : known.withSecrets(sent);
  }

  private static boolean isCredentialHeader(String name) {
    for (String c : CREDENTIAL_HEADERS) {
      if (c.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The token of a credential header; for Basic, also the decoded user:password and password. */
  private static void credentials(String value, List<String> out) {
    String v = value.trim();
    int space = v.indexOf(' ');
    String token = space < 0 ? v : v.substring(space + 1).trim();
    out.add(token);
    if (space > 0 && v.substring(0, space).equalsIgnoreCase("Basic")) {
      try {
        String pair = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        out.add(pair);
        int colon = pair.indexOf(':');
        if (colon >= 0) {
          out.add(pair.substring(colon + 1));
        }
      } catch (IllegalArgumentException e) {
        // not base64: the token itself is masked
      }
    }
  }

  /**
   * The request as it may be shown: target, headers and body masked, body-framing headers replaced
   * by the length of the body shown.
   *
   * @param admin whether the request is for {@code /__admin}: its body (stub definitions) keeps its
   *     JSON properties and has only the known secrets masked
   */
  static ShownRequest mask(
      String method,
      String rawTarget,
      List<Map.Entry<String, String>> sent,
      byte[] sentBody,
      SecretMasker masker,
      boolean admin) {
    byte[] body = sentBody.length == 0 ? sentBody : body(sent, sentBody, masker, admin);
    List<Map.Entry<String, String>> headers = new ArrayList<>(sent.size() + 1);
    boolean hadBody = false;
    for (Map.Entry<String, String> h : sent) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (BODY_FRAMING.contains(lower)) {
        hadBody = true;
        continue;
      }
      String name = masker.containsSecret(h.getKey()) ? SecretMasker.MASK : h.getKey();
      String value;
      if (CREDENTIAL_HEADERS.contains(lower)) {
        value = masker.maskAuthorization(h.getValue());
      } else if (lower.equals("cookie")) {
        value = masker.maskCookieHeader(h.getValue());
      } else if (lower.equals("content-type")) {
        value = withoutUnknownCharset(masker.maskHeaderValue(h.getValue()));
      } else {
        value = masker.maskHeaderValue(h.getValue());
      }
      headers.add(Map.entry(name, value));
    }
    if (hadBody) {
      headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
    }
    return new ShownRequest(
        method, masker.maskRequestTarget(rawTarget), headers, body, body == WITHHELD);
  }

  private static byte[] body(
      List<Map.Entry<String, String>> headers, byte[] body, SecretMasker masker, boolean admin) {
    if (admin) {
      // stub definitions: their JSON properties are the user's, only the known secrets go
      Optional<String> text = Utf8.decode(body).filter(masker::containsSecret);
      return text.isEmpty() ? body : masker.maskText(text.get()).getBytes(StandardCharsets.UTF_8);
    }
    String type = null;
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase("Content-Type")) {
        type = h.getValue();
        break;
      }
    }
    if (opaque(type)) {
      return WITHHELD;
    }
    return masker.maskJsonBody(body).orElse(WITHHELD);
  }

  /** A body type whose secrets a JSON mask might miss: multipart, forms, other charsets. */
  static boolean opaque(String contentType) {
    if (contentType == null) {
      return false;
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    if (t.startsWith("multipart/") || t.contains("x-www-form-urlencoded")) {
      return true;
    }
    for (String param : t.split(";")) {
      String p = param.trim();
      if (p.startsWith("charset=")) {
        String cs = p.substring(8).trim().replace("\"", "");
        return !cs.equals("utf-8") && !cs.equals("utf8") && !cs.equals("us-ascii");
      }
    }
    return false;
  }

  /** Drops a charset Java does not know: WireMock would throw (a 500) on it. */
  static String withoutUnknownCharset(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).contains("charset=")
        || supportedCharset(contentType) != null) {
      return contentType;
    }
    StringBuilder out = new StringBuilder();
    for (String param : contentType.split(";")) {
      if (!param.trim().toLowerCase(Locale.ROOT).startsWith("charset=")) {
        out.append(out.length() == 0 ? "" : ";").append(param);
      }
    }
    return out.toString();
  }

  /** The charset a Content-Type names, if Java knows it (WireMock would throw on others). */
  static String supportedCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).trim().replace("\"", "");
        try {
          return Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The host of a Host header value: without the port; an IPv6 literal keeps its brackets. */
  static String hostName(String host) {
    String h = host.trim();
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close > 0 ? h.substring(0, close + 1) : h;
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}
