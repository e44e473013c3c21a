package dev.assistantkit.contract.evaluation;

import com.networknt.schema.Schema;
import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.rules.EngineRules;
import dev.assistantkit.contract.rules.ErrorMapper;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleBook;
import dev.assistantkit.contract.rules.RuleCatalogue;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.StateShape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes the stages of a request under each reading. The only place where a request is judged:
 * {@link Predictor} hands it the route and the assumptions, and it fills in a {@link Decision}.
 */
public final class Evaluator {

  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");
  private static final Pattern PREFER_CODE =
      Pattern.compile("(?i)(?:^|[;,\\s])code\\s*=\\s*\"?([^;,\"\\s]*)");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What is prepared per operation at load. */
  private record Prepared(
      BodyReader strictReader,
      BodyReader lenientReader,
      ErrorMapper mapper,
      Optional<Schema> context,
      Set<String> contextKeys,
      Optional<StateShape> shape) {}

  /** Verdicts of the state rules by the shape of what they saw; bounded, cleared when full. */
  private final java.util.concurrent.ConcurrentHashMap<String, ValidationReport> stateVerdicts =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Verdicts of path parameters by value (ids repeat); bounded, cleared when full. */
  private final java.util.concurrent.ConcurrentHashMap<String, List<Violation>> parameterVerdicts =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int CACHE_ENTRIES = 4096;

  private final RuleBook rules;
  private final Decision.Basis basis;
  private final EngineRules engine;
  private final SchemaSet schemas;
  private final Map<String, Prepared> prepared = new HashMap<>();

  public Evaluator(RuleBook rules, SchemaSet schemas, SpecDocument spec, Decision.Basis basis) {
    this.rules = rules;
    this.basis = basis;
    this.engine = rules.engine();
    this.schemas = schemas;
    for (Operation op : rules.operations()) {
      // the state rules judge updates; a read has nothing for them to judge
      Optional<ResourceModel.Context> ctx =
          op.resource()
              .filter(r -> r.action() == Operation.Action.UPDATE)
              .flatMap(r -> r.resource().context());
      List<RuleCatalogue> catalogues = new ArrayList<>();
      catalogues.add(op.rules());
      catalogues.add(engine.global());
      rules.operations().forEach(o -> catalogues.add(o.rules()));
      prepared.put(
          op.location(),
          new Prepared(
              BodyReader.strict(op.limits()),
              BodyReader.lenient(op.limits()),
              new ErrorMapper(catalogues),
              ctx.map(c -> schemas.at(c.schemaLocation())),
              ctx.map(c -> namesIn(spec.require(c.schemaLocation()))).orElse(Set.of()),
              ctx.flatMap(c -> StateShape.of(spec, c.schemaLocation(), c.updateProperty()))));
    }
  }

  /** Every property name a schema mentions (in properties and required): the state-rule fields. */
  private static Set<String> namesIn(JsonNode schema) {
    Set<String> out = new TreeSet<>();
    collectNames(schema, out);
    return Set.copyOf(out);
  }

  private static void collectNames(JsonNode n, Set<String> out) {
    if (n.isObject()) {
      n.path("properties").propertyNames().forEach(out::add);
      n.path("required").forEach(r -> out.add(r.asString()));
      for (JsonNode child : n.values()) {
        collectNames(child, out);
      }
    } else if (n.isArray()) {
      n.forEach(c -> collectNames(c, out));
    }
  }

  // ------------------------------------------------------------------ fixed answers

