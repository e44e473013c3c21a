package dev.assistantkit.mock.tools;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Creator;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.JsonTrees;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SpecPointer;
import dev.assistantkit.mock.door.Reply;
import dev.assistantkit.mock.engine.ResourceStore;
import dev.assistantkit.mock.recorder.Recorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /__mock}: the resources' state for frontend developers. For each resource of the spec
 * ({@code /__mock/<collection>}): list, show, create, delete (with what is nested under it); {@code
 * POST /__mock/reset}; the judged traffic; and the readiness check {@code GET /__mock/health}.
 * Secrets masked in every answer (the door masks the mock's own answers); errors in the contract's
 * error shape.
 */
final class StateEndpoints {

  static final String PREFIX = "/__mock";

  private static final JsonMapper JSON = JsonMappers.plain();

  /** The traffic page's script, read once. */
  private static final byte[] TRAFFIC_SCRIPT = resource("traffic.js");

  private final Contract contract;
  private final ResourceStore store;
  private final Profile profile;
  private final Recorder recorder;
  private final TrafficViews views;
  private final boolean proxy;
  private final Readiness readiness;

  StateEndpoints(
      Contract contract,
      ResourceStore store,
      Profile profile,
      Recorder recorder,
      TrafficViews views,
      boolean proxy,
      Readiness readiness) {
    this.contract = contract;
    this.store = store;
    this.profile = profile;
    this.recorder = recorder;
    this.views = views;
    this.proxy = proxy;
    this.readiness = readiness;
  }

  /** The answer to a request under {@code /__mock}. */
  Reply answer(String method, String path, String query, byte[] body) {
    if (path.equals(PREFIX + "/reset") && method.equals("POST")) {
      return reset();
    }
    if (method.equals("GET")) {
      TrafficViews.Page page = TrafficViews.Page.of(query);
      switch (path) {
        case PREFIX + "/health" -> {
          return health();
        }
        case PREFIX + "/traffic" -> {
          return raw("application/json", views.json(recorder.traffic(), page));
        }
        case PREFIX + "/traffic.har" -> {
          return raw("application/json", views.har(recorder.traffic(), page));
        }
        case PREFIX + "/traffic.html" -> {
          return new Reply(
              200,
              List.of(
                  Map.entry("Content-Type", "text/html; charset=utf-8"),
                  Map.entry("Cache-Control", "no-store"),
                  Map.entry("X-Content-Type-Options", "nosniff"),
                  Map.entry("Content-Security-Policy", TrafficHtml.POLICY),
                  Map.entry("Referrer-Policy", "no-referrer")),
              views.html(recorder.traffic(), page));
        }
        case TrafficHtml.SCRIPT_PATH -> {
          return new Reply(
              200,
              List.of(
                  Map.entry("Content-Type", "text/javascript; charset=utf-8"),
                  Map.entry("Cache-Control", "no-cache"),
                  Map.entry("X-Content-Type-Options", "nosniff")),
              TRAFFIC_SCRIPT);
        }
        default -> {}
      }
    }
    for (ResourceModel model : contract.resources()) {
      Optional<Reply> reply = resource(model, method, path, body);
      if (reply.isPresent()) {
        return reply.get();
      }
    }
    String collection =
        contract.resources().stream().findFirst().map(ResourceModel::collection).orElse("");
    return error(
        "mock.unknown-endpoint", Part.PATH, method + " " + printable(path), collection, "");
  }

  /**
   * The readiness check: the port opens only once the mock answers with the contract, so an answer
   * here is 200 ready, unless the last reload of the spec ({@code --watch}) failed: then 503 {@code
   * reload-failed}, naming the file, the place and the loader's reason, while the last contract
   * that loaded goes on answering (its operations are counted). Nothing secret: what runs, not with
   * which keys or upstream.
   */
  private Reply health() {
    Optional<Readiness.Failure> failure = readiness.failure();
    ObjectNode out =
        JSON.createObjectNode().put("status", failure.isPresent() ? "reload-failed" : "ready");
    out.put("mode", proxy ? "proxy" : "mock");
    out.put("profile", profile.wireName());
    out.put("operations", contract.operations().size());
    if (failure.isPresent()) {
      Readiness.Failure f = failure.get();
      out.putObject("reload")
          .put("file", f.file())
          .put("where", f.where())
          .put("reason", f.reason())
          .put("message", f.message())
          .put("serving", "the last contract that loaded");
      return ok(503, out);
    }
    return ok(200, out);
  }

  private Reply reset() {
    store.reset();
    recorder.clear();
    ObjectNode out = JSON.createObjectNode().put("reset", true);
    contract.resources().forEach(m -> out.put(m.collection(), store.all(m.name()).size()));
    return ok(200, out);
  }

  /**
   * The endpoints of one resource, if the path names them: {@code /__mock/<collection>} and {@code
   * /__mock/<collection>/<id>}; for a resource nested under another's item, its collection path
   * with the parents' values ({@code /__mock/owners/1/pets}).
   */
  private Optional<Reply> resource(ResourceModel model, String method, String path, byte[] body) {
    Optional<Map<String, String>> parents = collection(model, path);
    if (parents.isPresent()) {
      if (method.equals("GET")) {
        return Optional.of(list(model, parents.get()));
      }
      if (method.equals("POST")) {
        return Optional.of(create(model, parents.get(), body)); // judged as sent
      }
    }
    int slash = path.lastIndexOf('/');
    Optional<Map<String, String>> itemParents =
        slash < 0 ? Optional.empty() : collection(model, path.substring(0, slash));
    if (itemParents.isPresent()) {
      String id = path.substring(slash + 1);
      String name = model.collectionOf(itemParents.get());
      if (method.equals("GET")) {
        return Optional.of(
            store
                .get(name, id)
                .map(s -> ok(200, contract.views().admin(model, s)))
                .orElseGet(
                    () -> error("mock.no-such-resource", Part.PATH, model.name(), id, "/id")));
      }
      if (method.equals("DELETE")) {
        return Optional.of(
            store.deleteWithChildren(model, itemParents.get(), id)
                ? ok(200, JSON.createObjectNode().put("deleted", id))
                : error("mock.no-such-resource", Part.PATH, model.name(), id, "/id"));
      }
    }
    return Optional.empty();
  }

  /**
   * The parents' path values when a path is the admin path of one of a resource's collections: none
   * for a resource at the top of the paths, whose one collection is {@code /__mock/<collection>}.
   */
  private static Optional<Map<String, String>> collection(ResourceModel model, String path) {
    String base = PREFIX + "/" + model.collection();
    if (model.scope().isEmpty()) {
      return path.equals(base) ? Optional.of(Map.of()) : Optional.empty();
    }
    return new dev.assistantkit.contract.spec.PathTemplate(base).match(path);
  }

  private Reply list(ResourceModel model, Map<String, String> parents) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode items = out.putArray(model.collection());
    store
        .all(model.collectionOf(parents))
        .forEach(s -> items.add(contract.views().admin(model, s)));
    return ok(200, out);
  }

  private Reply create(ResourceModel model, Map<String, String> parents, byte[] raw) {
    JsonNode fields;
    // read as the contract reads bodies: every number as sent (1E+2147483648 is not "Infinity"),
    // text that is not Unicode left for the contract's judgement
    try (JsonParser p = JSON.createParser(raw)) {
      fields = JsonTrees.read(p).map(JsonTrees.JsonRead::tree).orElse(null);
      if (p.nextToken() != null) {
        fields = null;
      }
    } catch (JacksonException e) {
      fields = null;
    }
    if (fields == null || !fields.isObject()) {
      return error("mock.not-an-object", Part.BODY, model.name(), "", "");
    }
    // a nested resource lives under its parent's item, as through the API: none under one not held
    Optional<ResourceModel.ParentItem> parent = store.missingParent(model, parents);
    if (parent.isPresent()) {
      ResourceModel.ParentItem p = parent.get();
      return error(
          "mock.no-such-resource",
          Part.PATH,
          p.resource().name(),
          p.id(),
          "/" + SpecPointer.escape(p.parameter()));
    }
    Creator.Creation created = contract.create(model, (ObjectNode) fields, profile, parents);
    if (created.state().isEmpty()) {
      return json(400, contract.answers().error(null, 400, created.report(), List.of()).body());
    }
    ResourceState state = created.state().get();
    if (!store.create(model.collectionOf(parents), state)) {
      return error(
          "mock.resource-exists", Part.BODY, model.name(), state.id(), "/" + model.idProperty());
    }
    return ok(201, contract.views().admin(model, state));
  }

  private static Reply raw(String type, byte[] body) {
    return new Reply(
        200,
        List.of(
            Map.entry("Content-Type", type),
            Map.entry("Cache-Control", "no-store"),
            Map.entry("X-Content-Type-Options", "nosniff")),
        body);
  }

  private static Reply ok(int status, JsonNode body) {
    return json(status, JSON.writeValueAsBytes(body));
  }

  static Reply json(int status, byte[] body) {
    return new Reply(
        status,
        List.of(
            Map.entry("Content-Type", "application/json"), Map.entry("Cache-Control", "no-store")),
        body);
  }

  private Reply error(String ruleId, Part in, String detail, String value, String pointer) {
    Optional<Rule> rule = contract.globalRules().find(ruleId);
    if (rule.isEmpty()) {
      return json(
          404,
          "{\"success\":false,\"message\":\"not found\",\"errors\":[]}"
              .getBytes(StandardCharsets.UTF_8));
    }
    Rule r = rule.get();
    ValidationReport report =
        ValidationReport.of(
            r.violation(
                in, pointer, Map.of("detail", printable(detail), "value", printable(value))));
    return json(r.status(), contract.answers().error(null, r.status(), report, List.of()).body());
  }

  private static byte[] resource(String name) {
    try (java.io.InputStream in = StateEndpoints.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the mock's jar has no " + name);
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Whole or not at all: a clipped quote could show the start of a secret the masks miss. */
  private static String printable(String s) {
    String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
    return clean.length() > 80 ? "(" + clean.length() + " characters, not quoted)" : clean;
  }
}
