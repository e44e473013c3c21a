package dev.assistantkit.contract.judging;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.assistantkit.contract.evaluation.Evaluator;
import dev.assistantkit.contract.rules.EngineRules;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.OperationParser;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Response;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an answer against what the operation declares: a declared status, a JSON body matching
 * that status's schema, and the values the answer must echo ({@code x-resource} fills from the
 * path). Each check reports the rule {@code x-engine-rules} names for it.
 */
public final class ResponseChecks {

  private static final JsonMapper JSON = JsonMappers.plain();

  private final EngineRules engine;
  private final SchemaSet schemas;

  private final java.util.function.Function<String, JsonNode> effectiveAt;

  public ResponseChecks(EngineRules engine, SchemaSet schemas) {
    this(engine, schemas, location -> null);
  }

  /**
   * @param effectiveAt the effective schema at a location (null when there is none): what tells a
   *     writeOnly property, which an answer leaves out even when it is required
   */
  public ResponseChecks(
      EngineRules engine,
      SchemaSet schemas,
      java.util.function.Function<String, JsonNode> effectiveAt) {
    this.engine = engine;
    this.schemas = schemas;
    this.effectiveAt = effectiveAt;
  }

  /** Whether the property a {@code required} error names is writeOnly (never in an answer). */
  private boolean writeOnly(Error e) {
    String at = SchemaSet.location(e);
    if (e.getProperty() == null || !at.endsWith("/required")) {
      return false;
    }
    try {
      JsonNode p =
          effectiveAt.apply(
              at.substring(0, at.length() - "/required".length())
                  + "/properties/"
                  + SpecPointer.escape(e.getProperty()));
      return p != null && p.path("writeOnly").asBoolean(false);
    } catch (RuntimeException notThere) {
      return false;
    }
  }