  /** The decision for a request that names no operation, or not with its method. */
  public Decision routeFailure(ApiRequest request, Route route) {
    ValidationReport report;
    List<Map.Entry<String, String>> headers = List.of();
    int status;
    if (route instanceof Route.MethodNotAllowed m) {
      Rule rule = engine.rule(EngineRules.Check.METHOD_NOT_ALLOWED, null);
      String allow = String.join(", ", m.allowed());
      report =
          ValidationReport.of(
              rule.violation(
                  Part.PATH, "", Map.of("detail", printable(m.method(), 16), "value", allow)));
      headers = List.of(Map.entry("Allow", allow));
      status = rule.status();
    } else {
      Rule rule = engine.rule(EngineRules.Check.UNKNOWN_ROUTE, null);
      report =
          ValidationReport.of(
              rule.violation(Part.PATH, "", Map.of("detail", printable(request.path(), 80))));
      status = rule.status();
    }
    Answer answer = basis.answers().error(null, status, report, headers);
    return new Decision(
        basis,
        request,
        route,
        new Decision.Assumption(null, null),
        Optional.of(answer),
        report,
        () -> null,
        () -> null);
  }

  /** A {@code Prefer: code=NNN} mock control, if the request carries one. */
  public Optional<Decision> forced(ApiRequest request, Route.Matched route, Knowledge knowledge) {
    Optional<String> code = Optional.empty();
    for (String prefer : request.headers().all("Prefer")) {
      Matcher m = PREFER_CODE.matcher(prefer);
      if (m.find()) {
        code = Optional.of(m.group(1));
        break;
      }
    }
    if (code.isEmpty()) {
      return Optional.empty();
    }
    Operation op = route.operation();
    Set<Integer> declared = op.declaredStatuses();
    String c = code.get();
    int status = c.matches("[1-5][0-9][0-9]") ? Integer.parseInt(c) : -1;
    Answer answer;
    ValidationReport report = ValidationReport.empty();
    if (!declared.contains(status)) {
      Rule rule = engine.rule(EngineRules.Check.PREFER, op);
      report =
          ValidationReport.of(
              rule.violation(
                  Part.HEADER,
                  "/Prefer",
                  Map.of(
                      "detail",
                      "code=" + printable(c, 12),
                      "value",
                      String.join(", ", declared.stream().map(String::valueOf).toList()))));
      answer = basis.answers().error(op, rule.status(), report, List.of());
    } else if (status / 100 == 2) {
      Optional<ResourceState> state = Optional.empty();
      if (op.resource().isPresent()) {
        Operation.ResourceAction a = op.resource().get();
        Knowledge.ResourceView v =
            knowledge.resource(
                a.resource().name(), route.parameters().getOrDefault(a.idParameter(), ""));
        if (v instanceof Knowledge.Present p) {
          state = Optional.of(p.state());
        }
      }
      answer = basis.answers().success(op, route.parameters(), state);
    } else {
      answer = forcedError(op, route, status);
    }
    return Optional.of(
        new Decision(
            basis,
            request,
            route,
            new Decision.Assumption(null, null),
            Optional.of(answer),
            report,
            () -> null,
            () -> null));
  }

  /**
   * A forced error: the spec's example of that status, with the messages of rules that name the
   * path's id re-rendered for the id the request named.
   */
  private Answer forcedError(Operation op, Route.Matched route, int status) {
    Optional<JsonNode> example = basis.answers().example(op, status);
    String id =
        op.resource().map(a -> route.parameters().getOrDefault(a.idParameter(), "")).orElse("");
    if (example.isEmpty() || !example.get().isObject()) {
      return basis.answers().error(op, status, ValidationReport.empty(), List.of());
    }
    JsonNode body = example.get();
    for (JsonNode e : body.path("errors")) {
      Optional<Rule> rule = op.rules().find(e.path("rule").asString(""));
      if (e.isObject() && rule.isPresent() && rule.get().messageTemplate().contains("{value}")) {
        ((ObjectNode) e).put("message", rule.get().message(Map.of("value", printable(id, 80))));
      }
    }
    return new Answer(status, List.of(), JsonMappers.plain().writeValueAsBytes(body));
  }

  // ------------------------------------------------------------------ stages

