package dev.assistantkit.contract;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for a log, a report or a response: the bearer token and every
 * property the spec marks {@code writeOnly} (such as {@code assistant_llm_config.api_key}).
 */
public final class SecretMasker {

  public static final String MASK = "***";

  /** A scheme and everything after it up to the end of the line (or a closing bracket or quote). */
  private static final Pattern AUTH = Pattern.compile("(?i)(bearer|basic)(\\s+)[^\\r\\n\\]\"']+");

  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  private final Pattern secretValues;

  private final Set<String> secretNames;

  SecretMasker(Set<String> secretNames) {
    this.secretNames = Set.copyOf(secretNames);
    String names = String.join("|", secretNames.stream().map(Pattern::quote).toList());
    // a string value (also an unterminated one) or any other scalar
    this.secretValues =
        Pattern.compile(
            "(\"(?:" + names + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|[^,}\\]\\s]+)");
  }

  /** JSON (or almost-JSON) text with every secret property's value replaced by {@value #MASK}. */
  public String maskJson(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = secretValues.matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + MASK + "\""));
  }

  /**
   * A request body as it may be shown in a journal or a log: unchanged when it cannot name a secret
   * (no secret name, no JSON escape, no URL encoding); with every secret property's value (of any
   * type, however its name is escaped) replaced by {@value #MASK} when it is JSON; and empty
   * (withhold it) when it might name a secret but is not JSON, or is not UTF-8 at all.
   */
  public java.util.Optional<byte[]> maskBodyForDisplay(byte[] body) {
    java.util.Optional<String> text = Utf8.decode(body);
    if (text.isEmpty()) {
      return java.util.Optional.empty();
    }
    String t = text.get();
    // a name may also hide behind a JSON escape or a URL encoding (api%5Fkey in a form)
    if (secretNames.stream().noneMatch(t::contains) && !t.contains("\\u") && t.indexOf('%') < 0) {
      return java.util.Optional.of(body);
    }
    try {
      tools.jackson.databind.JsonNode tree = JSON.readTree(t);
      if (tree == null) {
        return java.util.Optional.empty();
      }
      mask(tree);
      return java.util.Optional.of(
          JSON.writeValueAsString(tree).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (tools.jackson.core.JacksonException e) {
      return java.util.Optional.empty();
    }
  }

  private void mask(tools.jackson.databind.JsonNode node) {
    if (node instanceof tools.jackson.databind.node.ObjectNode object) {
      for (String name : java.util.List.copyOf(object.propertyNames())) {
        if (secretNames.contains(name)) {
          object.put(name, MASK);
        } else {
          mask(object.get(name));
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(this::mask);
    }
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

  /** Free text with any known key replaced: for text that might quote a token verbatim. */
  public String maskKnown(String text, Iterable<String> secrets) {
    String out = maskJson(text);
    for (String s : secrets) {
      if (s != null && s.length() >= 4) {
        out = out.replace(s, MASK);
      }
    }
    return AUTH.matcher(out)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
  }
}
