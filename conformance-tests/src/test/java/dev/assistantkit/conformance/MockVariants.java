package dev.assistantkit.conformance;

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
import dev.assistantkit.contract.Origin;
import dev.assistantkit.contract.Rule;
import dev.assistantkit.contract.RuleKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reference mocks broken on purpose, one rule each: WireMock extensions passed to {@code
 * MockServer.start}. The suite must fail against every one of them, naming the broken rule.
 */
final class MockVariants {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OTHER_ID = "11111111-1111-4111-8111-111111111111";

  /**
   * A broken mock.
   *
   * @param name what is broken
   * @param mustName the rules the failures must name
   * @param profile the profile that must catch it: documented for a documented rule
   * @param extensions the extensions that break it, given the key the mock accepts
   */
  record Variant(
      String name,
      Set<String> mustName,
      Profile profile,
      java.util.function.Function<String, List<Extension>> extensions) {

    @Override
    public String toString() {
      return name;
    }
  }

  private MockVariants() {}

  static List<Variant> all(Contract contract) {
    List<Variant> out = new ArrayList<>();
    for (Rule r : contract.rules().all()) {
      if (r.kind() == RuleKind.SCHEMA && r.status() == 400) {
        out.add(
            new Variant(
                "skips the validation of " + r.id(),
                Set.of(r.id()),
                profileFor(r.origin()),
                key -> List.of(skipValidation(contract, r.id()))));
      }
    }
    out.add(
        new Variant(
            "accepts any bearer token",
            Set.of("auth.bearer"),
            Profile.DOCUMENTED,
            key -> List.of(acceptAnyToken(key))));
    out.add(
        documented(
            "answers 200 for unknown ids",
            "assistant.exists",
            responses(
                "unknown-id-200",
                (res, req) -> res.getStatus() == 404 ? success(contract, req, res) : res)));
    out.add(
        documented(
            "answers 201 instead of 200",
            "response.status-declared",
            responses(
                "created-201",
                (res, req) ->
                    res.getStatus() == 200
                        ? Response.Builder.like(res).but().status(201).build()
                        : res)));
    out.add(
        documented(
            "omits data.assistant_id",
            "response.success-body",
            responses(
                "no-assistant-id",
                (res, req) -> res.getStatus() == 200 ? withBody(res, b -> dataId(b, null)) : res)));
    out.add(
        documented(
            "answers another data.assistant_id",
            "response.assistant-id-echo",
            responses(
                "other-assistant-id",
                (res, req) ->
                    res.getStatus() == 200 ? withBody(res, b -> dataId(b, OTHER_ID)) : res)));
    out.add(
        new Variant(
            "answers 500 for malformed JSON",
            Set.of("body.json-syntax", "server.internal-error"),
            Profile.DOCUMENTED,
            key ->
                List.of(
                    responses(
                        "malformed-json-500",
                        (res, req) ->
                            onlyRule(res, "body.json-syntax")
                                ? Response.Builder.like(res)
                                    .but()
                                    .status(500)
                                    .body(
                                        contract
                                            .spec()
                                            .firstResponseExample(500)
                                            .getBytes(StandardCharsets.UTF_8))
                                    .build()
                                : res))));
    out.add(
        documented(
            "answers 422 instead of 400",
            "response.status-declared",
            responses(
                "unprocessable-422",
                (res, req) ->
                    res.getStatus() == 400
                        ? Response.Builder.like(res).but().status(422).build()
                        : res)));
    out.add(
        documented(
            "answers 200 as text/plain",
            "response.json",
            responses(
                "text-plain-200",
                (res, req) -> res.getStatus() == 200 ? withContentType(res, "text/plain") : res)));
    return List.copyOf(out);
  }

  private static Profile profileFor(Origin origin) {
    return origin == Origin.DOCUMENTED ? Profile.DOCUMENTED : Profile.STRICT;
  }

  private static Variant documented(String name, String rule, Extension extension) {
    return new Variant(name, Set.of(rule), Profile.DOCUMENTED, key -> List.of(extension));
  }

  /** A 400 whose every error carries the rule becomes the documented 200. */
  static Extension skipValidation(Contract contract, String ruleId) {
    return responses(
        "skip-" + ruleId, (res, req) -> onlyRule(res, ruleId) ? success(contract, req, res) : res);
  }

  /** Rewrites every Authorization header to the key the mock accepts, before the mock sees it. */
  static Extension acceptAnyToken(String validKey) {
    return new RequestFilterV2() {
      @Override
      public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        if (!isUpdate(request)) {
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
        return "variant-accept-any-token";
      }
    };
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
    return request.getMethod().equals(RequestMethod.PATCH)
        && request.getUrl().startsWith("/assistant/update/");
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
    ObjectNode body = (ObjectNode) JSON.readTree(contract.spec().firstResponseExample(200));
    String segment = request.getUrl().substring("/assistant/update/".length()).split("\\?")[0];
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