  public List<Finding> check(
      Operation op, Map<String, String> parameters, Observed answer, Set<String> skipGroups) {
    List<Finding> out = new ArrayList<>();
    int status = answer.status();
    boolean success = status / 100 == 2;
    // OpenAPI: a status is declared by its code, by its range (4XX), or by the default response
    if (!op.declares(status)) {
      add(
          out,
          EngineRules.Check.STATUS_DECLARED,
          op,
          skipGroups,
          Map.of(
              "detail",
              "HTTP " + status,
              "value",
              String.join(", ", op.responses().stream().map(r -> r.key()).toList())),
          "");
      return out;
    }
    EngineRules.Check bodyCheck =
        success ? EngineRules.Check.SUCCESS_BODY : EngineRules.Check.ERROR_BODY;
    EngineRules.Check jsonCheck = success ? EngineRules.Check.RESPONSE_JSON : bodyCheck;
    String type =
        answer.contentType() == null
            ? ""
            : answer.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    Optional<Response> declared = op.response(status);
    if (declared.isPresent() && !declared.get().content().isEmpty() && !type.isEmpty()) {
      Optional<MediaType> media = declared.get().media(type);
      if (media.isPresent() && media.get().kind() != MediaType.Family.JSON) {
        // a media type the response declares and the kit does not read (an image, a text):
        // passed without a verdict on its content
        return out;
      }
    }
    if (declared.isPresent()
        && declared.get().content().stream().noneMatch(m -> m.kind() == MediaType.Family.JSON)) {
      // a response the document declares without a JSON body (a 204, a file, text): no JSON to
      // judge; where it names media types, the answer's must be one of them
      if (!declared.get().content().isEmpty()
          && declared.get().media(type.isEmpty() ? null : type).isEmpty()) {
        add(
            out,
            EngineRules.Check.RESPONSE_JSON,
            op,
            skipGroups,
            Map.of("detail", type.isEmpty() ? "no Content-Type" : "Content-Type " + clip(type)),
            "/Content-Type");
      }
      return out;
    }
    if (!OperationParser.isJson(type)) {
      add(
          out,
          jsonCheck,
          op,
          skipGroups,
          Map.of("detail", type.isEmpty() ? "no Content-Type" : "Content-Type " + clip(type)),
          "/Content-Type");
    }
    if (answer.truncated()) {
      return out; // a body cut at the kept size is not judged as JSON
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(answer.body());
    } catch (JacksonException e) {
      tree = null;
    }
    if (tree == null || tree.isMissingNode()) {
      add(
          out,
          jsonCheck,
          op,
          skipGroups,
          Map.of(
              "detail",
              answer.body().length == 0 ? "the body is empty" : "the body is not valid JSON",
              "pointer",
              "the body"),
          "");
      return out;
    }
    Optional<Schema> schema = op.responseSchema(status);
    if (schema.isPresent()) {
      List<Error> errors;
      try {
        errors = schemas.validate(schema.get(), tree);
      } catch (SchemaSet.TooComplex e) {
        errors = List.of();
        add(
            out,
            bodyCheck,
            op,
            skipGroups,
            Map.of(
                "pointer",
                "the body",
                "detail",
                "is too complex to validate",
                "value",
                Integer.toString(status)),
            "");
      }
      // a value that breaks the page's own type is not also judged by a decided keyword on it
      Rule bodyRule = engine.rule(bodyCheck, op);
      Set<String> documentedAt = new java.util.HashSet<>();
      for (Error e : errors) {
        if (bodyRule.originAt(SchemaSet.location(e)).orElse(bodyRule.origin())
            == Origin.DOCUMENTED) {
          documentedAt.add(e.getInstanceLocation().toString());
        }
      }
      for (Error e : errors) {
        if ("required".equals(e.getKeyword()) && writeOnly(e)) {
          continue; // OpenAPI: a required writeOnly property is required in requests only
        }
        String pointer = e.getInstanceLocation().toString();
        if (bodyRule.originAt(SchemaSet.location(e)).orElse(bodyRule.origin()) != Origin.DOCUMENTED
            && documentedAt.contains(pointer)) {
          continue;
        }
        if (e.getProperty() != null && "required".equals(e.getKeyword())) {
          pointer = pointer + "/" + SpecPointer.escape(e.getProperty());
        }
        add(
            out,
            bodyCheck,
            op,
            skipGroups,
            Map.of(
                "pointer",
                pointer.isEmpty() ? "the body" : pointer,
                "detail",
                keywordDetail(e),
                "value",
                Integer.toString(status)),
            SchemaSet.location(e));
      }
    }
    if (success && op.resource().isPresent()) {
      for (Map.Entry<String, String> f : op.resource().get().fill().entrySet()) {
        if (!f.getValue().startsWith("path.")) {
          continue;
        }
        String want = parameters.getOrDefault(f.getValue().substring(5), "");
        JsonNode got = tree.at(f.getKey());
        if (got.isString() && !got.asString().equalsIgnoreCase(want)) {
          add(
              out,
              EngineRules.Check.ECHO,
              op,
              skipGroups,
              Map.of("pointer", f.getKey(), "detail", clip(got.asString())),
              f.getKey());
        }
      }
    }
    return out;
  }

  private void add(
      List<Finding> out,
      EngineRules.Check check,
      Operation op,
      Set<String> skipGroups,
      Map<String, String> values,
      String schemaLocation) {
    Rule rule = engine.rule(check, op);
    String group = rule.group().orElse("");
    if (skipGroups.contains(group)) {
      return;
    }
    // a location of the rule the catalogue marks decided keeps that origin (e.g. success: true)
    Origin origin =
        schemaLocation.startsWith("#")
            ? rule.originAt(schemaLocation).orElse(rule.origin())
            : rule.origin();
    out.add(new Finding(rule.id(), origin, group, rule.message(values)));
  }

  private static String keywordDetail(Error e) {
    String k = e.getKeyword() == null ? "" : e.getKeyword();
    return switch (k) {
      case "required" -> "is missing";
      case "type" -> {
        Object[] a = e.getArguments();
        yield a != null && a.length > 1 ? "is " + a[0] + ", not " + a[1] : "has the wrong type";
      }
      case "format" -> "is not in the declared format";
      case "enum", "const" -> "is not an allowed value";
      default -> "breaks " + k;
    };
  }

  /** Whole or not at all: a clipped quote could show the start of a secret the masks miss. */
  private static String clip(String s) {
    return Evaluator.printable(s, 80);
  }
}
