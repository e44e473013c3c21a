package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.EngineRules;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.JsonTrees;
import dev.assistantkit.contract.spec.Utf8;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns body bytes into a JSON tree, or says why it cannot: which rule, and a detail that never
 * quotes the body (it may hold a secret).
 *
 * <p>The strict reader keeps the operation's {@code x-request-limits} and refuses duplicate keys
 * and text that is not valid Unicode (an unpaired surrogate escape); the lenient one (the
 * documented reading) reads as a common JSON library would: the last of duplicate keys wins,
 * unpaired surrogates pass and only generous limits apply. Both want UTF-8 and nothing after the
 * value, and both read every number, whatever its exponent ({@link JsonTrees}).
 */
final class BodyReader {

  private static final Pattern DUPLICATE =
      Pattern.compile("Duplicate Object property \"([^\"]{0,64})");

  /**
   * A parsed body, or the rule it breaks.
   *
   * @param tree the value as sent, when it parsed (to store)
   * @param judged the value as the schemas judge it ({@link JsonTrees.JsonRead#judged()})
   * @param check the engine check that failed, when it did not
   * @param detail what is wrong, for the rule's message
   */
  record Read(JsonNode tree, JsonNode judged, EngineRules.Check check, String detail) {
    boolean ok() {
      return tree != null;
    }

    static Read refused(EngineRules.Check check, String detail) {
      return new Read(null, null, check, detail);
    }
  }

  private final JsonMapper mapper;
  private final Operation.RequestLimits limits;
  private final boolean strict;

  private BodyReader(Operation.RequestLimits limits, boolean strict) {
    this.limits = limits;
    this.strict = strict;
    var factory =
        JsonMappers.factory()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxNumberLength(limits.maxNumberLength())
                    .maxStringLength(limits.maxStringLength())
                    .maxDocumentLength(limits.maxBodyBytes())
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    if (strict) {
      factory.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
    // the tree is built by JsonTrees: numbers are kept as sent (1e999999 stays that number, not
    // "Infinity"; 1E+2147483648 is read, not a NumberFormatException)
    this.mapper = JsonMapper.builder(factory.build()).build();
  }

  /** The reader of the strict profile: the operation's own limits. */
  static BodyReader strict(Operation.RequestLimits limits) {
    return new BodyReader(limits, true);
  }

  /** The reader of the documented reading: generous limits, duplicates allowed. */
  static BodyReader lenient(Operation.RequestLimits limits) {
    int bytes = Math.max(limits.maxBodyBytes(), 16 << 20);
    return new BodyReader(
        new Operation.RequestLimits(bytes, Math.max(limits.maxNestingDepth(), 512), 10_000, bytes),
        false);
  }

  /** The most bytes of a body this reader takes. */
  int maxBodyBytes() {
    return limits.maxBodyBytes();
  }

  /** Why a body of any media type is over this reader's size limit, if it is. */
  Optional<String> overLimit(byte[] body) {
    if (body.length <= limits.maxBodyBytes()) {
      return Optional.empty();
    }
    return Optional.of(
        "the body is "
            + body.length
            + " bytes; at most "
            + limits.maxBodyBytes()
            + " are accepted");
  }

  Read read(byte[] body) {
    Optional<String> over = overLimit(body);
    if (over.isPresent()) {
      return Read.refused(EngineRules.Check.LIMITS, over.get());
    }
    Optional<String> text = Utf8.decode(body);
    if (text.isEmpty()) {
      return Read.refused(EngineRules.Check.JSON_SYNTAX, "the body is not valid UTF-8");
    }
    try (JsonParser p = mapper.createParser(text.get())) {
      Optional<JsonTrees.JsonRead> read = JsonTrees.read(p);
      if (read.isEmpty()) {
        return Read.refused(EngineRules.Check.JSON_SYNTAX, "the body is empty");
      }
      if (p.nextToken() != null) {
        return Read.refused(EngineRules.Check.JSON_SYNTAX, "there is more after the JSON value");
      }
      if (strict && read.get().notUnicode().isPresent()) {
        return Read.refused(EngineRules.Check.TEXT_UNICODE, read.get().notUnicode().get());
      }
      return new Read(read.get().tree(), read.get().judged(), null, null);
    } catch (StreamConstraintsException e) {
      return Read.refused(EngineRules.Check.LIMITS, constraintDetail(e));
    } catch (JacksonException e) {
      if (strict && String.valueOf(e.getOriginalMessage()).contains("surrogate")) {
        // Jackson itself refuses a name whose high surrogate has no low one
        return Read.refused(EngineRules.Check.TEXT_UNICODE, "a name holds an unpaired surrogate");
      }
      if (strict) {
        Matcher dup = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (dup.find()) {
          return Read.refused(EngineRules.Check.DUPLICATE_KEY, dup.group(1));
        }
      }
      return Read.refused(EngineRules.Check.JSON_SYNTAX, syntaxDetail(e));
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
    if (m.contains("end-of-input")) {
      what = "the body ends before the JSON value is complete";
    } else if (m.contains("No content")) {
      what = "the body is empty";
    } else if (m.contains("Trailing token")) {
      what = "there is more after the JSON value";
    } else if (m.contains("surrogate")) {
      what = "a name holds an unpaired surrogate";
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
}
