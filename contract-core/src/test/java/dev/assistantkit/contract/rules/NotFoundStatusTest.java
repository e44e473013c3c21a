package dev.assistantkit.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.ResourceModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --stateful}: a resource the mock does not hold is the operation's not-found status, the
 * kit's {@code resource.exists} resolved per operation (404 if it declares 404, else 410 if it
 * declares 410, else 404); and the parent of a resource nested deeper is the immediate one.
 */
class NotFoundStatusTest {

  /** Things whose item GET says 410 (and no 404), whose PATCH says both, whose DELETE neither. */
  private static final String GONE =
      """
      openapi: 3.0.3
      info: {title: gone, version: '1'}
      paths:
        /things:
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
        /things/{id}:
          parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
          get:
            responses:
              '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
              '410': {description: gone for good}
          patch:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            responses:
              '200': {description: changed, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
              '404': {description: none}
              '410': {description: gone for good}
          delete:
            responses: {'204': {description: removed}}
      components:
        schemas:
          Thing:
            type: object
            properties: {id: {type: integer}, name: {type: string}}
      """;

  /** The same item GET, with the document's own resource.exists, which names 404. */
  private static final String OWN_RULE =
      """
      openapi: 3.0.3
      info: {title: own rule, version: '1'}
      x-rule-catalogue:
        - id: resource.exists
          origin: decided
          status: 404
          kind: protocol
          source: 'Ours: a thing no one holds is a 404, whatever the operation says.'
          enforced-by: ['#']
          message: 'no thing has the id {value}'
      paths:
        /things:
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
        /things/{id}:
          parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
          get:
            responses:
              '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
              '410': {description: gone for good}
      components:
        schemas:
          Thing:
            type: object
            properties: {id: {type: integer}, name: {type: string}}
      """;

  /**
   * Three levels, listed deepest first; the deepest names its parents' parameters otherwise than
   * their own paths do; books live under shelves that no POST makes.
   */
  private static final String DEEP =
      """
      openapi: 3.0.3
      info: {title: deep, version: '1'}
      paths:
        /a/{alpha}/b/{beta}/c:
          parameters:
            - {name: alpha, in: path, required: true, schema: {type: string}}
            - {name: beta, in: path, required: true, schema: {type: string}}
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
        /a/{alpha}/b/{beta}/c/{cId}:
          parameters:
            - {name: alpha, in: path, required: true, schema: {type: string}}
            - {name: beta, in: path, required: true, schema: {type: string}}
            - {name: cId, in: path, required: true, schema: {type: string}}
          get:
            responses: {'200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
        /a/{aId}/b:
          parameters: [{name: aId, in: path, required: true, schema: {type: string}}]
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
        /a/{aId}/b/{bId}:
          parameters:
            - {name: aId, in: path, required: true, schema: {type: string}}
            - {name: bId, in: path, required: true, schema: {type: string}}
          get:
            responses: {'200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
        /a:
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
        /a/{aId}:
          parameters: [{name: aId, in: path, required: true, schema: {type: string}}]
          get:
            responses: {'200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
        /shelves:
          get:
            responses: {'200': {description: all}}
        /shelves/{shelfId}/books:
          parameters: [{name: shelfId, in: path, required: true, schema: {type: string}}]
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
        /shelves/{shelfId}/books/{bookId}:
          parameters:
            - {name: shelfId, in: path, required: true, schema: {type: string}}
            - {name: bookId, in: path, required: true, schema: {type: string}}
          get:
            responses: {'200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
      components:
        schemas:
          Node:
            type: object
            properties: {id: {type: string}, name: {type: string}}
      """;

  private final Contract gone = Contract.fromYaml(GONE, Contract.Resources.INFERRED);

