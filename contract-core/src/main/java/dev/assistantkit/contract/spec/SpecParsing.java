package dev.assistantkit.contract.spec;

import java.util.Locale;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Text to tree and back, within {@link SpecLimits}. YAML aliases are replayed (so {@code *name} and
 * {@code <<: *name} mean what YAML says, where Jackson's plain YAML parser gives the anchor's name
 * as a string), and every replayed token counts against the limit: a billion-laughs document stops
 * at {@code maxNodes} tokens (and Jackson refuses any one anchor of more than 9,999 events).
 * snakeyaml-engine's own code-point limit (3 MiB by default) is raised to the byte limit.
 */
final class SpecParsing {

  /**
   * A parsed text.
   *
   * @param tree its top node (null for an empty text)
   * @param tokens how many tokens the parser produced, aliases replayed
   */
  record Parsed(JsonNode tree, long tokens) {}

  /** The readers of the default limits, built once (JSON's only when a JSON file is read). */
  private static final class Defaults {
    static final ObjectMapper YAML = yamlReader(SpecLimits.DEFAULT);
  }

  private static final class DefaultJson {
    static final ObjectMapper JSON = jsonReader(SpecLimits.DEFAULT);
  }

  /** The writer, built when a bundled document is first written. */
  private static final class Writer {
    static final YAMLMapper YAML =
        YAMLMapper.builder(
                YAMLFactory.builder()
                    .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                    .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                    .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
                    .stringQuotingChecker(new Quoting())
                    .build())
            .build();
  }

  private SpecParsing() {}

  /**
   * Jackson's quoting, and quotes on every string that begins like a number, a date or a time
   * ({@code 1.0.0}, {@code 2010-10-22T00:00:00+00:00}): YAML 1.1 readers such as js-yaml, which
   * Swagger UI uses, would otherwise read those as numbers or dates.
   */
  private static final class Quoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value)
          || (!value.isEmpty() && "0123456789+-.".indexOf(value.charAt(0)) >= 0);
    }
  }

  /**
   * Parses YAML (or, with {@code json}, strict JSON) text.
   *
   * @param where the file's name, for messages
   * @throws SpecLoadException for text that is not YAML/JSON or crosses a limit
   */
  static Parsed parse(String text, boolean json, String where, SpecLimits limits) {
    ObjectMapper mapper = reader(json, limits);
    try (JsonParser p = mapper.createParser(text)) {
      JsonNode tree = mapper.readTree(p);
      return new Parsed(tree == null || tree.isMissingNode() ? null : tree, p.currentTokenCount());
    } catch (StreamConstraintsException e) {
      throw constraint(e, where, limits);
    } catch (JacksonException e) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("exceeds the limit") && m.contains("code points")) {
        throw new SpecLoadException(
            SpecLoadException.Reason.TOO_LARGE,
            where,
            "the text is longer than " + limits.maxBytes() + " characters");
      }
      throw new SpecLoadException(
          SpecLoadException.Reason.NOT_YAML,
          where,
          "the spec is not valid " + (json ? "JSON" : "YAML") + at(e) + ": " + m);
    }
  }

  /** Where the parser stopped, {@code " at line L, column C"}, when it says. */
  private static String at(JacksonException e) {
    var location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line "
        + location.getLineNr()
        + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "");
  }

  private static ObjectMapper reader(boolean json, SpecLimits limits) {
    if (limits.equals(SpecLimits.DEFAULT)) {
      return json ? DefaultJson.JSON : Defaults.YAML;
    }
    return json ? jsonReader(limits) : yamlReader(limits);
  }

  private static SpecLoadException constraint(
      StreamConstraintsException e, String where, SpecLimits limits) {
    String m = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("nesting depth")) {
      return new SpecLoadException(
          SpecLoadException.Reason.TOO_DEEP,
          where,
          "the text is nested deeper than " + limits.maxDepth() + " levels");
    }
    if (m.contains("length")) {
      return new SpecLoadException(
          SpecLoadException.Reason.TOO_LARGE, where, "a value or name is too long: " + m);
    }
    return new SpecLoadException(
        SpecLoadException.Reason.TOO_MANY_NODES,
        where,
        "the text expands to more than "
            + limits.maxNodes()
            + " nodes or replays too much through YAML aliases (a billion-laughs document?): "
            + e.getOriginalMessage());
  }

  /** The tree as YAML: block style, lists indented under their key, no {@code ---}. */
  static String yaml(JsonNode tree) {
    return Writer.YAML.writeValueAsString(tree);
  }

  private static StreamReadConstraints constraints(SpecLimits limits) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxDepth())
        .maxTokenCount(limits.maxNodes())
        .build();
  }

  private static ObjectMapper yamlReader(SpecLimits limits) {
    int codePoints = (int) Math.min(Integer.MAX_VALUE, limits.maxBytes());
    return new YAMLMapper(
        YAMLAnchorReplayingFactory.builder()
            .streamReadConstraints(constraints(limits))
            .loadSettings(LoadSettings.builder().setCodePointLimit(codePoints).build())
            .build());
  }

  private static ObjectMapper jsonReader(SpecLimits limits) {
    return JsonMapper.builder(
            JsonFactory.builder().streamReadConstraints(constraints(limits)).build())
        .build();
  }
}
