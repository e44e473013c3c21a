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

  private static final Pattern AUTH = Pattern.compile("(?i)(bearer|basic)(\\s+)[^\\s\"',]+");

  private final Pattern secretValues;
  private final Pattern secretStrings;

  SecretMasker(Set<String> secretNames) {
    String names = String.join("|", secretNames.stream().map(Pattern::quote).toList());
    // a string value (also an unterminated one) or any other scalar
    this.secretStrings =
        Pattern.compile("(\"(?:" + names + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$))");
    this.secretValues =
        Pattern.compile(
            "(\"(?:" + names + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|[^,}\\]\\s]+)");
  }

  /**
   * Like {@link #maskJson}, but only string values are replaced, so the masked text keeps the JSON
   * types of the original and validates the same.
   */
  public String maskJsonStrings(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = secretStrings.matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + MASK + "\""));
  }

  /** Whether the text holds a secret property with a string value (a cheap test first). */
  public boolean mentionsSecret(String text) {
    return secretStrings.matcher(text).find();
  }

  /** JSON (or almost-JSON) text with every secret property's value replaced by {@value #MASK}. */
  public String maskJson(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = secretValues.matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + MASK + "\""));
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
