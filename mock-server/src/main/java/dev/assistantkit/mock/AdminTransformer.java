package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.mock.edge.AsSent;
import dev.assistantkit.mock.traffic.Traffic;
import dev.assistantkit.mock.traffic.TrafficViews;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /__mock}: the resources' state for frontend developers. For each resource of the spec
 * ({@code /__mock/<collection>}): list, show, create, delete; and {@code POST /__mock/reset}.
 * Secrets masked in every answer; errors in the contract's error shape.
 */
final class AdminTransformer extends StubTransformer {

  static final String NAME = "assistant-mock-admin";
  static final String PREFIX = "/__mock";

  private final Contract contract;
  private final ResourceStore store;
  private final Profile profile;
  private final Runnable resetJournal;
  private final Traffic traffic;
  private final TrafficViews views;

  AdminTransformer(
      Contract contract,
      ResourceStore store,
      Profile profile,
      Runnable resetJournal,
      Traffic traffic,
      TrafficViews views) {
    super(NAME);
    this.contract = contract;
    this.store = store;
    this.profile = profile;
    this.resetJournal = resetJournal;
    this.traffic = traffic;
    this.views = views;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    RequestMethod method = request.getMethod();
    if (path.equals(PREFIX + "/reset") && method.equals(RequestMethod.POST)) {
      store.reset();
      resetJournal.run();
      ObjectNode body = JsonResponses.JSON.createObjectNode().put("reset", true);
      contract.resources().forEach(m -> body.put(m.collection(), store.all(m.name()).size()));
      return JsonResponses.json(200, JsonResponses.JSON.writeValueAsBytes(body)).build();
    }
    if (method.equals(RequestMethod.GET)) {
      switch (path) {
        case PREFIX + "/traffic" -> {
          return raw(200, "application/json", views.json(traffic.all()));
        }
        case PREFIX + "/traffic.har" -> {
          return raw(200, "application/json", views.har(traffic.all()));
        }
        case PREFIX + "/traffic.html" -> {
          return raw(200, "text/html; charset=utf-8", views.html(traffic.all()));
        }
        default -> {}
      }
    }
    for (ResourceModel model : contract.resources()) {
      String base = PREFIX + "/" + model.collection();
      if (path.equals(base)) {
        if (method.equals(RequestMethod.GET)) {
          return list(model);
        }
        if (method.equals(RequestMethod.POST)) {
          // judged as sent: WireMock holds the body with its secrets masked
          byte[] body = AsSent.body(request);
          return create(model, body);
        }
      }
      if (path.startsWith(base + "/")) {
        String id = path.substring(base.length() + 1);
        if (method.equals(RequestMethod.GET)) {
          return store
              .get(model.name(), id)
              .map(s -> ok(200, contract.views().admin(model, s)))
              .orElseGet(() -> error("mock.no-such-resource", Part.PATH, model.name(), id, "/id"));
        }
        if (method.equals(RequestMethod.DELETE)) {
          return store.delete(model.name(), id)
              ? ok(200, JsonResponses.JSON.createObjectNode().put("deleted", id))
              : error("mock.no-such-resource", Part.PATH, model.name(), id, "/id");
        }
      }
    }
    String collection =
        contract.resources().stream().findFirst().map(ResourceModel::collection).orElse("");
    return error(
        "mock.unknown-endpoint",
        Part.PATH,
        method.getName() + " " + printable(path),
        collection,
        "");
  }

  private ResponseDefinition list(ResourceModel model) {
    ObjectNode body = JsonResponses.JSON.createObjectNode();
    ArrayNode items = body.putArray(model.collection());
    store.all(model.name()).forEach(s -> items.add(contract.views().admin(model, s)));
    return ok(200, body);
  }

  private ResponseDefinition create(ResourceModel model, byte[] raw) {
    JsonNode fields;
    try {
      fields = JsonResponses.JSON.readTree(raw);
    } catch (JacksonException e) {
      fields = null;
    }
    if (fields == null || !fields.isObject()) {
      return error("mock.not-an-object", Part.BODY, model.name(), "", "");
    }
    dev.assistantkit.contract.evaluation.Creator.Creation created =
        contract.create(model, (ObjectNode) fields, profile);
    if (created.state().isEmpty()) {
      return JsonResponses.json(
              400, contract.answers().error(null, 400, created.report(), List.of()).body())
          .build();
    }
    ResourceState state = created.state().get();
    if (!store.create(model.name(), state)) {
      return error(
          "mock.resource-exists", Part.BODY, model.name(), state.id(), "/" + model.idProperty());
    }
    return ok(201, contract.views().admin(model, state));
  }

  private static ResponseDefinition raw(int status, String type, byte[] body) {
    return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", type)
        .withHeader("Cache-Control", "no-store")
        .withHeader("X-Content-Type-Options", "nosniff")
        .withBody(body)
        .build();
  }

  private static ResponseDefinition ok(int status, JsonNode body) {
    return JsonResponses.json(status, JsonResponses.JSON.writeValueAsBytes(body)).build();
  }

  private ResponseDefinition error(
      String ruleId, Part in, String detail, String value, String pointer) {
    Optional<Rule> rule = contract.globalRules().find(ruleId);
    if (rule.isEmpty()) {
      return JsonResponses.json(404, "{\"success\":false,\"message\":\"not found\",\"errors\":[]}");
    }
    Rule r = rule.get();
    ValidationReport report =
        ValidationReport.of(
            r.violation(
                in, pointer, Map.of("detail", printable(detail), "value", printable(value))));
    return JsonResponses.json(
            r.status(), contract.answers().error(null, r.status(), report, List.of()).body())
        .build();
  }

  /** Whole or not at all: a clipped quote could show the start of a secret the masks miss. */
  private static String printable(String s) {
    String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
    return clean.length() > 80 ? "(" + clean.length() + " characters, not quoted)" : clean;
  }
}
