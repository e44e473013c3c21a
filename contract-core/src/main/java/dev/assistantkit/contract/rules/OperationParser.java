package dev.assistantkit.contract.rules;

import com.networknt.schema.Schema;
import dev.assistantkit.contract.spec.PathTemplate;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads every operation of {@code paths}. */
public final class OperationParser {

  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final SpecDocument spec;
  private final SchemaSet schemas;
  private final Map<String, ResourceModel> resources;
  private final CatalogueParser catalogues;

  public OperationParser(
      SpecDocument spec, SchemaSet schemas, Map<String, ResourceModel> resources) {
    this.spec = spec;
    this.schemas = schemas;
    this.resources = resources;
    this.catalogues = new CatalogueParser(spec);
  }

  public List<Operation> parse() {
    List<Operation> out = new ArrayList<>();
    JsonNode paths = spec.node("#/paths").orElse(null);
    if (paths == null || !paths.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> p : paths.properties()) {
      // a path item, or an operation, may be a reference (to a part of a bundled file):
      // locations below it are built from where the references lead
      String itemAt = spec.locate("#/paths/" + SpecPointer.escape(p.getKey()));
      JsonNode item = spec.require(itemAt);
      for (String method : METHODS) {
        if (item.has(method)) {
          String at = spec.locate(itemAt + "/" + method);
          out.add(operation(p.getKey(), item, itemAt, spec.require(at), method, at));
        }
      }
    }
    return out;
  }

  private Operation operation(
      String template, JsonNode item, String itemAt, JsonNode op, String method, String at) {
    String id = op.path("operationId").asString(method + " " + template);
    return new Operation(
        id,
        method.toUpperCase(Locale.ROOT),
        new PathTemplate(template),
        at,
        pathParameters(item, itemAt, op, at),
        body(op, at),
        responses(op, at),
        bearer(op),
        resourceAction(op, at),
        limits(op),
        new RuleCatalogue(
            op.has("x-rule-catalogue")
                ? catalogues.parse(op.get("x-rule-catalogue"), at + "/x-rule-catalogue")
                : List.of()));
  }

  /** Path parameters of the path item and the operation; the operation's win by name. */
  private List<Operation.PathParameter> pathParameters(
      JsonNode item, String itemAt, JsonNode op, String at) {
    Map<String, Operation.PathParameter> byName = new LinkedHashMap<>();
    collect(item.path("parameters"), itemAt + "/parameters", byName);
    collect(op.path("parameters"), at + "/parameters", byName);
    return new ArrayList<>(byName.values());
  }

  private void collect(JsonNode params, String at, Map<String, Operation.PathParameter> out) {
    for (int i = 0; i < params.size(); i++) {
      String paramAt = spec.locate(at + "/" + i);
      JsonNode p = spec.require(paramAt);
      if (!"path".equals(p.path("in").asString("")) || !p.has("schema")) {
        continue;
      }
      String schemaAt = paramAt + "/schema";
      out.put(
          p.get("name").asString(),
          new Operation.PathParameter(p.get("name").asString(), schemaAt, schemas.at(schemaAt)));
    }
  }

  private Optional<Operation.Body> body(JsonNode op, String at) {
    JsonNode raw = op.get("requestBody");
    if (raw == null) {
      return Optional.empty();
    }
    String bodyAt = spec.locate(at + "/requestBody");
    JsonNode rb = spec.require(bodyAt);
    Set<String> types = new LinkedHashSet<>();
    rb.path("content").propertyNames().forEach(t -> types.add(t.toLowerCase(Locale.ROOT)));
    String json = types.stream().filter(OperationParser::isJson).findFirst().orElse(null);
    if (json == null) {
      throw new IllegalStateException(
          bodyAt + " has no JSON media type; only JSON bodies are read");
    }
    String schemaAt = bodyAt + "/content/" + SpecPointer.escape(json) + "/schema";
    return Optional.of(
        new Operation.Body(
            rb.path("required").asBoolean(false), types, schemaAt, schemas.at(schemaAt)));
  }

  private Map<Integer, Optional<Schema>> responses(JsonNode op, String at) {
    Map<Integer, Optional<Schema>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
      if (!r.getKey().matches("[1-5][0-9][0-9]")) {
        continue;
      }
      String rAt = spec.locate(at + "/responses/" + SpecPointer.escape(r.getKey()));
      JsonNode resp = spec.require(rAt);
      Optional<Schema> schema = Optional.empty();
      for (Map.Entry<String, JsonNode> c : resp.path("content").properties()) {
        if (isJson(c.getKey()) && c.getValue().has("schema")) {
          schema =
              Optional.of(
                  schemas.at(rAt + "/content/" + SpecPointer.escape(c.getKey()) + "/schema"));
          break;
        }
      }
      out.put(Integer.parseInt(r.getKey()), schema);
    }
    return out;
  }

  /** Bearer credentials: the operation's security, else the document's. */
  private boolean bearer(JsonNode op) {
    JsonNode security = op.has("security") ? op.get("security") : spec.root().path("security");
    for (JsonNode requirement : security) {
      for (String scheme : (Iterable<String>) requirement.propertyNames()::iterator) {
        JsonNode s =
            spec.node("#/components/securitySchemes/" + SpecPointer.escape(scheme)).orElse(null);
        if (s != null
            && "http".equals(s.path("type").asString(""))
            && "bearer".equalsIgnoreCase(s.path("scheme").asString(""))) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<Operation.ResourceAction> resourceAction(JsonNode op, String at) {
    JsonNode r = op.get("x-resource");
    if (r == null) {
      return Optional.empty();
    }
    String rAt = at + "/x-resource";
    String name = r.path("name").asString("");
    ResourceModel model = resources.get(name);
    if (model == null) {
      throw new IllegalStateException(
          rAt + " names the resource " + name + ", which components/x-resources does not define");
    }
    Map<String, String> fill = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : r.path("answer").path("fill").properties()) {
      fill.put(f.getKey(), f.getValue().asString());
    }
    String example = r.path("answer").path("example").asString("");
    if (example.isEmpty()) {
      throw new IllegalStateException(rAt + "/answer needs an example");
    }
    return Optional.of(
        new Operation.ResourceAction(
            model,
            Operation.Action.valueOf(r.path("action").asString("").toUpperCase(Locale.ROOT)),
            r.path("id-parameter").asString(""),
            spec.exampleValue(example),
            fill,
            rAt + "/answer/fill"));
  }

  private static Operation.RequestLimits limits(JsonNode op) {
    JsonNode l = op.get("x-request-limits");
    if (l == null) {
      return Operation.RequestLimits.DEFAULT;
    }
    Operation.RequestLimits d = Operation.RequestLimits.DEFAULT;
    return new Operation.RequestLimits(
        l.path("max-body-bytes").asInt(d.maxBodyBytes()),
        l.path("max-nesting-depth").asInt(d.maxNestingDepth()),
        l.path("max-number-length").asInt(d.maxNumberLength()),
        l.path("max-string-length").asInt(d.maxStringLength()));
  }

  public static boolean isJson(String mediaType) {
    String t = mediaType.toLowerCase(Locale.ROOT);
    return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
  }
}
