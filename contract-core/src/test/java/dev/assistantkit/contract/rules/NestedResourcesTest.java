package dev.assistantkit.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  void the_engine_asks_for_the_item_in_the_collection_the_path_names() {
    List<String> asked = new ArrayList<>();
    Knowledge knowledge =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.ACCEPTED;
          }

          @Override
          public ResourceView resource(String resource, String id) {
            asked.add(resource + " " + id);
            return new Absent();
          }
        };
    var d = contract.evaluate(get("/owners/2/pets/7"), knowledge);
    assertEquals(List.of("owners/{ownerId}/pets@2 7"), asked);
    assertEquals(404, d.status(Profile.DOCUMENTED));
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
    return new ApiRequest(
        "POST",
        path,
        Headers.of(Map.of("Content-Type", "application/json")),
        json.getBytes(StandardCharsets.UTF_8));
  }
}
