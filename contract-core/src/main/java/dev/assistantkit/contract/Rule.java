package dev.assistantkit.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the operation's {@code x-rule-catalogue}.
 *
 * @param id the stable id, e.g. {@code tts.pair}
 * @param origin documented (the page says so) or decided (this project chose)
 * @param status the HTTP status a violation yields
 * @param kind what enforces it
 * @param source the page's own sentence, or the decision
 * @param enforcedBy spec locations ({@code #/...}, {@code *} matches one segment) that enforce it
 * @param whenInstance for schema rules: the JSON type the offending value must have ("null"), or
 *     empty
 * @param messageTemplate the message, with {@code {pointer}}, {@code {property}}, {@code
 *     {missing}}, {@code {detail}} and {@code {value}} placeholders
 * @param cases accepted and rejected requests that prove the rule
 */
public record Rule(
    String id,
    Origin origin,
    int status,
    RuleKind kind,
    String source,
    List<String> enforcedBy,
    Optional<String> whenInstance,
    String messageTemplate,
    List<RuleCase> cases) {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{(pointer|property|missing|detail|value)}");

  public Rule {
    enforcedBy = List.copyOf(enforcedBy);
    cases = List.copyOf(cases);
  }

  /** The message with its placeholders filled; an unknown placeholder stays as written. */
  public String message(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(messageTemplate);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A violation of this rule at the given place. */
  public Violation violation(
      Part in, String pointer, String schemaLocation, Map<String, String> values) {
    return new Violation(
        id, origin, Level.ERROR, status, in, pointer, schemaLocation, message(values));
  }

  /** Does a schema error at this location (a {@code #/...} pointer) belong to this rule? */
  boolean enforces(String location) {
    for (String pattern : enforcedBy) {
      if (SpecPointer.matches(pattern, location)) {
        return true;
      }
    }
    return false;
  }
}
