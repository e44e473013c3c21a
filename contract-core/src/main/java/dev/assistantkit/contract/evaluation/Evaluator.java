package dev.assistantkit.contract.evaluation;

import com.networknt.schema.Schema;
import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.rules.Body;
import dev.assistantkit.contract.rules.EngineRules;
import dev.assistantkit.contract.rules.ErrorMapper;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Parameter;
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
import dev.assistantkit.contract.spec.SpecPointer;
import dev.assistantkit.contract.spec.StateShape;
import dev.assistantkit.contract.spec.codec.CodecProblem;
import dev.assistantkit.contract.spec.codec.DecodeResult;
import dev.assistantkit.contract.spec.codec.ProblemKind;
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

  private static final Pattern PREFER_CODE =
      Pattern.compile("(?i)(?:^|[;,\\s])code\\s*=\\s*\"?([^;,\"\\s]*)");
  private static final Pattern PREFER_EXAMPLE =
      Pattern.compile("(?i)(?:^|[;,\\s])example\\s*=\\s*\"?([^;,\"]*?)\"?\\s*(?:[;,]|$)");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * What is prepared per operation at load.
   *
   * @param decoders how its parameters and its form and multipart bodies are read
   * @param nullsAbsent whether the documented reading takes a JSON null for an absent member
   *     ({@code x-documented-reading: null-values: absent})
   * @param open the operation's rules whose value's contents the page leaves open, with the values
   *     its examples show
   */
  private record Prepared(
      BodyReader strictReader,
      BodyReader lenientReader,
      ErrorMapper mapper,
      Optional<Schema> context,
      Set<String> contextKeys,
      Optional<StateShape> shape,
      RequestDecoders decoders,
      boolean nullsAbsent,
      List<OpenValue> open) {}

  /**
   * A rule whose value's contents are open, and what the page's examples show of it: per example,
   * the value, or its shape where the rule compares keys ({@link #shape}).
   */
  private record OpenValue(Rule rule, List<JsonNode> shown) {

    static OpenValue of(SpecDocument spec, Rule rule) {
      Rule.OpenContents o = rule.openContents().orElseThrow();
      List<JsonNode> shown = new ArrayList<>();
      for (String example : o.shownIn()) {
        shown.add(seen(o, spec.exampleValue(example).at(o.value())));
      }
      return new OpenValue(rule, List.copyOf(shown));
    }

    /** What of a value the comparison looks at. */
    private static JsonNode seen(Rule.OpenContents o, JsonNode value) {
      return o.compare() == Rule.OpenContents.Compare.KEYS ? shape(value) : value;
    }

    /** Whether a body sends the value, and not as any example shows it. */
    boolean openIn(JsonNode body) {
      Rule.OpenContents o = rule.openContents().orElseThrow();
      JsonNode sent = body.at(o.value());
      if (sent.isMissingNode() || sent.isNull()) {
        return false;
      }
      return !shown.contains(seen(o, sent));
    }
  }

  /**
   * A value's shape: an object's member names, each with its member's shape; the JSON type of
   * anything else (an array's items are not looked into).
   */
  static JsonNode shape(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        out.set(e.getKey(), shape(e.getValue()));
      }
      return out;
    }
    String type =
        n.isArray()
            ? "array"
            : n.isString()
                ? "string"
                : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "null";
    return NODES.stringNode(type);
  }

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
    boolean nullsAbsent =
        spec.node("#/x-documented-reading/null-values")
            .map(n -> n.asString(""))
            .orElse("")
            .equals("absent");
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
      BodyReader strict = BodyReader.strict(op.limits());
      BodyReader lenient = BodyReader.lenient(op.limits());
      prepared.put(
          op.location(),
          new Prepared(
              strict,
              lenient,
              new ErrorMapper(catalogues, spec, op),
              ctx.map(c -> schemas.at(c.schemaLocation())),
              ctx.map(c -> namesIn(spec.require(c.schemaLocation()))).orElse(Set.of()),
              ctx.flatMap(c -> StateShape.of(spec, c.schemaLocation(), c.updateProperty())),
              RequestDecoders.of(spec, op, Math.max(strict.maxBodyBytes(), lenient.maxBodyBytes())),
              nullsAbsent,
              op.rules().all().stream()
                  .filter(r -> r.openContents().isPresent())
                  .map(r -> OpenValue.of(spec, r.forOperation(op)))
                  .toList()));
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
        null);
  }

  /**
   * A {@code Prefer} mock control, if the request carries one (as Prism reads it): {@code code=NNN}
   * answers a status the operation declares, {@code example=NAME} the example of that name.
   */
  public Optional<Decision> forced(ApiRequest request, Route.Matched route, Knowledge knowledge) {
    Optional<String> code = prefer(request, PREFER_CODE);
    Optional<String> exampleName = prefer(request, PREFER_EXAMPLE);
    if (code.isEmpty() && exampleName.isEmpty()) {
      return Optional.empty();
    }
    Operation op = route.operation();
    String c = code.orElse(Integer.toString(op.successStatus()));
    int status = c.matches("[1-5][0-9][0-9]") ? Integer.parseInt(c) : -1;
    if (status < 0 || !op.declares(status)) {
      return Optional.of(
          refused(
              request,
              route,
              op,
              "code=" + printable(c, 12),
              String.join(
                  ", ",
                  op.responses().stream().map(r -> r.key().toLowerCase(Locale.ROOT)).toList())));
    }
    Answer answer;
    if (op.resource().isPresent()
        && exampleName.isEmpty()
        && stateful(op, request, route, knowledge, status)) {
      answer =
          status / 100 == 2
              ? basis
                  .answers()
                  .success(op, request, route.parameters(), present(op, request, route, knowledge))
              : forcedError(op, route, status);
    } else {
      Optional<Answer> documented = basis.answers().documented(op, status, request, exampleName);
      if (documented.isEmpty()) {
        return Optional.of(
            refused(
                request,
                route,
                op,
                "example=" + printable(exampleName.orElse(""), 40),
                "the examples of "
                    + status
                    + ": "
                    + String.join(", ", basis.answers().exampleNames(op, status, request))));
      }
      answer = documented.get();
    }
    return Optional.of(
        new Decision(
            basis,
            request,
            route,
            new Decision.Assumption(null, null),
            Optional.of(answer),
            ValidationReport.empty(),
            null));
  }

  /**
   * Whether a forced answer of a resource operation is written from the resource: always for a
   * declared resource; for an inferred one ({@code --stateful}) only a success of an operation
   * whose path names one that is present, else the document's own answer is given.
   */
  private static boolean stateful(
      Operation op, ApiRequest request, Route.Matched route, Knowledge knowledge, int status) {
    Operation.ResourceAction a = op.resource().get();
    if (!a.resource().inferred()) {
      return true;
    }
    return status / 100 == 2
        && a.action().itemScoped()
        && a.answerExample() != null
        && present(op, request, route, knowledge).isPresent();
  }

  private static Optional<String> prefer(ApiRequest request, Pattern pattern) {
    for (String prefer : request.headers().all("Prefer")) {
      Matcher m = pattern.matcher(prefer);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** The state of the resource the path names, when the knowledge has it present. */
  private static Optional<ResourceState> present(
      Operation op, ApiRequest request, Route.Matched route, Knowledge knowledge) {
    Operation.ResourceAction a = op.resource().get();
    Knowledge.ResourceView v =
        knowledge.resource(
            a.collection(route.parameters()), a.resourceId(route.parameters(), request.body()));
    return v instanceof Knowledge.Present p ? Optional.of(p.state()) : Optional.empty();
  }

  /** A mock control the operation cannot honour: the mock's 400 naming what it can. */
  private Decision refused(
      ApiRequest request, Route.Matched route, Operation op, String detail, String value) {
    Rule rule = engine.rule(EngineRules.Check.PREFER, op);
    ValidationReport report =
        ValidationReport.of(
            rule.violation(Part.HEADER, "/Prefer", Map.of("detail", detail, "value", value)));
    return new Decision(
        basis,
        request,
        route,
        new Decision.Assumption(null, null),
        Optional.of(basis.answers().error(op, rule.status(), report, List.of())),
        report,
        null);
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
    return bearerToken(values.get(0));
  }

  /**
   * The token of one {@code Authorization} value, trimmed: {@code Bearer} in any ASCII case, one or
   * more spaces, then a token of no whitespace (what {@code (?i)bearer +(\S+) *} matches, read
   * without a regular expression: the mock and the proxy's judge read every request's).
   */
  public static Optional<String> bearerToken(String value) {
    String v = value.trim();
    int n = v.length();
    if (n < 8 || !v.regionMatches(true, 0, "bearer", 0, 6) || v.charAt(6) != ' ') {
      return Optional.empty();
    }
    int from = 7;
    while (from < n && v.charAt(from) == ' ') {
      from++;
    }
    int to = from;
    while (to < n && !regexSpace(v.charAt(to))) {
      to++;
    }
    if (to == from) {
      return Optional.empty();
    }
    for (int i = to; i < n; i++) {
      if (v.charAt(i) != ' ') {
        return Optional.empty();
      }
    }
    return Optional.of(v.substring(from, to));
  }

  /** What {@code \s} matches in a Java regular expression without UNICODE_CHARACTER_CLASS. */
  private static boolean regexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  public Stages stages(
      ApiRequest request, Route.Matched route, Decision.Assumption assumption, Profile reading) {
    Operation op = route.operation();
    Prepared p = prepared.get(op.location());
    Map<Stage, ValidationReport> reports = new EnumMap<>(Stage.class);
    if (op.bearer()) {
      ValidationReport credentials = credentials(op, request, assumption.key());
      reports.put(
          Stage.CREDENTIALS,
          reading == Profile.STRICT
              ? credentials
              : credentials.where(v -> v.origin() == Origin.DOCUMENTED));
    } else if (assumption.key() != null) {
      reports.put(Stage.CREDENTIALS, otherCredentials(op, request, assumption.key()));
    }
    RequestRead read;
    if (reading == Profile.STRICT) {
      read = strictRequest(op, p, request, route);
      if (!read.report().isEmpty()) {
        // strict is the page and the decisions: a null where the page needs a value breaks the
        // page's rule too, which only the documented reading sees (a null is an absent field
        // there), so the answer names both; also a page rule of the state it would break
        RequestRead doc = documentedRequest(op, p, request, route);
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
      read = documentedRequest(op, p, request, route);
    }
    reports.put(Stage.REQUEST, read.report());
    Optional<ResourceState> present = Optional.empty();
    if (op.resource().isPresent()) {
      Operation.ResourceAction action = op.resource().get();
      Optional<ResourceModel.ParentItem> parent =
          assumption.parent() instanceof Knowledge.Absent
              ? action.resource().parentItem(route.parameters())
              : Optional.empty();
      if (parent.isPresent()) {
        // the item the collection is under is not there: nothing in it is, whatever the action
        Rule rule = engine.rule(EngineRules.Check.EXISTENCE, op);
        reports.put(
            Stage.EXISTENCE,
            ValidationReport.of(
                rule.violation(
                    Part.PATH,
                    "/" + SpecPointer.escape(parent.get().parameter()),
                    Map.of("value", printable(parent.get().id(), 80)))));
      } else if (assumption.resource() instanceof Knowledge.Absent) {
        Rule rule = engine.rule(EngineRules.Check.EXISTENCE, op);
        String id = action.resourceId(route.parameters(), request.body());
        reports.put(
            Stage.EXISTENCE,
            ValidationReport.of(
                rule.violation(
                    action.idPart(), action.idPointer(), Map.of("value", printable(id, 80)))));
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
    ValidationReport open =
        reading == Profile.DOCUMENTED ? open(p, read.body()) : ValidationReport.empty();
    return new Stages(reports, read.body(), passed, open);
  }

  /**
   * The values a body (as the documented reading read it) sends whose contents the page leaves
   * open, each as a finding of its rule, pointing at the value.
   */
  private static ValidationReport open(Prepared p, JsonNode body) {
    if (p.open().isEmpty() || body == null || !body.isObject()) {
      return ValidationReport.empty();
    }
    List<Violation> found = new ArrayList<>();
    for (OpenValue o : p.open()) {
      if (o.openIn(body)) {
        String at = o.rule().openContents().orElseThrow().value();
        found.add(o.rule().violation(Part.BODY, at, Map.of("pointer", at)));
      }
    }
    return ValidationReport.of(found);
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
    List<Violation> found = new ArrayList<>();
    found.add(withDetail(engine.rule(EngineRules.Check.CREDENTIALS, op), detail));
    if (malformedCredentials(request)) {
      // the page requires the rejection; which status a malformed header gets is decided
      engine
          .find(EngineRules.Check.MALFORMED_CREDENTIALS, op)
          .ifPresent(r -> found.add(withDetail(r, detail)));
    }
    return ValidationReport.of(found);
  }

  private static Violation withDetail(Rule rule, String detail) {
    Violation v = rule.violation(Part.HEADER, "/Authorization", Map.of());
    return new Violation(
        v.ruleId(),
        v.origin(),
        v.status(),
        v.in(),
        v.pointer(),
        v.schemaLocation(),
        detail + "; " + v.message(),
        v.pageAllows());
  }

  /**
   * Whether the credentials are malformed rather than missing or unknown: the Authorization header
   * sent more than once, or one of the Bearer scheme that is not one token (none, or several). A
   * recorder that keeps a label instead of the token says so with its {@code malformed} label.
   */
  public static boolean malformedCredentials(ApiRequest request) {
    List<String> values = request.headers().all("Authorization");
    if (values.size() > 1) {
      return true;
    }
    return values.size() == 1
        && bearerToken(request).isEmpty()
        && values.get(0).trim().regionMatches(true, 0, "bearer", 0, 6);
  }

  /** The credentials of an operation whose security is not the page's one bearer token. */
  private ValidationReport otherCredentials(
      Operation op, ApiRequest request, Knowledge.KeyVerdict verdict) {
    if (verdict == Knowledge.KeyVerdict.ACCEPTED) {
      return ValidationReport.empty();
    }
    Credentials.Reading r = Credentials.read(op.security(), request);
    String detail =
        r.met().isEmpty() ? r.detail() : "the credentials are not ones this server accepts";
    Rule rule = engine.rule(EngineRules.Check.CREDENTIALS, op);
    Violation v = rule.violation(Part.HEADER, "", Map.of());
    return ValidationReport.of(
        new Violation(
            v.ruleId(),
            v.origin(),
            v.status(),
            v.in(),
            v.pointer(),
            v.schemaLocation(),
            detail + "; " + v.message(),
            v.pageAllows()));
  }

  /**
   * A reading of the request stage: its violations and the body it read, as sent (to store) and as
   * the schemas judge it (numbers no BigDecimal holds replaced by stand-ins); a missing node for a
   * body of a media type the kit does not read (accepted without a verdict on its content).
   */
  private record RequestRead(ValidationReport report, JsonNode body, JsonNode judged) {
    RequestRead(ValidationReport report, JsonNode body) {
      this(report, body, body);
    }
  }

  private RequestRead strictRequest(
      Operation op, Prepared p, ApiRequest request, Route.Matched route) {
    List<Violation> found = new ArrayList<>();
    parameters(op, p, request, route, found);
    if (op.body().isEmpty()) {
      return new RequestRead(ValidationReport.of(found), NODES.objectNode());
    }
    Body body = op.body().get();
    Optional<String> contentType = request.headers().first("Content-Type");
    Optional<MediaType> media = body.media(contentType.orElse(null));
    Optional<String> problem = mediaTypeProblem(contentType, media);
    if (request.body().length > 0 || body.required()) {
      // no body where the body is optional is no body of the wrong media type
      problem.ifPresent(detail -> found.add(contentTypeViolation(op, detail)));
    }
    if (request.body().length == 0) {
      if (body.required()) {
        found.add(
            engine.rule(EngineRules.Check.BODY_REQUIRED, op).violation(Part.BODY, "", Map.of()));
      }
      return new RequestRead(ValidationReport.of(found), null);
    }
    if (problem.isPresent()) {
      return new RequestRead(ValidationReport.of(found), null); // not read as any media type
    }
    BodyRead read = readBody(op, p, media.get(), request, p.strictReader(), found);
    if (read == null || !validateBody(op, p, media.get(), read.judged(), found)) {
      return new RequestRead(ValidationReport.of(found), null);
    }
    return new RequestRead(ValidationReport.of(found), read.tree(), read.judged());
  }

  private RequestRead documentedRequest(
      Operation op, Prepared p, ApiRequest request, Route.Matched route) {
    List<Violation> found = new ArrayList<>();
    parameters(op, p, request, route, found);
    if (op.body().isEmpty()) {
      return new RequestRead(documentedOnly(found), NODES.objectNode());
    }
    Body body = op.body().get();
    if (request.body().length == 0) {
      if (body.required()) {
        found.add(
            engine.rule(EngineRules.Check.BODY_REQUIRED, op).violation(Part.BODY, "", Map.of()));
      }
      // an absent body that may be absent reads as no change
      return new RequestRead(documentedOnly(found), NODES.objectNode());
    }
    // the documented reading does not check the Content-Type: the body is read as the media type
    // it names when the operation takes it, else as the operation's first
    Optional<String> contentType = request.headers().first("Content-Type");
    Optional<MediaType> named = body.media(contentType.orElse(null));
    MediaType media =
        named.orElse(body.json().orElse(body.content().isEmpty() ? null : body.content().get(0)));
    if (media == null) {
      return new RequestRead(documentedOnly(found), NODES.missingNode());
    }
    List<Violation> reading = new ArrayList<>();
    BodyRead read = readBody(op, p, media, request, p.lenientReader(), reading);
    if (read == null) {
      if (mediaTypeProblem(contentType, named).isPresent()) {
        // a document says how to send a body, not what a server does with one sent as another
        // media type: a body that does not read as the operation's media type under another
        // label (or none) is not judged
        return new RequestRead(documentedOnly(found), null);
      }
      found.addAll(reading);
      return new RequestRead(documentedOnly(found), null);
    }
    JsonNode tree = read.tree();
    JsonNode judged = read.judged();
    if (p.nullsAbsent()) {
      tree = withoutNulls(tree);
      judged = withoutNulls(judged);
    }
    if (!validateBody(op, p, media, judged, found)) {
      return new RequestRead(documentedOnly(found), null);
    }
    return new RequestRead(documentedOnly(found), tree, judged);
  }

  private Violation contentTypeViolation(Operation op, String detail) {
    Rule rule = engine.rule(EngineRules.Check.CONTENT_TYPE, op);
    Violation v = rule.violation(Part.HEADER, "/Content-Type", Map.of("detail", detail));
    return new Violation(
        v.ruleId(),
        v.origin(),
        v.status(),
        v.in(),
        v.pointer(),
        v.schemaLocation(),
        v.message() + " (got " + detail + ")",
        v.pageAllows());
  }

  /**
   * The body read as its media type: JSON parsed (under a reader's limits), a form or multipart
   * body decoded to its fields; a missing node for a media type the kit does not read. Null when it
   * cannot be read (the violation is added).
   */
  /** A body as sent, and as the schemas judge it (see {@link BodyReader.Read#judged}). */
  private record BodyRead(JsonNode tree, JsonNode judged) {
    BodyRead(JsonNode tree) {
      this(tree, tree);
    }
  }

  private BodyRead readBody(
      Operation op,
      Prepared p,
      MediaType media,
      ApiRequest request,
      BodyReader reader,
      List<Violation> found) {
    switch (media.kind()) {
      case JSON -> {
        BodyReader.Read read = reader.read(request.body());
        if (!read.ok()) {
          found.add(
              engine
                  .rule(read.check(), op)
                  .violation(Part.BODY, "", Map.of("detail", read.detail())));
          return null;
        }
        return new BodyRead(read.tree(), read.judged());
      }
      case FORM, MULTIPART -> {
        Optional<String> over = reader.overLimit(request.body());
        if (over.isPresent()) {
          found.add(
              engine
                  .rule(EngineRules.Check.LIMITS, op)
                  .violation(Part.BODY, "", Map.of("detail", over.get())));
          return null;
        }
        RequestDecoders.BodyFields read = p.decoders().body(media, request);
        if (read.problem() != null) {
          found.add(
              engine
                  .rule(read.check(), op)
                  .violation(
                      Part.BODY,
                      read.problem().pointer(),
                      Map.of("detail", read.problem().detail())));
          return null;
        }
        return new BodyRead(read.tree());
      }
      default -> {
        return new BodyRead(NODES.missingNode()); // other media types: not judged
      }
    }
  }

  /** Validates a body; false when it is too complex to validate (then that is the violation). */
  private boolean validateBody(
      Operation op, Prepared p, MediaType media, JsonNode tree, List<Violation> found) {
    if (media.schema().isEmpty() || tree.isMissingNode()) {
      return true;
    }
    try {
      found.addAll(
          p.mapper().map(schemas.validate(media.schema().get(), tree), Part.BODY, null, ""));
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

  /**
   * The parameters: each read from where it travels, as its style says ({@link RequestDecoders}),
   * and judged by its schema; a required one that is absent breaks the rule of its {@code
   * required}; one that cannot be read as its style says breaks {@code request.parameter-syntax},
   * pointing at it (or at the key of it that cannot be read).
   */
  private void parameters(
      Operation op, Prepared p, ApiRequest request, Route.Matched route, List<Violation> found) {
    List<DecodeResult> read = p.decoders().parameters(request, route.raw());
    for (int i = 0; i < op.parameters().size(); i++) {
      Parameter param = op.parameters().get(i);
      DecodeResult r = read.get(i);
      if (param.in() == Parameter.In.PATH) {
        pathParameter(op, p, param, route, r, found);
      } else if (!r.ok()) {
        found.add(syntaxViolation(op, param, r.problems().get(0)));
      } else if (r.value().isEmpty()) {
        if (param.required()) {
          p.mapper()
              .violationAt(
                  param.location() + "/required",
                  param.in().part(),
                  param.pointer(),
                  Map.of("pointer", param.pointer(), "detail", "is missing"))
              .ifPresent(found::add);
        }
      } else if (param.schema().isPresent()) {
        found.addAll(
            p.mapper()
                .map(
                    schemas.validate(param.schema().get(), r.value().get()),
                    param.in().part(),
                    param.pointer(),
                    ""));
      }
    }
  }

  private Violation syntaxViolation(Operation op, Parameter param, CodecProblem problem) {
    return engine
        .rule(EngineRules.Check.PARAMETER_SYNTAX, op)
        .violation(
            param.in().part(),
            problem.pointer(),
            Map.of("detail", RequestDecoders.parameterDetail(param, problem)));
  }

  /**
   * A path parameter; verdicts are kept by value (ids repeat). A simple one whose escapes are
   * malformed is judged as the text sent, as the router matched it: its schema names the mistake.
   */
  private void pathParameter(
      Operation op,
      Prepared p,
      Parameter param,
      Route.Matched route,
      DecodeResult read,
      List<Violation> found) {
    if (param.schema().isEmpty()) {
      return;
    }
    String raw = route.raw().getOrDefault(param.name(), "");
    String key = op.location() + "\n" + param.name() + "\n" + raw;
    List<Violation> verdict = raw.length() > 256 ? null : parameterVerdicts.get(key);
    if (verdict == null) {
      JsonNode value = read.value().orElse(null);
      if (!read.ok()) {
        ProblemKind kind = read.problems().get(0).kind();
        boolean escapes = kind == ProblemKind.PERCENT_ENCODING || kind == ProblemKind.INVALID_TEXT;
        if (escapes && param.style().equals("simple") && param.mediaType().isEmpty()) {
          value = NODES.stringNode(route.parameters().getOrDefault(param.name(), raw));
        }
      }
      if (value == null && !read.ok()) {
        verdict = List.of(syntaxViolation(op, param, read.problems().get(0)));
      } else {
        verdict =
            p.mapper()
                .map(
                    schemas.validate(
                        param.schema().get(), value == null ? NODES.stringNode("") : value),
                    Part.PATH,
                    param.pointer(),
                    "");
      }
      if (raw.length() <= 256) {
        if (parameterVerdicts.size() >= CACHE_ENTRIES) {
          parameterVerdicts.clear();
        }
        parameterVerdicts.put(key, verdict);
      }
    }
    found.addAll(verdict);
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
      Optional<String> contentType, Optional<MediaType> media) {
    if (contentType.isEmpty() || contentType.get().isBlank()) {
      return Optional.of("no Content-Type");
    }
    String[] parts = contentType.get().split(";");
    String sent = parts[0].trim();
    if (media.isEmpty()) {
      // quoted as sent: lower-cased, a secret in it would no longer match the masks
      return Optional.of("Content-Type " + printable(sent, 60));
    }
    if (media.get().kind() == MediaType.Family.JSON) {
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].trim().split("=", 2);
        if (kv.length == 2
            && kv[0].trim().equalsIgnoreCase("charset")
            && !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
          return Optional.of("charset " + printable(kv[1].trim(), 30));
        }
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
