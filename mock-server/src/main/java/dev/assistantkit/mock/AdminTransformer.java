package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.mock.edge.AsSent;
import java.util.Map;

/**
 * {@code /__mock}: the assistants' state for frontend developers. List, show, create, delete,
 * reset; secrets masked in every answer.
 */
final class AdminTransformer extends StubTransformer {

  static final String NAME = "assistant-mock-admin";
  static final String PREFIX = "/__mock";

  private final MockRuntime.Loading runtime;
  private final Runnable resetJournal;

  AdminTransformer(MockRuntime.Loading runtime, Runnable resetJournal) {
    super(NAME);
    this.runtime = runtime;
    this.resetJournal = resetJournal;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    RequestMethod method = request.getMethod();
    MockRuntime rt = runtime.get();
    AssistantStore store = rt.store();
    AssistantAdmin admin = rt.admin();
    try {
      if (path.equals(PREFIX + "/reset") && method.equals(RequestMethod.POST)) {
        store.reset();
        resetJournal.run();
        return JsonResponses.json(200, Map.of("reset", true, "assistants", store.all().size()));
      }
      if (path.equals(PREFIX + "/assistants")) {
        if (method.equals(RequestMethod.GET)) {
          return JsonResponses.json(
              200, Map.of("assistants", store.all().stream().map(admin::view).toList()));
        }
        if (method.equals(RequestMethod.POST)) {
          // validated as sent: WireMock holds the body with its secrets masked
          return create(rt, AsSent.body(request));
        }
      }
      if (path.startsWith(PREFIX + "/assistants/")) {
        String id = path.substring((PREFIX + "/assistants/").length());
        if (method.equals(RequestMethod.GET)) {
          return store
              .get(id)
              .map(a -> JsonResponses.json(200, admin.view(a)))
              .orElseGet(() -> notFound(id));
        }
        if (method.equals(RequestMethod.DELETE)) {
          return store.delete(id) ? JsonResponses.json(200, Map.of("deleted", id)) : notFound(id);
        }
      }
      return JsonResponses.json(
          404,
          Map.of(
              "success",
              false,
              "message",
              "unknown mock endpoint; see GET /__mock/assistants, GET|DELETE /__mock/assistants/{id}, "
                  + "POST /__mock/assistants, POST /__mock/reset"));
    } catch (RuntimeException e) {
      return JsonResponses.json(
          500, Map.of("success", false, "message", "internal error of the mock"));
    }
  }

  private static ResponseDefinition create(MockRuntime rt, byte[] body) {
    AssistantAdmin.Created c = rt.admin().create(body);
    if (c.assistant().isEmpty()) {
      if (c.problem() != null) {
        return JsonResponses.json(400, Map.of("success", false, "message", c.problem()));
      }
      return JsonResponses.json(400, rt.contract().errorBodies().render(400, c.report())).build();
    }
    Assistant a = c.assistant().get();
    if (!rt.store().create(a)) {
      return JsonResponses.json(
          409, Map.of("success", false, "message", "an assistant with id " + a.id() + " exists"));
    }
    return JsonResponses.json(201, rt.admin().view(a));
  }

  private static ResponseDefinition notFound(String id) {
    return JsonResponses.json(
        404,
        Map.of(
            "success",
            false,
            "message",
            "no assistant has the id " + id.replaceAll("[^0-9A-Za-z-]", "?")));
  }
}
