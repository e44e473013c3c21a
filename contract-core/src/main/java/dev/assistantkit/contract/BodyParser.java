package dev.assistantkit.contract;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns body bytes into a JSON tree, or into exactly one violation saying why it cannot.
 *
 * <p>Strict on purpose: UTF-8 only, no duplicate keys, nothing after the value, and the limits of
 * {@code x-request-limits}. Messages never quote the body, since it may hold a secret.
 */
final class BodyParser {

  private static final Pattern DUPLICATE =
      Pattern.compile("Duplicate Object property \"([^\"]{0,64})");

  private final JsonMapper mapper;
  private final SpecDocument.RequestLimits limits;
  private final RuleCatalogue rules;

  BodyParser(SpecDocument.RequestLimits limits, RuleCatalogue rules) {
    this.limits = limits;
    this.rules = rules;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxNumberLength(limits.maxNumberLength())
                    .maxStringLength(limits.maxStringLength())
                    .maxDocumentLength(limits.maxBodyBytes())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    this.mapper =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** Either a tree or a violation. */
  record Parsed(JsonNode tree, Violation violation) {}

  Parsed parse(byte[] body) {
    if (body.length > limits.maxBodyBytes()) {
      return failed(
          "body.limits",
          "the body is "
              + body.length
              + " bytes; at most "
              + limits.maxBodyBytes()
              + " are accepted");
    }
    java.util.Optional<String> decoded = Utf8.decode(body);
    if (decoded.isEmpty()) {
      return failed("body.json-syntax", "the body is not valid UTF-8");
    }
    String text = decoded.get();
    try {
      return new Parsed(mapper.readTree(text), null);
    } catch (StreamConstraintsException e) {
      return failed("body.limits", constraintDetail(e));
    } catch (JacksonException e) {
      Matcher dup = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (dup.find()) {
        return failed("body.duplicate-key", dup.group(1));
      }
      return failed("body.json-syntax", syntaxDetail(e));
    }
  }

  private String constraintDetail(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("nesting depth")) {
      return "objects and arrays nest more than " + limits.maxNestingDepth() + " deep";
    }
    if (m.contains("Number value length") || m.contains("number")) {
      return "a number is longer than " + limits.maxNumberLength() + " digits";
    }
    if (m.contains("String value length") || m.contains("string")) {
      return "a string is longer than " + limits.maxStringLength() + " characters";
    }
    return "the body is longer than " + limits.maxBodyBytes() + " bytes";
  }

  private static String syntaxDetail(JacksonException e) {
    String m = String.valueOf(e.getOriginalMessage());
    String what;
    if (m.startsWith("Unexpected end-of-input") || m.contains("end-of-input")) {
      what = "the body ends before the JSON value is complete";
    } else if (m.contains("No content to map") || m.contains("No content")) {
      what = "the body is empty";
    } else if (m.contains("Trailing token")) {
      what = "there is more after the JSON value";
    } else if (m.contains("Illegal unquoted character") || m.contains("control character")) {
      what = "a string holds a raw control character; escape it";
    } else {
      what = "unexpected input";
    }
    TokenStreamLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      what += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return what;
  }

  private Parsed failed(String ruleId, String detail) {
    Rule rule = rules.get(ruleId);
    return new Parsed(
        null, rule.violation(Part.BODY, "", rule.enforcedBy().get(0), Map.of("detail", detail)));
  }
}
