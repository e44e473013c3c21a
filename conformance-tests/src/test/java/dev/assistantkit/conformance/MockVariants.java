package dev.assistantkit.conformance;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reference mocks broken on purpose, one rule each: WireMock extensions passed to {@code
 * MockServer.start}. The suite must fail against every one of them, naming the broken rule. (Test
 * fixtures: they name the page's fields, which the suite itself never does.)
 */
final class MockVariants {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OTHER_ID = "11111111-1111-4111-8111-111111111111";
  private static final String PATH = "/assistant/update/";

  /**
   * A broken mock, or one that answers where the page is silent otherwise than the mock does.
   *
   * @param name what is broken (or chosen otherwise)
   * @param mustName the rules a kill may name (at least one of them); for a page-following variant,
   *     the decided rules its advice names
   * @param profile the profile that must catch it: documented for a documented rule; for a
   *     page-following variant, the documented profile, which it must pass
   * @param followsPage whether it follows the page (it must pass, with advice)
   * @param extensions the extensions that change it, given the key the mock accepts
   */
  record Variant(
      String name,
      Set<String> mustName,
      Profile profile,
      boolean followsPage,
      Function<String, List<Extension>> extensions) {

    Variant(
        String name,
        Set<String> mustName,
        Profile profile,
        Function<String, List<Extension>> extensions) {
      this(name, mustName, profile, false, extensions);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private MockVariants() {}

  static List<Variant> all(Contract contract) {
    List<Variant> out = new ArrayList<>();
    for (Rule r : contract.operations().get(0).rules().all()) {
      if ((r.kind() == RuleKind.SCHEMA || r.kind() == RuleKind.STATE) && r.status() == 400) {
        Set<String> names =
            r.id().equals("path.assistant-id-uuid")
                // a decided 400 turned into 200 is also not the page's 404 for an unknown id
                ? Set.of(r.id(), "assistant.exists")
                : Set.of(r.id());
        out.add(
            new Variant(
                "skips the validation of " + r.id(),
                names,
                profileFor(r.origin()),
                key -> List.of(skipValidation(contract, r.id()))));
      }
    }
    out.add(
        new Variant(
            "accepts any bearer token",
            Set.of("auth.bearer"),
            Profile.DOCUMENTED,
            key -> List.of(rewriteToken(key, token -> true))));
    out.add(
        new Variant(
            "accepts any token starting with the key",
            Set.of("auth.bearer"),
            Profile.DOCUMENTED,
            key -> List.of(rewriteToken(key, token -> token.startsWith(key)))));
    out.add(
        documented(
            "accepts a null assistant_tts_config",
            Set.of("tts.pair", "mode.pipeline-requires-tts"),
            responses(
                "null-tts-config",
                (res, req) ->
                    res.getStatus() == 400 && body(req).path("assistant_tts_config").isNull()
                        ? success(contract, req, res)
                        : res)));
    out.add(
        documented(
            "accepts a null assistant_llm_config on a realtime switch",
            Set.of("mode.realtime-requires-llm-config"),
            responses(
                "null-llm-config",
                (res, req) ->
                    res.getStatus() == 400
                            && body(req).path("assistant_llm_mode").asString("").equals("realtime")
                            && body(req).path("assistant_llm_config").isNull()
                        ? success(contract, req, res)
                        : res)));
    out.add(
        documented(
            "rejects the page's realtime example",
            Set.of("page.examples", "mode.realtime-requires-llm-config"),
            rejecting(
                "realtime-example",
                req ->
                    body(req)
                        .equals(
                            contract
                                .spec()
                                .exampleValue("#/components/examples/SwitchToRealtime")))));
    out.add(
        new Variant(
            "rejects speaks_first in realtime mode",
            Set.of("interaction.speaks-first"),
            Profile.DOCUMENTED,
            key -> List.of(new SpeaksFirstOnlyInPipeline())));
    out.add(
        documented(
            "answers 200 for unknown ids",
            Set.of("assistant.exists"),
            responses(
                "unknown-id-200",
                (res, req) -> res.getStatus() == 404 ? success(contract, req, res) : res)));
    out.add(
        documented(
            "answers 201 instead of 200",
            Set.of("response.status-declared"),
            responses(
                "created-201",
                (res, req) ->
                    res.getStatus() == 200
                        ? Response.Builder.like(res).but().status(201).build()
                        : res)));
    out.add(
        documented(
            "omits data.assistant_id",
            Set.of("response.success-body"),
            responses(
                "no-assistant-id",
                (res, req) -> res.getStatus() == 200 ? withBody(res, b -> dataId(b, null)) : res)));
    out.add(
        documented(
            "answers another data.assistant_id",
            Set.of("response.assistant-id-echo"),
            responses(
                "other-assistant-id",
                (res, req) ->
                    res.getStatus() == 200 ? withBody(res, b -> dataId(b, OTHER_ID)) : res)));
    out.add(
        documented(
            "answers 500 for malformed JSON",
            Set.of("body.json-syntax", "server.internal-error"),
            responses(
                "malformed-json-500",
                (res, req) ->
                    onlyRule(res, "body.json-syntax")
                        ? Response.Builder.like(res)
                            .but()
                            .status(500)
                            .body(
                                "{\"success\":false,\"message\":\"Internal server error\",\"errors\":[]}")
                            .build()
                        : res)));
    out.add(
        documented(
            "answers 422 instead of 400",
            Set.of("response.status-declared"),
            responses(
                "unprocessable-422",
                (res, req) ->
                    res.getStatus() == 400
                        ? Response.Builder.like(res).but().status(422).build()
                        : res)));
    out.add(
        documented(
            "accepts assistant_tts_config as a string",
            Set.of("body.field-type"),
            responses(
                "tts-config-string",
                (res, req) ->
                    onlyAt(res, "body.field-type", "/assistant_tts_config")
                            && body(req).path("assistant_tts_config").isString()
                        ? success(contract, req, res)
                        : res)));
    out.add(
        documented(
            "accepts assistant_llm_config as a string",
            Set.of("body.field-type"),
            responses(
                "llm-config-string",
                (res, req) ->
                    onlyAt(res, "body.field-type", "/assistant_llm_config")
                            && body(req).path("assistant_llm_config").isString()
                        ? success(contract, req, res)
                        : res)));
    out.add(
        new Variant(
            "answers a second Authorization header with 400",
            Set.of("auth.malformed"),
            Profile.DOCUMENTED,
            true,
            key ->
                List.of(
                    rejecting(
                        "second-authorization",
                        req ->
                            req.header("Authorization").isPresent()
                                && req.header("Authorization").values().size() > 1,
                        "auth.bearer"))));
    out.add(
        new Variant(
            "honours a form-encoded body",
            Set.of("body.content-type"),
            Profile.DOCUMENTED,
            true,
            key -> List.of(new FormBodies(contract))));
    out.add(
        new Variant(
            // the page shows one TTS config (elevenlabs, voice_id) and never says what another
            // provider's holds: refusing every config without a voice_id stays within it
            "refuses TTS settings without a voice_id",
            Set.of("tts-config.provider-settings"),
            Profile.DOCUMENTED,
            true,
            key ->
                List.of(
                    rejecting(
                        "tts-voice-required",
                        req -> {
                          JsonNode config = body(req).path("assistant_tts_config");
                          return config.isObject() && !config.path("voice_id").isString();
                        },
                        "tts-config.non-empty"))));
    out.add(
        new Variant(
            // the page names no realtime provider but its example's: taking only gemini stays
            // within it
            "refuses realtime providers other than gemini",
            Set.of("llm-config.provider-settings"),
            Profile.DOCUMENTED,
            true,
            key ->
                List.of(
                    rejecting(
                        "gemini-only",
                        req -> {
                          JsonNode config = body(req).path("assistant_llm_config");
                          return config.isObject()
                              && !config.path("provider").asString("").equals("gemini");
                        },
                        "llm-config.required"))));
    out.add(
        documented(
            "answers 200 as text/plain",
            Set.of("response.json"),
            responses(
                "text-plain-200",
                (res, req) -> res.getStatus() == 200 ? withContentType(res, "text/plain") : res)));
    return List.copyOf(out);
  }

  private static Profile profileFor(Origin origin) {
    return origin == Origin.DOCUMENTED ? Profile.DOCUMENTED : Profile.STRICT;
  }

  private static Variant documented(String name, Set<String> rules, Extension extension) {
    return new Variant(name, rules, Profile.DOCUMENTED, key -> List.of(extension));
  }

  /** A 400 whose every error carries the rule becomes the documented 200. */
  static Extension skipValidation(Contract contract, String ruleId) {
    return responses(
        "skip-" + ruleId, (res, req) -> onlyRule(res, ruleId) ? success(contract, req, res) : res);
  }

  /** Error bodies without rule ids: a server with its own error shape. */
  static Extension ownErrorShape() {
    return responses(
        "own-error-shape",
        (res, req) ->
            res.getStatus() >= 400
                ? Response.Builder.like(res)
                    .but()
                    .body("{\"success\":false,\"message\":\"rejected\"}")
                    .build()
                : res);
  }

  /**
   * Rewrites the Authorization header of tokens the predicate lets through to the key the mock
   * accepts, before the mock sees it: a server that compares tokens loosely.
   */
  static Extension rewriteToken(String validKey, java.util.function.Predicate<String> lets) {
    return new RequestFilterV2() {
      @Override
      public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        if (!isUpdate(request)) {
          return RequestFilterAction.continueWith(request);
        }
        // the token as the client sent it: WireMock's view of the request holds it masked
        String auth =
            request instanceof dev.assistantkit.mock.wiremock.KitRequest k
                ? k.asSent().header("Authorization").orElse(null)
                : request.getHeader("Authorization");
        String token =
            auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).trim()
                : null;
        if (token == null && !lets.test("")) {
          return RequestFilterAction.continueWith(request);
        }
        if (token != null && !lets.test(token)) {
          return RequestFilterAction.continueWith(request);
        }
        // (a WireMock RequestWrapper drops a header it is told both to remove and to add)
        RequestWrapper.Builder b = RequestWrapper.create();
        if (request.containsHeader("Authorization")) {
          b.transformHeader("Authorization", values -> List.of("Bearer " + validKey));
        } else {
          b.addHeader("Authorization", "Bearer " + validKey);
        }
        return RequestFilterAction.continueWith(b.wrap(request));
      }

      @Override
      public boolean applyToAdmin() {
        return false;
      }

      @Override
      public boolean applyToStubs() {
        return true;
      }

      @Override
      public String getName() {
        return "variant-token-" + System.identityHashCode(lets);
      }
    };
  }

  /** Answers 400 itself, before the mock sees the request, when the predicate holds. */
  static Extension rejecting(String name, java.util.function.Predicate<Request> when) {
    return rejecting(name, when, "llm-config.required");
  }

  /** Answers 400 naming a rule itself, before the mock sees the request, when it holds. */
  static Extension rejecting(
      String name, java.util.function.Predicate<Request> when, String ruleId) {
    return new RequestFilterV2() {
      @Override
      public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        return isUpdate(request) && when.test(request)
            ? RequestFilterAction.stopWith(rejection(ruleId))
            : RequestFilterAction.continueWith(request);
      }

      @Override
      public boolean applyToAdmin() {
        return false;
      }

      @Override
      public boolean applyToStubs() {
        return true;
      }

      @Override
      public String getName() {
        return "variant-reject-" + name;
      }
    };
  }

  private static com.github.tomakehurst.wiremock.http.ResponseDefinition rejection() {
    return rejection("llm-config.required");
  }

  private static com.github.tomakehurst.wiremock.http.ResponseDefinition rejection(String ruleId) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"success\":false,\"message\":\"Validation or payload mismatch error\","
                + "\"errors\":[{\"rule\":\""
                + ruleId
                + "\",\"in\":\"body\",\"pointer\":\"\",\"message\":\"not supported\"}]}")
        .build();
  }

  /**
   * A server that honours application/x-www-form-urlencoded bodies: it answers them itself with the
   * documented 200 (the page says how to send a body, not what a server does with one sent
   * otherwise), before the mock sees them.
   */
  static final class FormBodies implements RequestFilterV2 {
    private final Contract contract;

    FormBodies(Contract contract) {
      this.contract = contract;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
      String type = request.getHeader("Content-Type");
      if (!isUpdate(request)
          || type == null
          || !type.toLowerCase(java.util.Locale.ROOT)
              .startsWith("application/x-www-form-urlencoded")) {
        return RequestFilterAction.continueWith(request);
      }
      String segment = request.getUrl().substring(PATH.length()).split("\\?")[0];
      ObjectNode body =
          (ObjectNode)
              contract.spec().exampleValue("#/components/examples/UpdateSuccess").deepCopy();
      ((ObjectNode) body.get("data"))
          .put("assistant_id", URLDecoder.decode(segment, StandardCharsets.UTF_8));
      return RequestFilterAction.stopWith(
          ResponseDefinitionBuilder.responseDefinition()
              .withStatus(200)
              .withHeader("Content-Type", "application/json")
              .withBody(JSON.writeValueAsBytes(body))
              .build());
    }

    @Override
    public boolean applyToAdmin() {
      return false;
    }

    @Override
    public boolean applyToStubs() {
      return true;
    }

    @Override
    public String getName() {
      return "variant-form-bodies";
    }
  }

  /**
   * Rejects {@code speaks_first} while the assistant is (or is going) realtime: tracks the mode
   * from the switches the mock accepted.
   */
  static final class SpeaksFirstOnlyInPipeline implements RequestFilterV2, ResponseTransformerV2 {
    private volatile String mode = "pipeline";

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
      if (!isUpdate(request)) {
        return RequestFilterAction.continueWith(request);
      }
      JsonNode b = body(request);
      String after = b.path("assistant_llm_mode").asString(mode);
      boolean speaksFirst = b.path("assistant_interaction_config").has("speaks_first");
      return speaksFirst && after.equals("realtime")
          ? RequestFilterAction.stopWith(rejection())
          : RequestFilterAction.continueWith(request);
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      Request request = serveEvent.getRequest();
      if (isUpdate(request) && response.getStatus() == 200) {
        String m = body(request).path("assistant_llm_mode").asString("");
        if (m.equals("pipeline") || m.equals("realtime")) {
          mode = m;
        }
      }
      return response;
    }

    @Override
    public boolean applyToAdmin() {
      return false;
    }

    @Override
    public boolean applyToStubs() {
      return true;
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "variant-speaks-first-only-in-pipeline";
    }
  }

  interface Change {
    Response apply(Response response, Request request);
  }

  /** A global response transformer changing only the operation's responses. */
  static Extension responses(String name, Change change) {
    return new ResponseTransformerV2() {
      @Override
      public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        return isUpdate(request) ? change.apply(response, request) : response;
      }

      @Override
      public boolean applyGlobally() {
        return true;
      }

      @Override
      public String getName() {
        return "variant-" + name;
      }
    };
  }

  static boolean isUpdate(Request request) {
    return request.getMethod().equals(RequestMethod.PATCH) && request.getUrl().startsWith(PATH);
  }

  /** The request body as JSON; a missing node when it is not JSON. */
  static JsonNode body(Request request) {
    try {
      JsonNode n = JSON.readTree(request.getBody());
      return n == null ? JSON.missingNode() : n;
    } catch (JacksonException | IllegalArgumentException e) {
      return JSON.missingNode();
    }
  }

  /** Is this a 400 whose errors all carry the rule, at this pointer? */
  static boolean onlyAt(Response response, String ruleId, String pointer) {
    if (!onlyRule(response, ruleId)) {
      return false;
    }
    for (JsonNode e : JSON.readTree(response.getBody()).path("errors")) {
      if (!pointer.equals(e.path("pointer").asString(""))) {
        return false;
      }
    }
    return true;
  }

  /** Is this a 400 whose errors all carry the rule? */
  static boolean onlyRule(Response response, String ruleId) {
    if (response.getStatus() != 400) {
      return false;
    }
    JsonNode errors = JSON.readTree(response.getBody()).path("errors");
    if (errors.isEmpty()) {
      return false;
    }
    for (JsonNode e : errors) {
      if (!ruleId.equals(e.path("rule").asString(""))) {
        return false;
      }
    }
    return true;
  }

  /** The documented 200 body for the request's assistant id. */
  static Response success(Contract contract, Request request, Response response) {
    ObjectNode body =
        (ObjectNode) contract.spec().exampleValue("#/components/examples/UpdateSuccess").deepCopy();
    String segment = request.getUrl().substring(PATH.length()).split("\\?")[0];
    ((ObjectNode) body.get("data"))
        .put("assistant_id", URLDecoder.decode(segment, StandardCharsets.UTF_8));
    return withContentType(
        Response.Builder.like(response)
            .but()
            .status(200)
            .body(JSON.writeValueAsBytes(body))
            .build(),
        "application/json");
  }

  private static Response withBody(Response response, UnaryOperator<ObjectNode> change) {
    ObjectNode body = (ObjectNode) JSON.readTree(response.getBody());
    return Response.Builder.like(response)
        .but()
        .body(JSON.writeValueAsBytes(change.apply(body)))
        .build();
  }

  private static ObjectNode dataId(ObjectNode body, String id) {
    ObjectNode data = (ObjectNode) body.get("data");
    if (id == null) {
      data.remove("assistant_id");
    } else {
      data.put("assistant_id", id);
    }
    return body;
  }

  private static Response withContentType(Response response, String type) {
    List<HttpHeader> headers = new ArrayList<>();
    for (HttpHeader h : response.getHeaders().all()) {
      if (!h.keyEquals("Content-Type")) {
        headers.add(h);
      }
    }
    headers.add(new HttpHeader("Content-Type", type));
    return Response.Builder.like(response).but().headers(new HttpHeaders(headers)).build();
  }
}
