package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.testsupport.Corpus;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --stateful} on corpus documents that declare no {@code x-resource}: resources inferred
 * from their collection/item paths. What a POST stored is what the GET of its item returns, a
 * PUT/PATCH changes it, a DELETE makes the next GET a 404 (or the document's declared not-found
 * status), and the list shows what exists. A collection nested under an inferred resource's item
 * lives under an item that exists, and goes with it.
 */
class StatefulMockTest {

  static final Path ROOT = Path.of("..");
  static final String KEY = "stateful-test-key";

  static MockServer start(String document, boolean stateful) {
    return MockServer.start(
        MockConfig.defaults()
            .withApiKeys(List.of(KEY))
            .withSpec(Corpus.document(ROOT, document).main())
            .withStateful(stateful));
  }

  static MockHttp.Answer send(MockHttp http, String method, String path, String json) {
    return send(http, method, path, json, Map.of());
  }

  static MockHttp.Answer send(
      MockHttp http, String method, String path, String json, Map<String, String> extra) {
    Map<String, String> headers = new java.util.HashMap<>(extra);
    if (json != null) {
      headers.put("Content-Type", "application/json");
    }
    return http.send(
        method,
        path,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8),
        headers);
  }

  @Test
  void petstore_pets_are_created_read_listed_and_deleted() {
    try (MockServer server = start("oai-petstore-expanded", true)) {
      MockHttp http = new MockHttp(server.baseUrl());
      var created = send(http, "POST", "/pets", "{\"name\":\"Rex\",\"tag\":\"dog\"}");
      // the document declares 200 for addPet: its success status, with where the pet is
      assertEquals(200, created.status(), created::text);
      JsonNode pet = created.json();
      assertTrue(pet.get("id").isIntegralNumber(), created::text);
      assertEquals("Rex", pet.get("name").asString());
      assertEquals("dog", pet.get("tag").asString());
      String item = "/pets/" + pet.get("id").asLong();
      assertEquals(item, created.headers().firstValue("Location").orElse(""));

      var read = send(http, "GET", item, null);
      assertEquals(200, read.status(), read::text);
      assertEquals(pet, read.json(), "what the POST stored is what the GET returns");

      var other = send(http, "POST", "/pets", "{\"name\":\"Tom\"}");
      assertEquals(200, other.status(), other::text);
      assertFalse(other.json().has("tag"), "a field not sent is not invented: " + other.text());
      assertTrue(other.json().get("id").asLong() != pet.get("id").asLong());

      var list = send(http, "GET", "/pets", null);
      assertEquals(200, list.status(), list::text);
      assertEquals(2, list.json().size(), list::text);
      assertTrue(list.json().valueStream().anyMatch(pet::equals), list::text);

      var deleted = send(http, "DELETE", item, null);
      assertEquals(204, deleted.status(), deleted::text);
      var gone = send(http, "GET", item, null);
      assertEquals(404, gone.status(), gone::text);
      assertEquals(java.util.Set.of("resource.exists"), gone.rules());
      assertEquals(404, send(http, "DELETE", item, null).status());
      var after = send(http, "GET", "/pets", null);
      assertEquals(1, after.json().size(), after::text);
      assertEquals(other.json(), after.json().get(0));

      // the document's rules still hold: a pet without its required name is refused, not stored
      var broken = send(http, "POST", "/pets", "{\"tag\":\"cat\"}");
      assertEquals(400, broken.status(), broken::text);
      // in the shape the document declares for it (its default: {code, message}), which leaves
      // room for the violations too
      assertTrue(broken.contentType().startsWith("application/json"), broken.contentType());
      assertEquals(400, broken.json().path("code").asInt(), broken::text);
      assertEquals("/name is required", broken.json().path("message").asString(), broken::text);
      assertEquals(java.util.Set.of("addPet.body.name.required"), broken.rules());
      assertEquals("/name", broken.json().at("/errors/0/pointer").asString());
      assertEquals(1, send(http, "GET", "/pets", null).json().size());

      // the state as the admin surface shows it, and a reset empties it
      var state = send(http, "GET", "/__mock/pets", null);
      assertEquals(200, state.status(), state::text);
      assertEquals(1, state.json().get("pets").size(), state::text);
      assertEquals(200, send(http, "POST", "/__mock/reset", null).status());
      assertEquals(0, send(http, "GET", "/pets", null).json().size());
    }
  }

  @Test
  void without_stateful_a_plain_document_stays_stateless() {
    try (MockServer server = start("oai-petstore-expanded", false)) {
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(200, send(http, "POST", "/pets", "{\"name\":\"Rex\"}").status());
      var any = send(http, "GET", "/pets/424242", null);
      assertEquals(200, any.status(), "an answer generated from the schema: " + any.text());
      assertEquals(204, send(http, "DELETE", "/pets/424242", null).status());
    }
  }

  @Test
  void museum_events_are_changed_by_patch_and_keep_the_fields_not_sent() {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("visitor:" + KEY).getBytes(StandardCharsets.UTF_8));
    Map<String, String> auth = Map.of("Authorization", basic);
    try (MockServer server = start("museum-api", true)) {
      MockHttp http = new MockHttp(server.baseUrl());
      String event =
          """
          {"name": "Mermaid Treasure", "location": "Under the sea", "eventDescription": "Thingamabobs",
           "dates": ["2023-09-05", "2023-09-08"], "price": 0}
          """;
      var created = send(http, "POST", "/special-events", event, auth);
      assertEquals(201, created.status(), created::text);
      String id = created.json().get("eventId").asString();
      assertTrue(id.matches("[0-9a-f-]{36}"), "an id the client did not send is made: " + id);
      String item = "/special-events/" + id;
      assertEquals(item, created.headers().firstValue("Location").orElse(""));
      assertEquals(created.json(), send(http, "GET", item, null, auth).json());

      var patched = send(http, "PATCH", item, "{\"name\": \"Kraken Night\"}", auth);
      assertEquals(200, patched.status(), patched::text);
      JsonNode now = send(http, "GET", item, null, auth).json();
      assertEquals("Kraken Night", now.get("name").asString());
      assertEquals("Under the sea", now.get("location").asString(), "PATCH merges");
      assertEquals(patched.json(), now);
      var broken = send(http, "PATCH", item, "{\"price\": \"free\"}", auth);
      assertEquals(400, broken.status(), broken::text);

      var list = send(http, "GET", "/special-events", null, auth);
      assertEquals(200, list.status(), list::text);
      assertEquals(List.of(now), list.json().valueStream().toList());

      assertEquals(204, send(http, "DELETE", item, null, auth).status());
      var gone = send(http, "GET", item, null, auth);
      assertEquals(404, gone.status(), gone::text);
      assertEquals(0, send(http, "GET", "/special-events", null, auth).json().size());

      // the traffic judges each exchange by the decision kept with it, made again when shown: a
      // create, an item present (its state seen), absent, a list; the broken PATCH named
      JsonNode traffic = send(http, "GET", "/__mock/traffic", null).json();
      List<String> outcomes = new java.util.ArrayList<>();
      for (JsonNode x : traffic.get("exchanges")) {
        String rule = x.at("/verdicts/request/0/rule").asString();
        outcomes.add(
            x.get("method").asString()
                + " "
                + x.at("/verdicts/outcome").asString()
                + (rule.isEmpty() ? "" : " " + rule));
      }
      assertEquals(
          List.of(
              "POST ok",
              "GET ok",
              "PATCH ok",
              "GET ok",
              "PATCH request-broke-rules updateSpecialEvent.body.price.type",
              "GET ok",
              "DELETE ok",
              "GET request-broke-rules resource.exists",
              "GET ok"),
          outcomes,
          traffic::toString);
      assertFalse(traffic.toString().contains(KEY), "the Basic credential's key is not shown");
    }
  }

  @Test
  void swagger_petstore_users_are_replaced_by_put_under_the_id_the_client_chose() {
    try (MockServer server = start("swagger-petstore-v3", true)) {
      MockHttp http = new MockHttp(server.baseUrl());
      var created =
          send(http, "POST", "/user", "{\"username\": \"alice\", \"firstName\": \"Alice\"}");
      assertEquals(200, created.status(), created::text);
      assertEquals("/user/alice", created.headers().firstValue("Location").orElse(""));
      assertEquals(
          "Alice", send(http, "GET", "/user/alice", null).json().get("firstName").asString());

      var again = send(http, "POST", "/user", "{\"username\": \"alice\"}");
      assertEquals(409, again.status(), again::text);
      assertEquals(java.util.Set.of("mock.resource-exists"), again.rules());

      var replaced =
          send(http, "PUT", "/user/alice", "{\"username\": \"alice\", \"lastName\": \"Liddell\"}");
      assertEquals(200, replaced.status(), replaced::text);
      JsonNode now = send(http, "GET", "/user/alice", null).json();
      assertEquals("Liddell", now.get("lastName").asString());
      assertFalse(now.has("firstName"), "PUT replaces: " + now);

      assertEquals(200, send(http, "DELETE", "/user/alice", null).status());
      assertEquals(404, send(http, "GET", "/user/alice", null).status());
    }
  }

  @Test
  void swagger_petstore_pets_are_changed_by_put_on_the_collection_naming_them_in_the_body() {
    Map<String, String> auth = Map.of("Authorization", "Bearer " + KEY, "api_key", KEY);
    try (MockServer server = start("swagger-petstore-v3", true)) {
      MockHttp http = new MockHttp(server.baseUrl());
      var created = send(http, "POST", "/pet", "{\"name\":\"doggie\",\"photoUrls\":[\"u\"]}", auth);
      assertEquals(200, created.status(), created::text);
      long id = created.json().get("id").asLong();
      String item = "/pet/" + id;
      assertEquals(item, created.headers().firstValue("Location").orElse(""));

      // PUT /pet names the pet by the body's id (the document's "Update an existing pet")
      String update =
          """
          {"id": %d, "name": "cat", "photoUrls": ["v"], "status": "sold"}
          """
              .formatted(id);
      var put = send(http, "PUT", "/pet", update, auth);
      assertEquals(200, put.status(), put::text);
      assertEquals("cat", put.json().get("name").asString(), put::text);
      JsonNode now = send(http, "GET", item, null, auth).json();
      assertEquals(put.json(), now);
      assertEquals("sold", now.get("status").asString());

      // a pet that does not exist is not created by the update: the document's 404
      var absent =
          send(http, "PUT", "/pet", "{\"id\": 999999, \"name\": \"x\", \"photoUrls\": []}", auth);
      assertEquals(404, absent.status(), absent::text);
      assertEquals(java.util.Set.of("resource.exists"), absent.rules());
      assertEquals(404, send(http, "GET", "/pet/999999", null, auth).status());

      assertEquals(200, send(http, "DELETE", item, null, auth).status());
      assertEquals(404, send(http, "GET", item, null, auth).status());
      assertEquals(404, send(http, "PUT", "/pet", update, auth).status());
    }
  }

  @Test
  void conduit_articles_are_kept_inside_their_envelope_and_stay_valid_after_a_put() {
    Map<String, String> auth = Map.of("Authorization", "Token " + KEY);
    dev.assistantkit.contract.Contract conduit =
        dev.assistantkit.contract.Contract.fromFile(
            Corpus.document(ROOT, "realworld-conduit").main());
    try (MockServer server = start("realworld-conduit", true)) {
      MockHttp http = new MockHttp(server.baseUrl());
      String article =
          """
          {"article": {"title": "How to train your dragon", "description": "Ever wonder how?",
                       "body": "Very carefully.", "tagList": ["dragons"]}}
          """;
      var created = send(http, "POST", "/articles", article, auth);
      assertEquals(201, created.status(), created::text);
      // the answer is {"article": {...}}, the article as stored, named by its slug
      String slug = created.json().at("/article/slug").asString();
      String item = "/articles/" + slug;
      assertEquals(item, created.headers().firstValue("Location").orElse(""));
      assertEquals("Very carefully.", created.json().at("/article/body").asString());
      assertValid(conduit, "POST", "/articles", created);
      var read = send(http, "GET", item, null, auth);
      assertEquals(created.json(), read.json());
      assertValid(conduit, "GET", item, read);

      // a PUT of the title alone: the title changes, what the schema requires is still there
      var put = send(http, "PUT", item, "{\"article\": {\"title\": \"Dragons\"}}", auth);
      assertEquals(200, put.status(), put::text);
      assertEquals("Dragons", put.json().at("/article/title").asString(), put::text);
      assertEquals(slug, put.json().at("/article/slug").asString(), "the path names the article");
      assertValid(conduit, "PUT", item, put);
      assertEquals(put.json(), send(http, "GET", item, null, auth).json());

      // the list holds the articles themselves, under the answer's array property
      var list = send(http, "GET", "/articles", null, auth);
      assertEquals(200, list.status(), list::text);
      assertEquals(
          List.of(put.json().get("article")), list.json().get("articles").valueStream().toList());

      assertEquals(204, send(http, "DELETE", item, null, auth).status());
      var gone = send(http, "GET", item, null, auth);
      assertEquals(404, gone.status(), gone::text);
      assertEquals(0, send(http, "GET", "/articles", null, auth).json().get("articles").size());
    }
  }

  @Test
  void deepl_custom_instructions_live_under_their_style_rule_list_only_and_go_with_it() {
    // /v3/style_rules/{style_id}/custom_instructions + .../{instruction_id}: one collection per
    // style rule list, which is an inferred resource itself (POST /v3/style_rules): what is
    // created under one is read, replaced and deleted under it alone, and goes when it goes
    Map<String, String> auth = Map.of("Authorization", "DeepL-Auth-Key " + KEY);
    dev.assistantkit.contract.Contract deepl =
        dev.assistantkit.contract.Contract.fromFile(Corpus.document(ROOT, "deepl-api").main());
    try (MockServer server = start("deepl-api", true)) {
      MockHttp http = new MockHttp(server.baseUrl());
      String list = "{\"name\": \"House style\", \"language\": \"de\"}";
      String list1 = styleRuleList(http, list, auth);
      String list2 = styleRuleList(http, list, auth);
      String under1 = "/v3/style_rules/" + list1 + "/custom_instructions";
      String under2 = "/v3/style_rules/" + list2 + "/custom_instructions";
      var created =
          send(http, "POST", under1, "{\"label\": \"Currency\", \"prompt\": \"$ first\"}", auth);
      assertEquals(201, created.status(), created::text);
      assertValid(deepl, "POST", under1, created);
      String id = created.json().get("id").asString();
      String item = under1 + "/" + id;
      assertEquals(item, created.headers().firstValue("Location").orElse(""));

      var read = send(http, "GET", item, null, auth);
      assertEquals(200, read.status(), read::text);
      assertEquals(created.json(), read.json(), "what the POST stored is what the GET returns");
      assertValid(deepl, "GET", item, read);
      // the parent's value compares in any case, as ids do
      assertEquals(
          200,
          send(
                  http,
                  "GET",
                  item.replace(list1, list1.toUpperCase(java.util.Locale.ROOT)),
                  null,
                  auth)
              .status(),
          item);
      var elsewhere = send(http, "GET", under2 + "/" + id, null, auth);
      assertEquals(404, elsewhere.status(), "not under another list: " + elsewhere.text());
      assertEquals(java.util.Set.of("resource.exists"), elsewhere.rules());
      assertEquals("/instruction_id", elsewhere.json().at("/errors/0/pointer").asString());

      var replaced =
          send(http, "PUT", item, "{\"label\": \"Dates\", \"prompt\": \"ISO dates\"}", auth);
      assertEquals(200, replaced.status(), replaced::text);
      assertEquals("Dates", send(http, "GET", item, null, auth).json().get("label").asString());
      var notThere =
          send(http, "PUT", under2 + "/" + id, "{\"label\": \"x\", \"prompt\": \"y\"}", auth);
      assertEquals(404, notThere.status(), "a PUT under another list changes nothing there");
      assertEquals(404, send(http, "DELETE", under2 + "/" + id, null, auth).status());
      assertEquals("Dates", send(http, "GET", item, null, auth).json().get("label").asString());

      // the same id under another list is another instruction
      String same = "{\"id\": \"%s\", \"label\": \"Other\", \"prompt\": \"z\"}".formatted(id);
      assertEquals(201, send(http, "POST", under2, same, auth).status());
      assertEquals(
          "Other", send(http, "GET", under2 + "/" + id, null, auth).json().get("label").asString());

      // under a list no one made: nothing is stored, every action is the document's 404
      String nowhere = "/v3/style_rules/no-such-list/custom_instructions";
      var orphan = send(http, "POST", nowhere, "{\"label\": \"x\", \"prompt\": \"y\"}", auth);
      assertEquals(404, orphan.status(), orphan::text);
      assertEquals(java.util.Set.of("resource.exists"), orphan.rules());
      assertEquals("/style_id", orphan.json().at("/errors/0/pointer").asString());
      assertValid(deepl, "POST", nowhere, orphan);
      assertEquals(404, send(http, "GET", nowhere + "/" + id, null, auth).status());

      // deleting the first list deletes its instructions; the second's stay
      assertEquals(204, send(http, "DELETE", "/v3/style_rules/" + list1, null, auth).status());
      var gone = send(http, "GET", item, null, auth);
      assertEquals(404, gone.status(), gone::text);
      assertEquals("/style_id", gone.json().at("/errors/0/pointer").asString());
      var stateAfter = send(http, "GET", "/__mock" + under1, null);
      assertEquals(
          0, stateAfter.json().path("v3/style_rules/{style_id}/custom_instructions").size());
      assertEquals(200, send(http, "GET", under2 + "/" + id, null, auth).status());
    }
  }

  /** A new DeepL style rule list's id. */
  private static String styleRuleList(MockHttp http, String body, Map<String, String> auth) {
    var created = send(http, "POST", "/v3/style_rules", body, auth);
    assertEquals(201, created.status(), created::text);
    return created.json().get("style_id").asString();
  }

  @Test
  void conduit_comments_are_listed_and_deleted_under_their_article_only_and_go_with_it() {
    // /articles/{slug}/comments (GET, POST) + /articles/{slug}/comments/{id} (DELETE, no GET):
    // the comments of one article, in their {"comment": {...}} envelope, under an article that
    // exists (the articles are an inferred resource too)
    Map<String, String> auth = Map.of("Authorization", "Token " + KEY);
    dev.assistantkit.contract.Contract conduit =
        dev.assistantkit.contract.Contract.fromFile(
            Corpus.document(ROOT, "realworld-conduit").main());
    try (MockServer server = start("realworld-conduit", true)) {
      MockHttp http = new MockHttp(server.baseUrl());
      String onNobody = "/articles/nobody/comments";
      var orphan = send(http, "POST", onNobody, "{\"comment\": {\"body\": \"Hm.\"}}", auth);
      assertEquals(404, orphan.status(), "no article, no comment: " + orphan.text());
      assertEquals(java.util.Set.of("resource.exists"), orphan.rules());
      assertEquals("/slug", orphan.json().at("/errors/0/pointer").asString());
      assertEquals(404, send(http, "GET", onNobody, null, auth).status());

      String onDragons = "/articles/" + article(http, "Dragons", auth) + "/comments";
      String onKraken = "/articles/" + article(http, "Kraken", auth) + "/comments";
      var first = send(http, "POST", onDragons, "{\"comment\": {\"body\": \"Hot.\"}}", auth);
      assertEquals(200, first.status(), first::text);
      assertValid(conduit, "POST", onDragons, first);
      long id = first.json().at("/comment/id").asLong();
      assertEquals("Hot.", first.json().at("/comment/body").asString());
      assertEquals(onDragons + "/" + id, first.headers().firstValue("Location").orElse(""));
      var second = send(http, "POST", onDragons, "{\"comment\": {\"body\": \"Big.\"}}", auth);
      var other = send(http, "POST", onKraken, "{\"comment\": {\"body\": \"Wet.\"}}", auth);
      assertEquals(200, other.status(), other::text);

      var list = send(http, "GET", onDragons, null, auth);
      assertEquals(200, list.status(), list::text);
      assertValid(conduit, "GET", onDragons, list);
      assertEquals(
          List.of(first.json().get("comment"), second.json().get("comment")),
          list.json().get("comments").valueStream().toList(),
          "the dragons' comments, not the kraken's");
      assertEquals(
          List.of(other.json().get("comment")),
          send(http, "GET", onKraken, null, auth).json().get("comments").valueStream().toList());

      // deleting under another article removes nothing
      assertEquals(404, send(http, "DELETE", onKraken + "/" + id, null, auth).status());
      assertEquals(204, send(http, "DELETE", onDragons + "/" + id, null, auth).status());
      assertEquals(404, send(http, "DELETE", onDragons + "/" + id, null, auth).status());
      assertEquals(
          List.of(second.json().get("comment")),
          send(http, "GET", onDragons, null, auth).json().get("comments").valueStream().toList());
      assertEquals(
          1, send(http, "GET", onKraken, null, auth).json().get("comments").size(), list::text);

      // the admin surface shows one article's comments at the collection's own path
      var state = send(http, "GET", "/__mock" + onDragons, null);
      assertEquals(200, state.status(), state::text);
      assertEquals(1, state.json().path("articles/{slug}/comments").size(), state::text);

      // deleting the dragons' article deletes its comments; the kraken's stay
      String dragons = onDragons.substring(0, onDragons.length() - "/comments".length());
      assertEquals(204, send(http, "DELETE", dragons, null, auth).status());
      var gone = send(http, "GET", onDragons, null, auth);
      assertEquals(404, gone.status(), gone::text);
      assertEquals("/slug", gone.json().at("/errors/0/pointer").asString());
      assertEquals(
          0,
          send(http, "GET", "/__mock" + onDragons, null)
              .json()
              .path("articles/{slug}/comments")
              .size());
      assertEquals(1, send(http, "GET", onKraken, null, auth).json().get("comments").size());

      assertEquals(200, send(http, "POST", "/__mock/reset", null).status());
      assertEquals(404, send(http, "GET", onKraken, null, auth).status(), "reset: no article");
    }
  }

  /** A new conduit article's slug. */
  private static String article(MockHttp http, String title, Map<String, String> auth) {
    String body =
        """
        {"article": {"title": "%s", "description": "d", "body": "b"}}
        """
            .formatted(title);
    var created = send(http, "POST", "/articles", body, auth);
    assertEquals(201, created.status(), created::text);
    return created.json().at("/article/slug").asString();
  }

  /**
   * Owners, their pets (whose item GET declares 404), and things whose item GET declares 410 and no
   * 404. Owners are named by the client (string ids); pets get numbers.
   */
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
          parameters: [{name: ownerId, in: path, required: true, schema: {type: string}}]
          get:
            responses:
              '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}
              '404': {description: none}
          delete:
            responses: {'204': {description: gone}}
        /owners/{ownerId}/pets:
          parameters: [{name: ownerId, in: path, required: true, schema: {type: string}}]
          get:
            responses:
              '200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
              '404': {description: no such owner}
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
            responses:
              '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
              '404': {description: no such owner}
        /owners/{ownerId}/pets/{petId}:
          parameters:
            - {name: ownerId, in: path, required: true, schema: {type: string}}
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
        /things:
          post:
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
        /things/{thingId}:
          parameters: [{name: thingId, in: path, required: true, schema: {type: integer}}]
          get:
            responses:
              '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
              '410': {description: gone for good}
          delete:
            responses: {'204': {description: removed}}
      components:
        schemas:
          Owner:
            type: object
            properties: {id: {type: string}, name: {type: string}}
          Pet:
            type: object
            required: [name]
            properties: {petId: {type: integer}, ownerId: {type: string}, name: {type: string}}
          Thing:
            type: object
            properties: {thingId: {type: integer}, name: {type: string}}
      """;

  private static MockServer owners(Path dir) throws java.io.IOException {
    Path spec = dir.resolve("owners.yaml");
    java.nio.file.Files.writeString(spec, OWNERS);
    return MockServer.start(
        MockConfig.defaults().withApiKeys(List.of(KEY)).withSpec(spec).withStateful(true));
  }

  @Test
  void a_pet_under_an_owner_no_one_made_is_a_404_naming_the_owner_and_nothing_is_stored(
      @TempDir Path dir) throws Exception {
    try (MockServer server = owners(dir)) {
      MockHttp http = new MockHttp(server.baseUrl());
      for (String[] r :
          List.of(
              new String[] {"POST", "/owners/nobody/pets", "{\"name\": \"Rex\"}"},
              new String[] {"GET", "/owners/nobody/pets", null},
              new String[] {"GET", "/owners/nobody/pets/1", null},
              new String[] {"PUT", "/owners/nobody/pets/1", "{\"name\": \"Rex\"}"},
              new String[] {"PATCH", "/owners/nobody/pets/1", "{\"name\": \"Tom\"}"},
              new String[] {"DELETE", "/owners/nobody/pets/1", null})) {
        var a = send(http, r[0], r[1], r[2]);
        assertEquals(404, a.status(), r[0] + " " + r[1] + ": " + a.text());
        assertEquals(java.util.Set.of("resource.exists"), a.rules(), a::text);
        assertEquals("/ownerId", a.json().at("/errors/0/pointer").asString(), a::text);
        assertTrue(a.text().contains("nobody"), "the message names the owner: " + a.text());
      }
      var stored = send(http, "GET", "/__mock/owners/nobody/pets", null);
      assertEquals(200, stored.status(), stored::text);
      assertEquals(0, stored.json().path("owners/{ownerId}/pets").size(), stored::text);
      // nor through the admin surface: a pet is made under an owner that is there only
      var admin = send(http, "POST", "/__mock/owners/nobody/pets", "{\"name\": \"Rex\"}");
      assertEquals(404, admin.status(), admin::text);
      assertEquals(java.util.Set.of("mock.no-such-resource"), admin.rules(), admin::text);
      assertEquals("/ownerId", admin.json().at("/errors/0/pointer").asString(), admin::text);
      assertTrue(admin.text().contains("nobody"), admin::text);
      assertEquals(
          0,
          send(http, "GET", "/__mock/owners/nobody/pets", null)
              .json()
              .path("owners/{ownerId}/pets")
              .size());
      // once the owner is made, its pets are made and read under it
      assertEquals(201, send(http, "POST", "/owners", "{\"id\": \"nobody\"}").status());
      var rex = send(http, "POST", "/owners/nobody/pets", "{\"name\": \"Rex\"}");
      assertEquals(201, rex.status(), rex::text);
      assertEquals("nobody", rex.json().get("ownerId").asString(), rex::text);
      var read = send(http, "GET", "/owners/nobody/pets/" + rex.json().get("petId").asLong(), null);
      assertEquals(rex.json(), read.json());
    }
  }

  @Test
  void deleting_an_owner_deletes_its_pets_and_no_one_else_s(@TempDir Path dir) throws Exception {
    try (MockServer server = owners(dir)) {
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(201, send(http, "POST", "/owners", "{\"id\": \"ann\"}").status());
      assertEquals(201, send(http, "POST", "/owners", "{\"id\": \"bob\"}").status());
      long rex = pet(http, "ann", "Rex");
      pet(http, "ann", "Tom");
      long max = pet(http, "bob", "Max");
      assertEquals(2, send(http, "GET", "/owners/ann/pets", null).json().size());

      assertEquals(204, send(http, "DELETE", "/owners/ann", null).status());
      var gone = send(http, "GET", "/owners/ann/pets/" + rex, null);
      assertEquals(404, gone.status(), gone::text);
      assertEquals("/ownerId", gone.json().at("/errors/0/pointer").asString(), gone::text);
      assertEquals(404, send(http, "GET", "/owners/ann/pets", null).status());
      var bobs = send(http, "GET", "/owners/bob/pets", null);
      assertEquals(1, bobs.json().size(), bobs::text);
      assertEquals(max, bobs.json().get(0).get("petId").asLong());

      // an owner made again under the same id has no pets: the old ones do not come back
      assertEquals(201, send(http, "POST", "/owners", "{\"id\": \"ann\"}").status());
      assertEquals(0, send(http, "GET", "/owners/ann/pets", null).json().size());
      var old = send(http, "GET", "/owners/ann/pets/" + rex, null);
      assertEquals(404, old.status(), old::text);
      assertEquals("/petId", old.json().at("/errors/0/pointer").asString(), old::text);

      // the admin surface deletes alike
      assertEquals(200, send(http, "DELETE", "/__mock/owners/bob", null).status());
      assertEquals(
          0,
          send(http, "GET", "/__mock/owners/bob/pets", null)
              .json()
              .path("owners/{ownerId}/pets")
              .size());
      assertEquals(201, send(http, "POST", "/owners", "{\"id\": \"bob\"}").status());
      assertEquals(0, send(http, "GET", "/owners/bob/pets", null).json().size());
    }
  }

  @Test
  void an_item_that_declares_410_and_no_404_is_410_once_deleted(@TempDir Path dir)
      throws Exception {
    try (MockServer server = owners(dir)) {
      MockHttp http = new MockHttp(server.baseUrl());
      var created = send(http, "POST", "/things", "{\"name\": \"lamp\"}");
      assertEquals(201, created.status(), created::text);
      String item = "/things/" + created.json().get("thingId").asLong();
      assertEquals(200, send(http, "GET", item, null).status());
      assertEquals(204, send(http, "DELETE", item, null).status());
      var gone = send(http, "GET", item, null);
      assertEquals(410, gone.status(), gone::text);
      assertEquals(java.util.Set.of("resource.exists"), gone.rules(), gone::text);
      // the DELETE declares neither: the decided 404
      assertEquals(404, send(http, "DELETE", item, null).status());
      assertEquals(410, send(http, "GET", "/things/424242", null).status());
    }
  }

  @Test
  void an_owner_whose_id_holds_a_slash_is_one_owner_and_its_pets_stay_its_own(@TempDir Path dir)
      throws Exception {
    try (MockServer server = owners(dir)) {
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(201, send(http, "POST", "/owners", "{\"id\": \"a/b\"}").status());
      assertEquals(201, send(http, "POST", "/owners", "{\"id\": \"a\"}").status());
      var rex = send(http, "POST", "/owners/a%2Fb/pets", "{\"name\": \"Rex\"}");
      assertEquals(201, rex.status(), rex::text);
      assertEquals("a/b", rex.json().get("ownerId").asString(), rex::text);
      long id = rex.json().get("petId").asLong();
      var read = send(http, "GET", "/owners/a%2Fb/pets/" + id, null);
      assertEquals(200, read.status(), read::text);
      assertEquals(rex.json(), read.json());
      assertEquals(1, send(http, "GET", "/owners/a%2Fb/pets", null).json().size());
      // not owner a's, nor anyone's whose id is the encoded text
      assertEquals(0, send(http, "GET", "/owners/a/pets", null).json().size());
      var notA = send(http, "GET", "/owners/a/pets/" + id, null);
      assertEquals(404, notA.status(), notA::text);
      assertEquals("/petId", notA.json().at("/errors/0/pointer").asString(), notA::text);
      var encoded = send(http, "GET", "/owners/a%252Fb/pets/" + id, null);
      assertEquals(404, encoded.status(), encoded::text);
      assertEquals("/ownerId", encoded.json().at("/errors/0/pointer").asString(), encoded::text);
      // deleting owner a leaves a/b's pet
      assertEquals(204, send(http, "DELETE", "/owners/a", null).status());
      assertEquals(200, send(http, "GET", "/owners/a%2Fb/pets/" + id, null).status());
    }
  }

  /** A new pet's id, made under an owner. */
  private static long pet(MockHttp http, String owner, String name) {
    var created =
        send(http, "POST", "/owners/" + owner + "/pets", "{\"name\": \"%s\"}".formatted(name));
    assertEquals(201, created.status(), created::text);
    return created.json().get("petId").asLong();
  }

  static void assertValid(
      dev.assistantkit.contract.Contract c, String method, String path, MockHttp.Answer a) {
    var findings =
        c.checkResponse(
            new dev.assistantkit.contract.spec.ApiRequest(
                method, path, dev.assistantkit.contract.spec.Headers.of(List.of()), new byte[0]),
            dev.assistantkit.contract.judging.Observed.of(a.status(), a.contentType(), a.body()),
            java.util.Set.of());
    assertEquals(List.of(), findings, a::text);
  }
}
