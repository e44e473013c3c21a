package dev.assistantkit.conformance;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.testsupport.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Mocks serving a corpus document, each broken in one keyword of it: the plain-document section of
 * the kill matrix. A variant skips the validation of one derived rule (a request the mock refuses
 * under that rule alone is answered as a success, with a body valid for the success response), or
 * accepts any API key. (Test fixtures: the suite itself knows no rule of any document.)
 */
final class PlainVariants {

  /**
   * A broken mock of a corpus document.
   *
   * @param document the corpus document it serves
   * @param name what is broken
   * @param mustName the rule the kill must name
   * @param extensions the extensions that break it, given the contract and the key it accepts
   */
  record Variant(
      String document,
      String name,
      String mustName,
      java.util.function.BiFunction<Contract, String, List<Extension>> extensions) {

    Path spec() {
      return Corpus.document(Path.of(".."), document).main();
    }

    @Override
    public String toString() {
      return document + ": " + name;
    }
  }

  private PlainVariants() {}

  static List<Variant> all() {
    List<Variant> out = new ArrayList<>();
    for (String rule :
        List.of("addPet.body.name.required", "addPet.body.name.type", "addPet.body.tag.type")) {
      out.add(skips("oai-petstore-expanded", rule));
    }
    out.add(skips("swagger-petstore-v3", "findPetsByStatus.query.status.enum"));
    out.add(skips("swagger-petstore-v3", "getPetById.path.petId.type"));
    // not yet: a mock accepting any API key (a request filter rewriting X-API-KEY does not reach
    // the mock's engine, which reads the request as sent)
    return out;
  }

  private static Variant skips(String document, String rule) {
    return new Variant(
        document,
        "skips the validation of " + rule,
        rule,
        (contract, key) -> List.of(skipValidation(contract, rule)));
  }

  /** Answers a request the mock refuses under this rule alone as a success. */
  static Extension skipValidation(Contract contract, String ruleId) {
    return new ResponseTransformerV2() {
      @Override
      public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        if (response.getStatus() / 100 != 4 || !onlyRule(response, ruleId)) {
          return response;
        }
        Route route = contract.route(request.getMethod().getName(), request.getUrl());
        if (!(route instanceof Route.Matched m)) {
          return response;
        }
        return success(contract, m.operation(), response);
      }

      @Override
      public boolean applyGlobally() {
        return true;
      }

      @Override
      public String getName() {
        return "plain-skip-" + ruleId;
      }
    };
  }

  private static boolean onlyRule(Response response, String ruleId) {
    JsonNode errors;
    try {
      errors = SpecBodies.JSON.readTree(response.getBody()).path("errors");
    } catch (RuntimeException notJson) {
      return false;
    }
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

  /** The operation's success: its status and a body generated for its JSON schema, if any. */
  private static Response success(Contract contract, Operation op, Response like) {
    int status = op.successStatus();
    Optional<String> schema =
        op.response(status).flatMap(r -> r.json()).flatMap(MediaType::schemaLocation);
    Optional<JsonNode> body =
        schema.flatMap(s -> contract.generator().valid(s, 1, Direction.RESPONSE));
    Response.Builder b = Response.Builder.like(like).but().status(status);
    if (body.isPresent()) {
      return b.body(SpecBodies.bytes(body.get()))
          .headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json")))
          .build();
    }
    return b.body(new byte[0]).headers(new HttpHeaders()).build();
  }

  /** Rewrites any value of an API key header to the key the mock accepts: any key is let in. */
  static Extension anyHeaderKey(String header, String key) {
    return new RequestFilterV2() {
      @Override
      public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        if (!request.containsHeader(header)) {
          return RequestFilterAction.continueWith(request);
        }
        return RequestFilterAction.continueWith(
            RequestWrapper.create().transformHeader(header, values -> List.of(key)).wrap(request));
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
        return "plain-any-key-" + header;
      }
    };
  }

  /** The names of the variants' rules, for a test's message. */
  static Set<String> rules() {
    Set<String> out = new java.util.TreeSet<>();
    all().forEach(v -> out.add(v.mustName()));
    return out;
  }
}
