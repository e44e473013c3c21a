package dev.assistantkit.contract.masking;

import dev.assistantkit.contract.spec.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Masks secrets in text bound for a log, a report, a journal or a response.
 *
 * <p>Two kinds of secret:
 *
 * <ul>
 *   <li><b>secret properties</b> of JSON: every property the spec marks {@code writeOnly} (such as
 *       {@code assistant_llm_config.api_key}) and every credential-looking name at any depth
 *       ({@code apiKey}, {@code api_key}, {@code token}, {@code client_secret}, {@code password},
 *       {@code authorization}, any case), whose values are replaced whatever their type;
 *   <li><b>known secrets</b> ({@link #withSecrets}): values such as the configured API keys, the
 *       admin token or the bearer token of a request, found as they are, percent-encoded (also
 *       twice), base64-encoded (standard or URL alphabet, at any byte alignment, so also inside
 *       Basic credentials {@code user:key}) and inside JSON strings, names and numbers.
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link #withSecrets} returns a new masker.
 */
public final class SecretMasker {

  public static final String MASK = "***";

  /** Known secrets shorter than this are not masked: they would mask ordinary words. */
  public static final int MIN_SECRET_LENGTH = 4;

  /** A scheme and everything after it up to the end of the line (or a closing bracket or quote). */
  private static final Pattern AUTH = Pattern.compile("(?i)(bearer|basic)(\\s+)[^\\r\\n\\]\"']+");

  /** A scheme and one credential token, for header values that hold more than credentials. */
  private static final Pattern AUTH_TOKEN =
      Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=:-]+");

  /** A JSON property and its value (a string, also unterminated, or another scalar). */
  private static final Pattern PROPERTY =
      Pattern.compile(
          "(\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|[^,}\\]\\s{\\[\"]+)");

  /** A run of characters that may be a percent-encoded secret in free text. */
  private static final Pattern PERCENT_RUN =
      Pattern.compile("[^\\s\"'<>;,&=?/]*%[^\\s\"'<>;,&=?/]*");

  /** A JSON string literal, also one cut off at the end of the text. */
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)(\"|\\z)");

  /** A run of characters with a backslash, outside any JSON string. */
  private static final Pattern ESCAPED_RUN = Pattern.compile("[^\\s\"]*\\\\[^\\s\"]*");

  /** How credential-looking property names end, once lower-cased and stripped to [a-z0-9]. */
  private static final List<String> CREDENTIAL_SUFFIXES =
      List.of(
          "apikey",
          "token",
          "secret",
          "secretkey",
          "password",
          "passwd",
          "authorization",
          "credential",
          "credentials",
          "privatekey",
          "accesskey");

  private static final JsonMapper JSON = JsonMappers.plain();

  private final Set<String> secretNames;
  private final List<String> secrets;
  private final List<String> base64Forms;

  public SecretMasker(Set<String> secretNames) {
    this(Set.copyOf(secretNames), List.of());
  }

  private SecretMasker(Set<String> secretNames, List<String> secrets) {
    this.secretNames = secretNames;
    this.secrets = secrets;
    List<String> forms = new ArrayList<>();
    for (String s : secrets) {
      forms.addAll(base64Forms(s));
    }
    this.base64Forms = List.copyOf(new LinkedHashSet<>(forms));
  }

  /**
   * A masker of the credential-looking property names and {@code api_key}, for code that has no
   * contract at hand (the contract's own masker also knows the spec's {@code writeOnly} names).
   */
  public static SecretMasker standard() {
    return new SecretMasker(Set.of("api_key"));
  }

  /**
   * This masker, also masking these values (those shorter than {@value #MIN_SECRET_LENGTH} are
   * ignored).
   */
  public SecretMasker withSecrets(Collection<String> values) {
    boolean nothingNew = true;
    for (String v : values) {
      nothingNew &= v == null || v.length() < MIN_SECRET_LENGTH || secrets.contains(v);
    }
    if (nothingNew) {
      return this; // the usual case: a request's bearer token is a configured key
    }
    LinkedHashSet<String> all = new LinkedHashSet<>(secrets);
    for (String v : values) {
      if (v != null && v.length() >= MIN_SECRET_LENGTH) {
        all.add(v);
      }
    }
    if (all.size() == secrets.size()) {
      return this;
    }
    List<String> sorted = new ArrayList<>(all);
    // longest first: a secret that contains another is masked whole
    sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return new SecretMasker(secretNames, List.copyOf(sorted));
  }

  /**
   * Whether a JSON property of this name holds a secret: writeOnly in the spec, or
   * credential-looking.
   */
  public boolean isSecretName(String name) {
    if (name == null) {
      return false;
    }
    if (secretNames.contains(name)) {
      return true;
    }
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    String normal = b.toString();
    for (String suffix : CREDENTIAL_SUFFIXES) {
      if (normal.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text holds a known secret in any of the forms this masker finds. */
  public boolean containsSecret(String text) {
    if (text == null || secrets.isEmpty()) {
      return false;
    }
    if (containsPlainOrPercent(text)) {
      return true;
    }
    if (text.indexOf('\\') >= 0) {
      // JSON-escaped: sk\/key (PHP's json_encode), \u0073k-key
      String unescaped = jsonUnescape(text);
      return unescaped.length() < text.length() && containsPlainOrPercent(unescaped);
    }
    return false;
  }

  private boolean containsPlainOrPercent(String text) {
    if (containsPlain(text)) {
      return true;
    }
    if (text.indexOf('%') >= 0) {
      String decoded = percentDecode(text, false);
      return !decoded.equals(text) && containsPlain(decoded);
    }
    return false;
  }

  /**
   * Free text with every known secret replaced by {@value #MASK}: as it is, inside a base64 run
   * (the whole run is replaced) and inside a percent-encoded run (the whole run is replaced). The
   * rest of the text is left as it was, so JSON stays JSON.
   */
  public String maskText(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = maskPlain(text);
    if (out.indexOf('%') >= 0) {
      Matcher m = PERCENT_RUN.matcher(out);
      out =
          m.replaceAll(
              r -> {
                String run = r.group();
                String decoded = percentDecode(run, true);
                return Matcher.quoteReplacement(
                    !decoded.equals(run) && containsPlain(decoded) ? MASK : run);
              });
    }
    if (out.indexOf('\\') >= 0 && containsSecret(out)) {
      out = maskEscaped(out);
    }
    return out;
  }

  /**
   * Text with secrets that only show once JSON escapes are read ({@code \/}, {@code \\uXXXX}): each
   * JSON string holding one is masked and escaped again, keeping the text's shape; a run outside
   * the strings that still holds one is replaced whole.
   */
  private String maskEscaped(String text) {
    String out =
        JSON_STRING
            .matcher(text)
            .replaceAll(
                r -> {
                  String raw = r.group(1);
                  String decoded = raw.indexOf('\\') < 0 ? raw : jsonUnescape(raw);
                  if (decoded.length() == raw.length() || !containsSecret(decoded)) {
                    return Matcher.quoteReplacement(r.group());
                  }
                  return Matcher.quoteReplacement(
                      "\"" + jsonEscape(maskedOrMask(maskText(decoded))) + r.group(2));
                });
    if (!containsSecret(out)) {
      return out;
    }
    return ESCAPED_RUN
        .matcher(out)
        .replaceAll(
            r ->
                Matcher.quoteReplacement(
                    containsSecret(r.group()) && !containsPlainOrPercent(r.group())
                        ? MASK
                        : r.group()));
  }

  /**
   * A component of a URL (a path segment, a query name or value, a cookie name or value) with the
   * known secrets masked in its decoded form and percent-encoded again; unchanged when it holds no
   * secret.
   *
   * @param plusIsSpace whether '+' means a space (query strings and forms)
   */
  public String maskUrlComponent(String raw, boolean plusIsSpace) {
    if (raw == null || secrets.isEmpty()) {
      return raw;
    }
    String decoded = raw.indexOf('%') >= 0 || plusIsSpace ? percentDecode(raw, plusIsSpace) : raw;
    if (!containsPlain(decoded) && !containsPlain(raw)) {
      return raw;
    }
    return percentEncode(maskPlain(decoded));
  }

  /**
   * A request target (path and query as on the wire) with the known secrets masked per component,
   * and the value of a query parameter with a secret's name ({@code ?api_key=...}).
   */
  public String maskRequestTarget(String rawTarget) {
    if (rawTarget == null) {
      return null;
    }
    int q = rawTarget.indexOf('?');
    boolean named = q >= 0 && namesASecret(rawTarget.substring(q + 1), "&");
    if (!named && (secrets.isEmpty() || !containsSecret(rawTarget))) {
      return rawTarget;
    }
    String path = q < 0 ? rawTarget : rawTarget.substring(0, q);
    StringBuilder out = new StringBuilder(rawTarget.length());
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(maskUrlComponent(segments[i], false));
    }
    if (q >= 0) {
      out.append('?');
      String[] params = rawTarget.substring(q + 1).split("&", -1);
      for (int i = 0; i < params.length; i++) {
        if (i > 0) {
          out.append('&');
        }
        int eq = params[i].indexOf('=');
        if (eq < 0) {
          out.append(maskUrlComponent(params[i], true));
        } else {
          String name = params[i].substring(0, eq);
          out.append(maskUrlComponent(name, true))
              .append('=')
              .append(
                  isSecretName(decoded(name))
                      ? MASK
                      : maskUrlComponent(params[i].substring(eq + 1), true));
        }
      }
    }
    return out.toString();
  }

  /** Whether a query ({@code &}) or a Cookie header ({@code ;}) has a pair with a secret's name. */
  private boolean namesASecret(String pairs, String separator) {
    for (String pair : pairs.split(separator, -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0 && isSecretName(decoded(pair.substring(0, eq).trim()))) {
        return true;
      }
    }
    return false;
  }

  /** A query component percent-decoded, or as it is when it is not valid percent-encoding. */
  private static String decoded(String component) {
    try {
      return java.net.URLDecoder.decode(component, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return component;
    }
  }

  /**
   * A Cookie header with the known secrets masked in every cookie's name and value, and the value
   * of a cookie with a secret's name (api_key, token, ...).
   */
  public String maskCookieHeader(String value) {
    if (value == null || !(containsSecret(value) || namesASecret(value, ";"))) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (String cookie : value.split(";")) {
      String c = cookie.trim();
      if (out.length() > 0) {
        out.append("; ");
      }
      int eq = c.indexOf('=');
      if (eq < 0) {
        out.append(maskUrlComponent(c, false));
      } else {
        String name = c.substring(0, eq);
        out.append(maskUrlComponent(name, false))
            .append('=')
            .append(
                isSecretName(name.trim()) ? MASK : maskUrlComponent(c.substring(eq + 1), false));
      }
    }
    return out.toString();
  }

  /**
   * A header value other than Authorization: known secrets and any bearer or basic credential
   * masked.
   */
  public String maskHeaderValue(String value) {
    if (value == null) {
      return null;
    }
    String out = maskText(value);
    if (!containsIgnoreCase(out, "bearer") && !containsIgnoreCase(out, "basic")) {
      return out;
    }
    return AUTH_TOKEN
        .matcher(out)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + " " + MASK));
  }

  /** An Authorization header value with its credentials masked. */
  public String maskAuthorization(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = AUTH.matcher(value);
    return m.find()
        ? m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK))
        : MASK;
  }

  /**
   * A JSON body (any encoding Jackson detects, UTF-8 usually) with every secret property's value
   * replaced by {@value #MASK} and every known secret masked in names, strings and numbers. The
   * bytes are returned unchanged when they hold nothing to mask; empty when they are not JSON (the
   * caller should withhold them: a secret could hide where a JSON mask cannot reach).
   */
  public Optional<byte[]> maskJsonBody(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.ofNullable(body);
    }
    try (JsonParser p = JSON.createParser(body)) {
      boolean rewrite = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (rewrite) {
          continue; // still read to the end: a body that is not JSON is withheld
        }
        rewrite =
            switch (t) {
              case PROPERTY_NAME ->
                  isSecretName(p.currentName()) || containsSecret(p.currentName());
              case VALUE_STRING -> containsSecret(p.getString());
              case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> containsSecret(p.getText());
              default -> false;
            };
      }
      if (!rewrite) {
        return Optional.of(body);
      }
      return Optional.of(maskStreaming(body));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /**
   * A request body as it may be shown in a journal or a log: {@link #maskJsonBody}; empty when it
   * is not JSON.
   */
  public Optional<byte[]> maskBodyForDisplay(byte[] body) {
    return maskJsonBody(body);
  }

  /** JSON (or almost-JSON) text with every secret property's value replaced by {@value #MASK}. */
  public String maskJson(String text) {
    if (text == null || text.isEmpty() || text.indexOf(':') < 0) {
      return text;
    }
    Matcher m = PROPERTY.matcher(text);
    return m.replaceAll(
        r ->
            Matcher.quoteReplacement(
                isSecretName(unescape(r.group(2))) ? r.group(1) + "\"" + MASK + "\"" : r.group()));
  }

  /**
   * Free text that might quote a token verbatim (a log line, a report): secret JSON properties, the
   * known secrets and these further ones, and bearer or basic credentials masked.
   */
  public String maskKnown(String text, Iterable<String> more) {
    if (text == null) {
      return null;
    }
    List<String> extra = new ArrayList<>();
    more.forEach(extra::add);
    String out = withSecrets(extra).maskText(maskJson(text));
    return AUTH.matcher(out)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
  }

  /** {@link #maskKnown} with only the known secrets. */
  public String maskLog(String text) {
    return maskKnown(text, List.of());
  }

  /**
   * The JSON copied token by token with the secrets masked: nothing else changes, so a recording
   * judged later sees the body's shape as sent (duplicate keys, the type of each value). A secret
   * property's value keeps its JSON type: a string becomes {@value #MASK}, a number 0; inside an
   * object or array every string and number is masked.
   */
  private byte[] maskStreaming(byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length);
    try (JsonParser p = JSON.createParser(body);
        tools.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
      int maskedDepth = -1; // the depth at which a secret property's value started, else -1
      int depth = 0;
      boolean maskNext = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        boolean masking = maskNext || maskedDepth >= 0;
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            if (maskNext && maskedDepth < 0) {
              maskedDepth = depth;
            }
            maskNext = false;
            depth++;
            if (t == JsonToken.START_OBJECT) {
              g.writeStartObject();
            } else {
              g.writeStartArray();
            }
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            if (depth == maskedDepth) {
              maskedDepth = -1;
            }
            if (t == JsonToken.END_OBJECT) {
              g.writeEndObject();
            } else {
              g.writeEndArray();
            }
          }
          case PROPERTY_NAME -> {
            String name = p.currentName();
            g.writeName(containsSecret(name) ? maskText(name) : name);
            maskNext = maskedDepth < 0 && isSecretName(name);
          }
          case VALUE_STRING -> {
            String v = p.getString();
            g.writeString(masking ? MASK : containsSecret(v) ? maskedOrMask(maskText(v)) : v);
            maskNext = false;
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            String v = p.getText();
            if (masking || containsSecret(v)) {
              g.writeNumber(0);
            } else {
              g.writeNumber(v);
            }
            maskNext = false;
          }
          case VALUE_TRUE, VALUE_FALSE -> {
            g.writeBoolean(t == JsonToken.VALUE_TRUE);
            maskNext = false;
          }
          case VALUE_NULL -> {
            g.writeNull();
            maskNext = false;
          }
          default -> maskNext = false;
        }
      }
    }
    return out.toByteArray();
  }

  private String maskedOrMask(String masked) {
    return containsSecret(masked) ? MASK : masked;
  }

  // ---- the forms of a secret ------------------------------------------------------------------

  private boolean containsPlain(String text) {
    for (String s : secrets) {
      if (text.contains(s)) {
        return true;
      }
    }
    for (String f : base64Forms) {
      if (text.contains(f)) {
        return true;
      }
    }
    return false;
  }

  /** Raw occurrences, then every base64 run holding a secret, replaced by {@value #MASK}. */
  private String maskPlain(String text) {
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    for (String f : base64Forms) {
      for (int at = out.indexOf(f); at >= 0; at = out.indexOf(f)) {
        int from = at;
        while (from > 0 && isBase64(out.charAt(from - 1))) {
          from--;
        }
        int to = at + f.length();
        while (to < out.length() && (isBase64(out.charAt(to)) || out.charAt(to) == '=')) {
          to++;
        }
        out = out.substring(0, from) + MASK + out.substring(to);
      }
    }
    return out;
  }

  private static boolean containsIgnoreCase(String text, String word) {
    for (int i = 0; i + word.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }

  /**
   * The base64 characters that encode only bytes of the secret, for each of the three alignments
   * the secret can have in the encoded bytes, in the standard and the URL alphabet: any base64 of
   * text that contains the secret contains one of them.
   */
  private static List<String> base64Forms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (int align = 0; align < 3; align++) {
      byte[] shifted = new byte[align + bytes.length];
      System.arraycopy(bytes, 0, shifted, align, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      int firstGroup = align == 0 ? 0 : 1;
      int endGroup = (align + bytes.length) / 3;
      if (endGroup - firstGroup >= 1) {
        String form = encoded.substring(4 * firstGroup, 4 * endGroup);
        out.add(form);
        out.add(form.replace('+', '-').replace('/', '_'));
      }
    }
    return out;
  }

  /** Percent-decodes (up to three times, for doubly encoded text); malformed escapes stay. */
  private static String percentDecode(String text, boolean plusIsSpace) {
    String current = plusIsSpace ? text.replace('+', ' ') : text;
    for (int round = 0; round < 3 && current.indexOf('%') >= 0; round++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(current.length());
      for (int i = 0; i < current.length(); i++) {
        char c = current.charAt(i);
        if (c == '%' && i + 2 < current.length()) {
          int hi = Character.digit(current.charAt(i + 1), 16);
          int lo = Character.digit(current.charAt(i + 2), 16);
          if (hi >= 0 && lo >= 0) {
            bytes.write(hi * 16 + lo);
            i += 2;
            continue;
          }
        }
        byte[] chunk = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(chunk, 0, chunk.length);
      }
      String next = bytes.toString(StandardCharsets.UTF_8);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return current;
  }

  /** JSON string escapes read, leniently: an escape that is not one is kept as it is. */
  private static String jsonUnescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        out.append(c);
        continue;
      }
      char e = text.charAt(i + 1);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          int code = i + 6 <= text.length() ? hex4(text, i + 2) : -1;
          if (code < 0) {
            out.append(c);
            continue;
          }
          out.append((char) code);
          i += 4;
        }
        default -> {
          out.append(c);
          continue;
        }
      }
      i++;
    }
    return out.toString();
  }

  private static int hex4(String text, int from) {
    int code = 0;
    for (int k = from; k < from + 4; k++) {
      int d = Character.digit(text.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      code = code * 16 + d;
    }
    return code;
  }

  /** The content of a JSON string (no quotes) for this text. */
  private static String jsonEscape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String percentEncode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '*') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  private static String unescape(String jsonString) {
    if (jsonString.indexOf('\\') < 0) {
      return jsonString;
    }
    try {
      return JSON.readValue("\"" + jsonString + "\"", String.class);
    } catch (JacksonException e) {
      return jsonString;
    }
  }
}
