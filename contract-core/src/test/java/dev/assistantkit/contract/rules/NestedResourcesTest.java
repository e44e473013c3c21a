package dev.assistantkit.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --stateful} on collections nested under another item ({@code /owners/{ownerId}/pets}): one
 * collection per value of the parents' path parameters, which the engine asks its knowledge about.
 */
class NestedResourcesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Owners and their pets, the pets' schema naming their owner as the path does. */
  private static final String OWNERS =
      """
      openapi: 3.0.3
      info: {title: owners, version: '1'}
      paths:
        /owners:
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}}
        /owners/{ownerId}:
          parameters: [{name: ownerId, in: path, required: true, schema: {type: integer}}]
          get:
            responses: {'200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}}
          delete:
            responses: {'204': {description: gone}}
        /owners/{ownerId}/pets:
          parameters: [{name: ownerId, in: path, required: true, schema: {type: integer}}]
          get:
            responses: {'200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}}
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
        /owners/{ownerId}/pets/{petId}:
          parameters:
            - {name: ownerId, in: path, required: true, schema: {type: integer}}
            - {name: petId, in: path, required: true, schema: {type: integer}}
          get:
            responses:
              '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
              '404': {description: none}
          put:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
            responses: {'200': {description: replaced, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
          patch:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
            responses: {'200': {description: changed, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
          delete:
            responses: {'204': {description: gone}}
        /users/{username}/repos:
          post:
            parameters: [{name: username, in: path, required: true, schema: {type: string}}]
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Repo'}}}}
            responses: {'201': {description: created}}
        /users/{username}/repos/{username}:
          get:
            parameters: [{name: username, in: path, required: true, schema: {type: string}}]
            responses: {'200': {description: one}}
      components:
        schemas:
          Owner:
            type: object
            properties: {id: {type: integer}, name: {type: string}}
          Pet:
            type: object
            required: [name]
            properties: {petId: {type: integer}, ownerId: {type: integer}, name: {type: string}}
          Repo:
            type: object
            properties: {name: {type: string}}
      """;

  private final Contract contract = Contract.fromYaml(OWNERS, Contract.Resources.INFERRED);

  private ResourceModel pets() {
    return contract.resource("owners/{ownerId}/pets").orElseThrow();
  }

  @Test
  void a_collection_under_an_item_is_scoped_by_its_parents_path_values() {
    ResourceModel pets = pets();
    assertEquals(List.of("ownerId"), pets.scope());
    assertEquals("petId", pets.idProperty());
    assertEquals(
        "owners/{ownerId}/pets@1", pets.collectionOf(Map.of("ownerId", "1", "petId", "7")));
    assertNotEquals(
        pets.collectionOf(Map.of("ownerId", "1")), pets.collectionOf(Map.of("ownerId", "2")));
    // a value with the mark or a slash in it cannot pass for another parent's
    assertEquals("owners/{ownerId}/pets@a%2Fb%40c", pets.collectionOf(Map.of("ownerId", "a/b@c")));
    assertEquals(
        "owners/{ownerId}/pets", ResourceModel.resourceOf("owners/{ownerId}/pets@a%2Fb%40c"));
    // the parent at the top of the paths has one collection
    ResourceModel owners = contract.resource("owners").orElseThrow();
    assertEquals(List.of(), owners.scope());
    assertEquals("owners", owners.collectionOf(Map.of("ownerId", "1")));
  }

  @Test
  void every_operation_of_the_nested_pair_acts_on_the_nested_resource() {
    Map<String, Operation.Action> actions = new java.util.TreeMap<>();
    for (Operation op : contract.operations()) {
      op.resource()
          .filter(a -> a.resource() == pets())
          .ifPresent(a -> actions.put(op.method() + " " + op.pathTemplate(), a.action()));
    }
    assertEquals(
        Map.of(
            "GET /owners/{ownerId}/pets", Operation.Action.LIST,
            "POST /owners/{ownerId}/pets", Operation.Action.CREATE,
            "GET /owners/{ownerId}/pets/{petId}", Operation.Action.READ,
            "PUT /owners/{ownerId}/pets/{petId}", Operation.Action.REPLACE,
            "PATCH /owners/{ownerId}/pets/{petId}", Operation.Action.UPDATE,
            "DELETE /owners/{ownerId}/pets/{petId}", Operation.Action.DELETE),
        actions);
  }

  @Test
  void an_item_parameter_named_as_its_parent_is_not_inferred() {
    // /users/{username}/repos/{username}: which value names the repo cannot be told
    assertTrue(contract.resource("users/{username}/repos").isEmpty());
  }

  @Test
  void the_engine_asks_for_the_owner_then_for_the_item_in_the_collection_the_path_names() {
    List<String> asked = new ArrayList<>();
    Knowledge ownerHeld =
        knowledge(
            Map.of("owners 2", new Knowledge.Present(ResourceState.partial("2"))),
            new Knowledge.Absent(),
            asked);
    Decision d = contract.evaluate(get("/owners/2/pets/7"), ownerHeld);
    assertEquals(List.of("owners 2", "owners/{ownerId}/pets@2 7"), asked);
    assertEquals(404, d.status(Profile.DOCUMENTED));
    assertEquals(List.of("/petId"), pointers(d));

    // no owner 2: the pet is not asked for, and the answer points at the owner
    asked.clear();
    d =
        contract.evaluate(
            get("/owners/2/pets/7"), knowledge(Map.of(), new Knowledge.Absent(), asked));
    assertEquals(List.of("owners 2"), asked);
    assertEquals(404, d.status(Profile.STRICT));
    assertEquals(List.of("/ownerId"), pointers(d));
  }

  @Test
  void the_pets_of_an_owner_no_one_holds_are_not_there_whatever_the_action() {
    Knowledge noOwners = knowledge(Map.of(), new Knowledge.Absent(), new ArrayList<>());
    for (ApiRequest r :
        List.of(
            post("/owners/9/pets", "{\"name\": \"Rex\"}"),
            get("/owners/9/pets"),
            get("/owners/9/pets/1"),
            send("PUT", "/owners/9/pets/1", "{\"name\": \"Rex\"}"),
            send("PATCH", "/owners/9/pets/1", "{\"name\": \"Tom\"}"),
            send("DELETE", "/owners/9/pets/1", null))) {
      Decision d = contract.evaluate(r, noOwners);
      assertEquals(404, d.status(Profile.STRICT), r::toString);
      List<Violation> found = d.report(Profile.STRICT).violations();
      assertEquals(1, found.size(), found::toString);
      assertEquals("resource.exists", found.get(0).ruleId(), r::toString);
      assertEquals(Part.PATH, found.get(0).in(), r::toString);
      assertEquals("/ownerId", found.get(0).pointer(), r::toString);
      assertTrue(found.get(0).message().contains("9"), found.get(0)::message);
      assertEquals(Stage.EXISTENCE, d.failedStage(Profile.STRICT).orElseThrow(), r::toString);
    }
    // an owner that is there: a create and a list go ahead
    Knowledge ownerHeld =
        knowledge(
            Map.of("owners 9", new Knowledge.Present(ResourceState.partial("9"))),
            new Knowledge.Absent(),
            new ArrayList<>());
    assertEquals(
        201,
        contract
            .evaluate(post("/owners/9/pets", "{\"name\": \"Rex\"}"), ownerHeld)
            .status(Profile.STRICT));
    assertEquals(200, contract.evaluate(get("/owners/9/pets"), ownerHeld).status(Profile.STRICT));
  }

  @Test
  void a_decision_kept_for_judging_later_keeps_what_it_assumed_of_the_owner() {
    Knowledge noOwners = knowledge(Map.of(), new Knowledge.Absent(), new ArrayList<>());
    Knowledge petHeld =
        knowledge(
            Map.of(
                "owners 9",
                new Knowledge.Present(ResourceState.partial("9")),
                "owners/{ownerId}/pets@9 1",
                new Knowledge.Present(
                    ResourceState.of(
                        "1", (ObjectNode) JSON.readTree("{\"petId\":1,\"name\":\"Rex\"}"), 0))),
            new Knowledge.Absent(),
            new ArrayList<>());
    for (Knowledge k : List.of(noOwners, petHeld)) {
      for (ApiRequest r :
          List.of(
              post("/owners/9/pets", "{\"name\": \"Rex\"}"),
              get("/owners/9/pets"),
              get("/owners/9/pets/1"),
              send("PATCH", "/owners/9/pets/1", "{\"name\": \"Tom\"}"))) {
        Decision d = contract.evaluate(r, k);
        Decision kept = d.kept(() -> r, r);
        assertEquals(d.assumption(), kept.assumption(), r::toString);
        for (Profile p : Profile.values()) {
          assertEquals(d.status(p), kept.status(p), r::toString);
          assertEquals(pointers(d), pointers(kept), r::toString);
        }
      }
    }
  }

  @Test
  void where_the_owner_is_unknown_both_are_predicted() {
    Knowledge unknown = knowledge(Map.of(), new Knowledge.Unknown(), new ArrayList<>());
    // a create and a list: the owner there (the create's 201, the list's 200) or not
    Prediction create = contract.predict(post("/owners/3/pets", "{\"name\": \"Rex\"}"), unknown);
    assertEquals(Set.of(201, 404), create.acceptable(Profile.STRICT), create.branches()::toString);
    assertEquals(
        201, create.first().status(Profile.STRICT), "the likeliest first: the owner there");
    Prediction list = contract.predict(get("/owners/3/pets"), unknown);
    assertEquals(Set.of(200, 404), list.acceptable(Profile.STRICT));
    // an item: the pet there, the pet not there, the owner not there
    Prediction read = contract.predict(get("/owners/3/pets/4"), unknown);
    assertEquals(3, read.branches().size(), read.branches()::toString);
    assertEquals(Set.of(200, 404), read.acceptable(Profile.STRICT));
    assertEquals(
        List.of(List.of(), List.of("/petId"), List.of("/ownerId")),
        read.branches().stream().map(NestedResourcesTest::pointers).toList());
    // an owner known to be there: no branch without it
    Knowledge ownerHeld =
        knowledge(
            Map.of("owners 3", new Knowledge.Present(ResourceState.partial("3"))),
            new Knowledge.Unknown(),
            new ArrayList<>());
    assertEquals(
        List.of(201),
        contract
            .predict(post("/owners/3/pets", "{\"name\": \"Rex\"}"), ownerHeld)
            .branches()
            .stream()
            .map(b -> b.status(Profile.STRICT))
            .toList());
    assertEquals(2, contract.predict(get("/owners/3/pets/4"), ownerHeld).branches().size());
  }

  @Test
  void the_owners_are_the_pets_parent_and_a_path_that_is_no_resource_is_none() {
    ResourceModel owners = contract.resource("owners").orElseThrow();
    assertEquals(Optional.of(owners), pets().parent());
    assertEquals(List.of(pets()), owners.children());
    assertEquals(Optional.empty(), owners.parent());
    ResourceModel.ParentItem item =
        pets().parentItem(Map.of("ownerId", "a/b", "petId", "7")).orElseThrow();
    assertEquals(owners, item.resource());
    assertEquals("owners", item.collection());
    assertEquals("a/b", item.id());
    assertEquals("ownerId", item.parameter());
    assertEquals(Map.of("ownerId", "5"), pets().scopeUnder(Map.of(), "5"));
  }

  @Test
  void the_traffic_judge_learns_that_an_owners_pets_go_with_it() {
    TrafficJudge judge = contract.trafficJudge(List.of());
    observe(judge, post("/owners", "{\"id\": 1, \"name\": \"Ann\"}"), 201, "{\"id\": 1}");
    observe(
        judge,
        post("/owners/1/pets", "{\"name\": \"Rex\"}"),
        201,
        "{\"petId\": 5, \"ownerId\": 1, \"name\": \"Rex\"}");
    observe(
        judge, get("/owners/1/pets/5"), 200, "{\"petId\": 5, \"ownerId\": 1, \"name\": \"Rex\"}");
    observe(
        judge, get("/owners/1/pets/6"), 200, "{\"petId\": 6, \"ownerId\": 1, \"name\": \"Tom\"}");
    observe(judge, send("DELETE", "/owners/1", null), 204, null);
    // the owner is gone: so are its pets, and nothing else is foreseen
    TrafficJudge.Judged gone = observe(judge, get("/owners/1/pets/6"), 404, null);
    assertEquals(Set.of(404), gone.prediction().acceptable(Profile.STRICT));
    assertEquals(List.of("/ownerId"), pointers(gone.prediction().single()));
    assertEquals(List.of(), gone.judgement().failures(Profile.DOCUMENTED));
    // an owner made again under the same id has no pets: pet 5, not asked for since, is not there
    observe(judge, post("/owners", "{\"id\": 1, \"name\": \"Ann\"}"), 201, "{\"id\": 1}");
    TrafficJudge.Judged again = observe(judge, get("/owners/1/pets/5"), 200, "{\"petId\": 5}");
    assertEquals(Set.of(404), again.prediction().acceptable(Profile.STRICT));
    assertEquals(List.of("/petId"), pointers(again.prediction().single()));
    assertTrue(
        again.judgement().failures(Profile.STRICT).stream()
            .anyMatch(f -> f.ruleId().equals("resource.exists")),
        again.judgement()::toString);
  }

  @Test
  void the_traffic_judge_learns_an_owner_from_a_pet_refused_under_it() {
    TrafficJudge judge = contract.trafficJudge(List.of());
    TrafficJudge.Judged first = observe(judge, get("/owners/4/pets"), 404, null);
    assertEquals(Set.of(200, 404), first.prediction().acceptable(Profile.STRICT));
    // a list refused as not there: the owner is not there, for every action under it
    TrafficJudge.Judged then = observe(judge, get("/owners/4/pets/1"), 404, null);
    assertEquals(List.of("/ownerId"), pointers(then.prediction().single()));
    // a pet answered for under owner 6: owner 6 is there
    observe(judge, get("/owners/6/pets/1"), 200, "{\"petId\": 1}");
    assertEquals(
        Set.of(201),
        observe(judge, post("/owners/6/pets", "{\"name\": \"Rex\"}"), 201, "{\"petId\": 2}")
            .prediction()
            .acceptable(Profile.STRICT));
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

  /**
   * Knowledge of some resources ("collection id"), the rest as {@code otherwise}; what is asked.
   */
  private static Knowledge knowledge(
      Map<String, Knowledge.ResourceView> known,
      Knowledge.ResourceView otherwise,
      List<String> asked) {
    return new Knowledge() {
      @Override
      public KeyVerdict key(String token) {
        return KeyVerdict.ACCEPTED;
      }

      @Override
      public ResourceView resource(String resource, String id) {
        asked.add(resource + " " + id);
        return known.getOrDefault(resource + " " + id, otherwise);
      }
    };
  }

  private static List<String> pointers(Decision d) {
    return d.report(Profile.STRICT).violations().stream().map(Violation::pointer).toList();
  }

  @Test
  void a_new_pet_holds_its_owner_from_the_path_and_no_body_moves_it() {
    ResourceModel pets = pets();
    ObjectNode body = (ObjectNode) JSON.readTree("{\"name\": \"Rex\", \"ownerId\": 99}");
    ObjectNode created = pets.created(body, "7", Map.of("ownerId", "1"));
    // the path names the owner, its schema types it: a number
    assertTrue(created.get("ownerId").isIntegralNumber(), created::toString);
    assertEquals(1, created.get("ownerId").asLong(), created::toString);
    assertEquals(7, created.get("petId").asLong(), created::toString);
    assertEquals("Rex", created.get("name").asString());
    ObjectNode moved = (ObjectNode) JSON.readTree("{\"ownerId\": 2, \"name\": \"Tom\"}");
    ObjectNode merged = pets.merge(created, moved);
    assertEquals(1, merged.get("ownerId").asInt());
    assertEquals("Tom", merged.get("name").asString());
    assertEquals(1, pets.replaced(created, moved).get("ownerId").asInt());
  }

  @Test
  void a_created_pet_is_answered_where_it_lives() {
    ResourceModel pets = pets();
    Operation create =
        contract.operations().stream()
            .filter(o -> o.method().equals("POST") && o.pathTemplate().endsWith("/pets"))
            .findFirst()
            .orElseThrow();
    ResourceState state =
        ResourceState.of(
            "7", pets.created((ObjectNode) JSON.readTree("{\"name\":\"Rex\"}"), "7", Map.of()), 0);
    var answer =
        contract
            .answers()
            .success(
                create,
                post("/owners/1/pets", "{\"name\":\"Rex\"}"),
                Map.of("ownerId", "1"),
                java.util.Optional.of(state));
    assertEquals(201, answer.status());
    assertEquals(List.of(Map.entry("Location", "/owners/1/pets/7")), List.copyOf(answer.headers()));
  }

  private static ApiRequest get(String path) {
    return new ApiRequest("GET", path, Headers.of(List.of()), new byte[0]);
  }

  private static ApiRequest post(String path, String json) {
    return send("POST", path, json);
  }

  private static ApiRequest send(String method, String path, String json) {
    return json == null
        ? new ApiRequest(method, path, Headers.of(List.of()), new byte[0])
        : new ApiRequest(
            method,
            path,
            Headers.of(Map.of("Content-Type", "application/json")),
            json.getBytes(StandardCharsets.UTF_8));
  }
}
