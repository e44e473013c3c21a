package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.PathTemplate;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
      String itemAt = spec.locate("#/paths/" + SpecPointer.escape(p.getKey()));
      JsonNode item = spec.resolve(p.getValue());
      for (String method : METHODS) {
        if (item.has(method)) {
          // an operation given by reference (which Prism and Redocly accept) is read where it is
          String at = spec.locate(itemAt + "/" + method);
          out.add(operation(p.getKey(), item, itemAt, method, at));
        }
      }
    }
    return out;
  }

  private Operation operation(
      String template, JsonNode item, String itemAt, String method, String at) {
    JsonNode op = spec.resolve(item.get(method));
    String id = op.path("operationId").asString(method + " " + template);
    return new Operation(
        id,
        method.toUpperCase(Locale.ROOT),
        new PathTemplate(template),
        at,
        parameters(item, itemAt, op, at),
        body(op, at),
        responses(op, at),
        security(op, at),
        resourceAction(op, at),
        limits(op),
        new RuleCatalogue(
            op.has("x-rule-catalogue")
                ? catalogues.parse(op.get("x-rule-catalogue"), at + "/x-rule-catalogue")
                : List.of()));
  }

  /** The parameters of the path item and the operation; the operation's win by name and place. */
  private List<Parameter> parameters(JsonNode item, String itemAt, JsonNode op, String at) {
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    collect(item.path("parameters"), itemAt + "/parameters", byKey);
    collect(op.path("parameters"), at + "/parameters", byKey);
    return new ArrayList<>(byKey.values());
  }

  private void collect(JsonNode params, String at, Map<String, Parameter> out) {
    for (int i = 0; i < params.size(); i++) {
      JsonNode raw = params.get(i);
      String paramAt = spec.locate(at + "/" + i);
      JsonNode p = spec.resolve(raw);
      Optional<Parameter.In> in = Parameter.In.parse(p.path("in").asString(""));
      String name = p.path("name").asString("");
      if (in.isEmpty() || name.isEmpty()) {
        continue; // not a parameter the kit can place
      }
      if (in.get() == Parameter.In.HEADER
          && List.of("accept", "content-type", "authorization")
              .contains(name.toLowerCase(Locale.ROOT))) {
        // OpenAPI: such header parameters are ignored (the media types and security say them)
        continue;
      }
      Optional<String> schemaAt = Optional.empty();
      Optional<String> mediaType = Optional.empty();
      if (p.has("schema")) {
        schemaAt = Optional.of(paramAt + "/schema");
      } else if (p.path("content").isObject() && !p.path("content").isEmpty()) {
        String mt = p.get("content").propertyNames().iterator().next();
        mediaType = Optional.of(mt.toLowerCase(Locale.ROOT));
        if (p.get("content").get(mt).has("schema")) {
          schemaAt = Optional.of(paramAt + "/content/" + SpecPointer.escape(mt) + "/schema");
        }
      }
      String style = p.path("style").asString(in.get().defaultStyle());
      boolean explode = p.path("explode").asBoolean(style.equals("form"));
      String key = in.get() == Parameter.In.HEADER ? name.toLowerCase(Locale.ROOT) : name;
      out.put(
          in.get().wireName() + ":" + key,
          new Parameter(
              name,
              in.get(),
              in.get() == Parameter.In.PATH || p.path("required").asBoolean(false),
              paramAt,
              schemaAt,
              schemaAt.map(schemas::at),
              style,
              explode,
              p.path("allowReserved").asBoolean(false),
              mediaType));
    }
  }

  private Optional<Body> body(JsonNode op, String at) {
    JsonNode raw = op.get("requestBody");
    if (raw == null) {
      return Optional.empty();
    }
    String bodyAt = spec.locate(at + "/requestBody");
    JsonNode rb = spec.resolve(raw);
    return Optional.of(new Body(rb.path("required").asBoolean(false), bodyAt, content(rb, bodyAt)));
  }

  /** The media types of a request body or response, in the order written. */
  private List<MediaType> content(JsonNode holder, String at) {
    List<MediaType> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> c : holder.path("content").properties()) {
      String name = c.getKey().toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
      String mAt = at + "/content/" + SpecPointer.escape(c.getKey());
      JsonNode m = spec.resolve(c.getValue());
      Optional<String> schemaAt = m.has("schema") ? Optional.of(mAt + "/schema") : Optional.empty();
      out.add(
          new MediaType(
              name,
              MediaType.Family.of(name),
              mAt,
              schemaAt,
              schemaAt.map(schemas::at),
              m.path("encoding")));
    }
    return out;
  }

  private List<Response> responses(JsonNode op, String at) {
    List<Response> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
      String key = r.getKey().trim();
      if (!key.matches("[1-5]([0-9][0-9]|XX|xx)") && !key.equalsIgnoreCase("default")) {
        continue; // an extension (x-...) or a key OpenAPI does not define
      }
      String rAt = spec.locate(at + "/responses/" + SpecPointer.escape(r.getKey()));
      JsonNode resp = spec.resolve(r.getValue());
      List<Response.Header> headers = new ArrayList<>();
      for (Map.Entry<String, JsonNode> h : resp.path("headers").properties()) {
        String hAt = spec.locate(rAt + "/headers/" + SpecPointer.escape(h.getKey()));
        JsonNode header = spec.resolve(h.getValue());
        if (h.getKey().equalsIgnoreCase("content-type")) {
          continue; // OpenAPI: a Content-Type response header is ignored
        }
        Optional<String> schemaAt =
            header.has("schema") ? Optional.of(hAt + "/schema") : Optional.empty();
        headers.add(
            new Response.Header(
                h.getKey(),
                header.path("required").asBoolean(false),
                hAt,
                schemaAt,
                schemaAt.map(schemas::at)));
      }
      out.add(new Response(key.toUpperCase(Locale.ROOT), rAt, content(resp, rAt), headers));
    }
    return out;
  }

  /** The operation's security, else the document's. */
  private Security security(JsonNode op, String at) {
    boolean own = op.has("security");
    JsonNode requirements = own ? op.get("security") : spec.root().path("security");
    String reqAt = own ? at + "/security" : "#/security";
    List<Security.Requirement> alternatives = new ArrayList<>();
    for (int i = 0; i < requirements.size(); i++) {
      List<Security.Scheme> schemes = new ArrayList<>();
      for (String name : (Iterable<String>) requirements.get(i).propertyNames()::iterator) {
        schemes.add(scheme(name, reqAt + "/" + i));
      }
      alternatives.add(new Security.Requirement(schemes));
    }
    return new Security(alternatives);
  }

  private Security.Scheme scheme(String name, String usedAt) {
    String sAt = "#/components/securitySchemes/" + SpecPointer.escape(name);
    JsonNode s =
        spec.node(sAt)
            .map(spec::resolve)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        usedAt
                            + " names the security scheme "
                            + name
                            + ", which components/securitySchemes does not define"));
    String type = s.path("type").asString("");
    String auth = "Authorization";
    return switch (type) {
      case "http" -> {
        String scheme = s.path("scheme").asString("");
        Security.SchemeType kind =
            scheme.equalsIgnoreCase("bearer")
                ? Security.SchemeType.BEARER
                : scheme.equalsIgnoreCase("basic")
                    ? Security.SchemeType.BASIC
                    : Security.SchemeType.HTTP_OTHER;
        yield new Security.Scheme(name, kind, auth, Optional.of(scheme), sAt);
      }
      case "oauth2", "openIdConnect" ->
          new Security.Scheme(name, Security.SchemeType.BEARER, auth, Optional.of("Bearer"), sAt);
      case "apiKey" -> {
        String in = s.path("in").asString("header");
        Security.SchemeType kind =
            switch (in) {
              case "query" -> Security.SchemeType.API_KEY_QUERY;
              case "cookie" -> Security.SchemeType.API_KEY_COOKIE;
              default -> Security.SchemeType.API_KEY_HEADER;
            };
        yield new Security.Scheme(name, kind, s.path("name").asString(auth), Optional.empty(), sAt);
      }
      case "mutualTLS" ->
          new Security.Scheme(name, Security.SchemeType.MUTUAL_TLS, "", Optional.empty(), sAt);
      default ->
          throw new IllegalStateException(
              sAt + " has the type " + type + ", which OpenAPI does not define");
    };
  }

  /** Where a Reference Object points (the {@code #/...} of a bundled document). */
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
    return MediaType.isJson(mediaType);
  }
}