  private Operation op(Contract c, String method, String path) {
    return c.operations().stream()
        .filter(o -> o.method().equals(method) && o.pathTemplate().equals(path))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void the_not_found_status_is_404_else_the_declared_410() {
    Operation read = op(gone, "GET", "/things/{id}");
    assertEquals(410, read.notFound());
    assertEquals(Set.of(410), read.notFoundAllowed());
    Operation patch = op(gone, "PATCH", "/things/{id}");
    assertEquals(404, patch.notFound());
    assertEquals(Set.of(404, 410), patch.notFoundAllowed());
    Operation delete = op(gone, "DELETE", "/things/{id}");
    assertEquals(404, delete.notFound(), "the decided 404 where neither is declared");
    assertEquals(Set.of(404), delete.notFoundAllowed());
  }

  @Test
  void a_thing_no_one_holds_is_answered_with_its_operations_not_found_status() {
    Decision read = gone.evaluate(request("GET", "/things/1", null), NothingHeld.KNOWLEDGE);
    assertEquals(410, read.status(Profile.STRICT));
    assertEquals(Set.of("resource.exists"), read.report(Profile.STRICT).ruleIds());
    assertEquals(Set.of(410), read.acceptable(Profile.DOCUMENTED));

    // both declared: the mock answers 404, a server answering 410 follows the document too
    Decision patch =
        gone.evaluate(request("PATCH", "/things/1", "{\"name\": \"x\"}"), NothingHeld.KNOWLEDGE);
    assertEquals(404, patch.status(Profile.STRICT));
    assertEquals(Set.of(404, 410), patch.acceptable(Profile.DOCUMENTED));
    assertEquals(Set.of(404), patch.acceptable(Profile.STRICT));

    Decision delete = gone.evaluate(request("DELETE", "/things/1", null), NothingHeld.KNOWLEDGE);
    assertEquals(404, delete.status(Profile.STRICT));
  }

  @Test
  void a_documents_own_existence_rule_keeps_the_status_it_names() {
    Contract own = Contract.fromYaml(OWN_RULE, Contract.Resources.INFERRED);
    Decision read = own.evaluate(request("GET", "/things/1", null), NothingHeld.KNOWLEDGE);
    assertEquals(404, read.status(Profile.STRICT));
    assertEquals(Set.of("resource.exists"), read.report(Profile.STRICT).ruleIds());
  }

  @Test
  void the_traffic_judge_takes_the_declared_410_for_not_there() {
    TrafficJudge judge = gone.trafficJudge(List.of());
    observe(judge, request("POST", "/things", "{\"id\": 1, \"name\": \"a\"}"), 201, "{\"id\": 1}");
    observe(judge, request("DELETE", "/things/1", null), 204, null);
    TrafficJudge.Judged after = observe(judge, request("GET", "/things/1", null), 410, null);
    assertEquals(Set.of(410), after.prediction().acceptable(Profile.STRICT));
    assertEquals(List.of(), after.judgement().failures(Profile.DOCUMENTED));

    // a 410 to a thing not known of: not there from then on
    TrafficJudge.Judged first = observe(judge, request("GET", "/things/2", null), 410, null);
    assertEquals(Set.of(200, 410), first.prediction().acceptable(Profile.STRICT));
    TrafficJudge.Judged second = observe(judge, request("GET", "/things/2", null), 410, null);
    assertEquals(Set.of(410), second.prediction().acceptable(Profile.STRICT));
  }

  @Test
  void the_immediate_parent_is_asked_whatever_the_order_and_names_of_the_paths() {
    Contract deep = Contract.fromYaml(DEEP, Contract.Resources.INFERRED);
    ResourceModel a = deep.resource("a").orElseThrow();
    ResourceModel b = deep.resource("a/{aId}/b").orElseThrow();
    ResourceModel c = deep.resource("a/{alpha}/b/{beta}/c").orElseThrow();
    assertEquals(Optional.of(a), b.parent());
    assertEquals(Optional.of(b), c.parent());
    assertEquals(List.of(c), b.children());
    ResourceModel.ParentItem item =
        c.parentItem(Map.of("alpha", "1", "beta", "2", "cId", "3")).orElseThrow();
    assertEquals("a/{aId}/b@1", item.collection());
    assertEquals("2", item.id());
    assertEquals("beta", item.parameter());
    assertEquals(Map.of("alpha", "1", "beta", "2"), c.scopeUnder(Map.of("aId", "1"), "2"));

    // b 2 under a 1 is not held: c's actions point at beta; a is not asked
    Decision read = deep.evaluate(request("GET", "/a/1/b/2/c/3", null), NothingHeld.KNOWLEDGE);
    assertEquals(404, read.status(Profile.STRICT));
    assertEquals(
        List.of("/beta"),
        read.report(Profile.STRICT).violations().stream().map(Violation::pointer).toList());

    // the shelves take no POST: no parent, and a book is made under any shelf, as before
    ResourceModel books = deep.resource("shelves/{shelfId}/books").orElseThrow();
    assertEquals(Optional.empty(), books.parent());
    Decision create =
        deep.evaluate(
            request("POST", "/shelves/9/books", "{\"name\": \"Dune\"}"), NothingHeld.KNOWLEDGE);
    assertEquals(201, create.status(Profile.STRICT));
  }

  /** Knowledge of a server that holds nothing. */
  private static final class NothingHeld {
    static final Knowledge KNOWLEDGE =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.ACCEPTED;
          }

          @Override
          public ResourceView resource(String resource, String id) {
            return new Knowledge.Absent();
          }
        };
  }

  private static TrafficJudge.Judged observe(
      TrafficJudge judge, ApiRequest request, int status, String json) {
    return judge.next(
        request,
        Optional.empty(),
        Observed.of(
            status,
            json == null ? null : "application/json",
            json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8)),
        Set.of());
  }

  private static ApiRequest request(String method, String path, String json) {
    return json == null
        ? new ApiRequest(method, path, Headers.of(List.of()), new byte[0])
        : new ApiRequest(
            method,
            path,
            Headers.of(Map.of("Content-Type", "application/json")),
            json.getBytes(StandardCharsets.UTF_8));
  }
}