  /** The token of a well-formed bearer Authorization header, if there is exactly one. */
  public static Optional<String> bearerToken(ApiRequest request) {
    List<String> values = request.headers().all("Authorization");
    if (values.size() != 1) {
      return Optional.empty();
    }
    Matcher m = BEARER.matcher(values.get(0).trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public Stages stages(
      ApiRequest request, Route.Matched route, Decision.Assumption assumption, Profile reading) {
    Operation op = route.operation();
    Prepared p = prepared.get(op.location());
    Map<Stage, ValidationReport> reports = new EnumMap<>(Stage.class);
    if (op.bearer()) {
      reports.put(Stage.CREDENTIALS, credentials(op, request, assumption.key()));
    }
    RequestRead read;
    if (reading == Profile.STRICT) {
      read = strictRequest(op, p, request, route.parameters());
      if (!read.report().isEmpty()) {
        // strict is the page and the decisions: a null where the page needs a value breaks the
        // page's rule too, which only the documented reading sees (a null is an absent field
        // there), so the answer names both; also a page rule of the state it would break
        RequestRead doc = documentedRequest(op, p, request, route.parameters());
        ValidationReport named = read.report().merge(doc.report());
        if (doc.report().isEmpty()
            && doc.body() != null
            && assumption.resource() instanceof Knowledge.Present pr
            && p.context().isPresent()) {
          named =
              named.merge(
                  state(op, p, pr.state(), doc.judged())
                      .where(v -> v.origin() == Origin.DOCUMENTED));
        }
        read = new RequestRead(named, read.body(), read.judged());
      }
    } else {
      read = documentedRequest(op, p, request, route.parameters());
    }
    reports.put(Stage.REQUEST, read.report());
    Optional<ResourceState> present = Optional.empty();
    if (op.resource().isPresent()) {
      Operation.ResourceAction action = op.resource().get();
      if (assumption.resource() instanceof Knowledge.Absent) {
        Rule rule = engine.rule(EngineRules.Check.EXISTENCE, op);
        String id = route.parameters().getOrDefault(action.idParameter(), "");
        reports.put(
            Stage.EXISTENCE,
            ValidationReport.of(
                rule.violation(
                    Part.PATH, "/" + action.idParameter(), Map.of("value", printable(id, 80)))));
      } else if (assumption.resource() instanceof Knowledge.Present pr) {
        present = Optional.of(pr.state());
      }
    }
    boolean passed = read.report().isEmpty() && read.body() != null;
    if (passed && present.isPresent() && p.context().isPresent()) {
      ValidationReport state = state(op, p, present.get(), read.judged());
      reports.put(
          Stage.STATE,
          reading == Profile.STRICT ? state : state.where(v -> v.origin() == Origin.DOCUMENTED));
    }
    return new Stages(reports, read.body(), passed);
  }

  private ValidationReport credentials(
      Operation op, ApiRequest request, Knowledge.KeyVerdict verdict) {
    List<String> values = request.headers().all("Authorization");
    String detail;
    if (values.isEmpty()) {
      detail = "the Authorization header is missing";
    } else if (bearerToken(request).isEmpty()) {
      detail =
          values.size() > 1
              ? "the Authorization header was sent more than once"
              : "the Authorization header is not of the form Bearer <your_api_key>";
    } else if (verdict == Knowledge.KeyVerdict.ACCEPTED) {
      return ValidationReport.empty();
    } else {
      detail = "the bearer token is not a key this server accepts";
    }
    Rule rule = engine.rule(EngineRules.Check.CREDENTIALS, op);
    Violation v = rule.violation(Part.HEADER, "/Authorization", Map.of());
    return ValidationReport.of(
        new Violation(
            v.ruleId(),
            v.origin(),
            v.status(),
            v.in(),
            v.pointer(),
            v.schemaLocation(),
            detail + "; " + v.message()));
  }

  /**
   * A reading of the request stage: its violations and the body it read, as sent (to store) and as
   * the schemas judge it (numbers no BigDecimal holds replaced by stand-ins).
   */
  private record RequestRead(ValidationReport report, JsonNode body, JsonNode judged) {
    RequestRead(ValidationReport report, JsonNode body) {
      this(report, body, body);
    }
  }

  private RequestRead strictRequest(
      Operation op, Prepared p, ApiRequest request, Map<String, String> params) {
    List<Violation> found = new ArrayList<>();
    pathParameters(op, p, params, found);
    if (op.body().isEmpty()) {
      return new RequestRead(ValidationReport.of(found), NODES.objectNode());
    }
    Operation.Body body = op.body().get();
    Optional<String> media = mediaTypeProblem(request.headers().first("Content-Type"), body);
    media.ifPresent(
        detail -> {
          Rule rule = engine.rule(EngineRules.Check.CONTENT_TYPE, op);
          Violation v = rule.violation(Part.HEADER, "/Content-Type", Map.of("detail", detail));
          found.add(
              new Violation(
                  v.ruleId(),
                  v.origin(),
                  v.status(),
                  v.in(),
                  v.pointer(),
                  v.schemaLocation(),
                  v.message() + " (got " + detail + ")"));
        });
    if (request.body().length == 0) {
      if (body.required()) {
        found.add(
            engine.rule(EngineRules.Check.BODY_REQUIRED, op).violation(Part.BODY, "", Map.of()));
      }
      return new RequestRead(ValidationReport.of(found), null);
    }
    if (media.isPresent()) {
      return new RequestRead(ValidationReport.of(found), null); // not read as JSON
    }
    BodyReader.Read read = p.strictReader().read(request.body());
    if (!read.ok()) {
      found.add(
          engine.rule(read.check(), op).violation(Part.BODY, "", Map.of("detail", read.detail())));
      return new RequestRead(ValidationReport.of(found), null);
    }
    if (!validateBody(op, p, body, read.judged(), found)) {
      return new RequestRead(ValidationReport.of(found), null);
    }
    return new RequestRead(ValidationReport.of(found), read.tree(), read.judged());
  }

  private RequestRead documentedRequest(
      Operation op, Prepared p, ApiRequest request, Map<String, String> params) {
    List<Violation> found = new ArrayList<>();
    pathParameters(op, p, params, found);
    if (op.body().isEmpty()) {
      return new RequestRead(documentedOnly(found), NODES.objectNode());
    }
    Operation.Body body = op.body().get();
    JsonNode tree;
    JsonNode judged;
    if (request.body().length == 0) {
      tree = NODES.objectNode(); // an absent body reads as no change
      judged = tree;
    } else {
      BodyReader.Read read = p.lenientReader().read(request.body());
      if (!read.ok()) {
        found.add(
            engine
                .rule(read.check(), op)
                .violation(Part.BODY, "", Map.of("detail", read.detail())));
        return new RequestRead(documentedOnly(found), null);
      }
      tree = withoutNulls(read.tree());
      judged = withoutNulls(read.judged());
    }
    if (!validateBody(op, p, body, judged, found)) {
      return new RequestRead(documentedOnly(found), null);
    }
    return new RequestRead(documentedOnly(found), tree, judged);
  }

  /** Validates a body; false when it is too complex to validate (then that is the violation). */
  private boolean validateBody(
      Operation op, Prepared p, Operation.Body body, JsonNode tree, List<Violation> found) {
    try {
      found.addAll(p.mapper().map(schemas.validate(body.schema(), tree), Part.BODY, null, ""));
      return true;
    } catch (SchemaSet.TooComplex e) {
      found.add(
          engine
              .rule(EngineRules.Check.LIMITS, op)
              .violation(Part.BODY, "", Map.of("detail", "the body is too complex to validate")));
      return false;
    }
  }

  private static ValidationReport documentedOnly(List<Violation> found) {
    return ValidationReport.of(found).where(v -> v.origin() == Origin.DOCUMENTED);
  }

  private void pathParameters(
      Operation op, Prepared p, Map<String, String> params, List<Violation> found) {
    for (Operation.PathParameter param : op.pathParameters()) {
      String value = params.getOrDefault(param.name(), "");
      String key = op.location() + "\n" + param.name() + "\n" + value;
      List<Violation> verdict = value.length() > 256 ? null : parameterVerdicts.get(key);
      if (verdict == null) {
        verdict =
            p.mapper()
                .map(
                    schemas.validate(param.schema(), NODES.stringNode(value)),
                    Part.PATH,
                    "/" + param.name(),
                    "");
        if (value.length() <= 256) {
          if (parameterVerdicts.size() >= CACHE_ENTRIES) {
            parameterVerdicts.clear();
          }
          parameterVerdicts.put(key, verdict);
        }
      }
      found.addAll(verdict);
    }
  }

  private ValidationReport state(Operation op, Prepared p, ResourceState state, JsonNode body) {
    ResourceModel model = op.resource().get().resource();
    ResourceModel.Context ctx = model.context().get();
    if (!body.isObject() || p.contextKeys().stream().noneMatch(body::has)) {
      return ValidationReport.empty(); // the state rules constrain none of the fields sent
    }
    ObjectNode context = NODES.objectNode();
    for (Map.Entry<String, String> m : ctx.stateMap().entrySet()) {
      JsonNode v = state.fields().get(m.getValue());
      if (v == null) {
        v = model.defaultOf(m.getValue());
      }
      if (v != null) {
        context.set(m.getKey(), v);
      }
    }
    if (p.shape().isEmpty()) {
      context.set(ctx.updateProperty(), body);
      return validateState(p, ctx, context);
    }
    context.set(ctx.updateProperty(), p.shape().get().project(body));
    String key = op.location() + "\n" + JsonMappers.plain().writeValueAsString(context);
    ValidationReport cached = stateVerdicts.get(key);
    if (cached != null) {
      return cached;
    }
    ValidationReport verdict = validateState(p, ctx, context);
    if (stateVerdicts.size() >= CACHE_ENTRIES) {
      stateVerdicts.clear();
    }
    stateVerdicts.put(key, verdict);
    return verdict;
  }

  private ValidationReport validateState(
      Prepared p, ResourceModel.Context ctx, ObjectNode context) {
    return ValidationReport.of(
        p.mapper()
            .map(
                schemas.validate(p.context().get(), context),
                Part.BODY,
                null,
                "/" + ctx.updateProperty()));
  }

  /** Why a Content-Type does not fit the body's media types, or empty when it does. */
  private static Optional<String> mediaTypeProblem(
      Optional<String> contentType, Operation.Body body) {
    if (contentType.isEmpty() || contentType.get().isBlank()) {
      return Optional.of("no Content-Type");
    }
    String[] parts = contentType.get().split(";");
    String sent = parts[0].trim();
    String type = sent.toLowerCase(Locale.ROOT);
    if (!body.mediaTypes().contains(type)) {
      // quoted as sent: lower-cased, a secret in it would no longer match the masks
      return Optional.of("Content-Type " + printable(sent, 60));
    }
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].trim().split("=", 2);
      if (kv.length == 2
          && kv[0].trim().equalsIgnoreCase("charset")
          && !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
        return Optional.of("charset " + printable(kv[1].trim(), 30));
      }
    }
    return Optional.empty();
  }

  /** The value with every null object member removed, at any depth (the documented reading). */
  static JsonNode withoutNulls(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getValue().isNull()) {
          out.set(e.getKey(), withoutNulls(e.getValue()));
        }
      }
      return out;
    }
    if (n.isArray()) {
      tools.jackson.databind.node.ArrayNode out = NODES.arrayNode();
      n.forEach(v -> out.add(withoutNulls(v)));
      return out;
    }
    return n;
  }

  /**
   * Text safe to quote in a message: printable ASCII, whole or not at all. A clipped quote would
   * show the start of a long secret (a JWT sent in the path or a header), which the masks, looking
   * for the whole secret, would let through.
   */
  public static String printable(String s, int max) {
    String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
    return clean.length() > max ? "(" + clean.length() + " characters, not quoted)" : clean;
  }
}
