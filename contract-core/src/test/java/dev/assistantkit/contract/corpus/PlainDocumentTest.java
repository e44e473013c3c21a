package dev.assistantkit.contract.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.testsupport.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine on documents written without the kit's extensions, as OpenAPI reads them. */
class PlainDocumentTest {

  static final Path ROOT = Path.of("..");
  static final String KEY = "plain-test-key";

  static final Contract PETSTORE =
      Contract.fromFile(Corpus.document(ROOT, "oai-petstore-expanded").main());
  static final Contract SECURITY =
      Contract.fromFile(Corpus.document(ROOT, "readme-security-3.0").main());

  /** Knows one key; holds no resource. */
  static final Knowledge KNOWS_KEY =
      new Knowledge() {
        @Override
        public KeyVerdict key(String token) {
          return token.equals(KEY) ? KeyVerdict.ACCEPTED : KeyVerdict.REJECTED;
        }

        @Override
        public ResourceView resource(String resource, String id) {
          return new Absent();
        }
      };

  static Decision decide(Contract c, String method, String target, String json, String... headers) {
    java.util.List<Map.Entry<String, String>> h = new java.util.ArrayList<>();
    if (json != null) {
      h.add(Map.entry("Content-Type", "application/json"));
    }
    for (int i = 0; i < headers.length; i += 2) {
      h.add(Map.entry(headers[i], headers[i + 1]));
    }
    return c.evaluate(
        new ApiRequest(
            method,
            target,
            Headers.of(h),
            json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8)),
        KNOWS_KEY);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST | /pets | {}                         | 400 | addPet.body.name.required",
        "POST | /pets | {\"name\": 5}              | 400 | addPet.body.name.type",
        "POST | /pets | {\"name\": \"a\", \"tag\": 1} | 400 | addPet.body.tag.type",
        "GET  | /pets?limit=abc                    | | 400 | findPets.query.limit.type",
        "GET  | /pets/abc                          | | 400 | find-pet-by-id.path.id.type",
        "GET  | /pets?tags=a&tags=b&limit=5        | | 200 | ''",
        "POST | /pets | {\"name\": \"Rex\"}        | 200 | ''",
      })
  void a_broken_keyword_is_refused_naming_its_derived_rule(
      String method, String target, String json, int status, String rule) {
    Decision d = decide(PETSTORE, method, target, json);
    assertEquals(status, d.status(Profile.STRICT), d::toString);
    assertEquals(rule.isEmpty() ? Set.of() : Set.of(rule), d.report(Profile.STRICT).ruleIds());
    for (Violation v : d.report(Profile.STRICT).violations()) {
      assertEquals(Origin.DOCUMENTED, v.origin(), v::toString);
    }
  }

  @Test
  void a_missing_property_is_pointed_at_and_its_rule_quotes_the_document() {
    Decision d = decide(PETSTORE, "POST", "/pets", "{}");
    Violation v = d.report(Profile.STRICT).violations().get(0);
    assertEquals("/name", v.pointer());
    assertEquals("#/components/schemas/NewPet/required/0", v.schemaLocation());
    Rule r = PETSTORE.rule("addPet.body.name.required").orElseThrow();
    assertTrue(r.source().contains("#/components/schemas/NewPet/required/0"), r.source());
  }

  @Test
  void ids_do_not_depend_on_the_order_the_document_is_written_in() throws Exception {
    String text = Files.readString(Corpus.document(ROOT, "oai-petstore-expanded").main());
    // the two properties of NewPet written the other way round, and a sibling added
    String reordered =
        text.replace(
            """
                    name:
                      type: string
                    tag:
                      type: string\
            """,
            """
                    tag:
                      type: string
                    color:
                      type: string
                      maxLength: 10
                    name:
                      type: string\
            """);
    assertTrue(!reordered.equals(text), "the fixture did not change the document");
    Set<String> before = ids(PETSTORE);
    Set<String> after = ids(Contract.fromYaml(reordered));
    assertTrue(after.containsAll(before), "lost: " + diff(before, after));
    assertEquals(
        Set.of("addPet.body.color.maxLength", "addPet.body.color.type"), diff(after, before));
  }

  private static Set<String> ids(Contract c) {
    Set<String> out = new TreeSet<>();
    for (Operation op : c.operations()) {
      op.rules().all().forEach(r -> out.add(r.id()));
    }
    return out;
  }

  private static Set<String> diff(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET  | /anything/apiKey?apiKey=plain-test-key | ''                  | ''",
        "POST | /anything/apiKey                       | Cookie              | api_key=plain-test-key",
        "PUT  | /anything/apiKey                       | X-API-KEY           | plain-test-key",
        "POST | /anything/bearer                       | Authorization       | Bearer plain-test-key",
      })
  void each_kind_of_api_key_and_token_is_read_where_its_scheme_says(
      String method, String target, String header, String value) {
    String[] headers = header.isEmpty() ? new String[0] : new String[] {header, value};
    Decision ok = decide(SECURITY, method, target, null, headers);
    assertEquals(200, ok.status(Profile.STRICT), ok::toString);
    String bare = target.replace("?apiKey=plain-test-key", "");
    Decision missing = decide(SECURITY, method, bare, null);
    assertEquals(401, missing.status(Profile.STRICT), missing::toString);
    assertEquals(Set.of("request.credentials"), missing.report(Profile.STRICT).ruleIds());
    String wrong = value.replace(KEY, "another-key");
    Decision rejected =
        decide(
            SECURITY,
            method,
            target.replace(KEY, "another-key"),
            null,
            header.isEmpty() ? new String[0] : new String[] {header, wrong});
    assertEquals(401, rejected.status(Profile.STRICT), rejected::toString);
  }

  @Test
  void basic_credentials_are_accepted_when_their_password_is_a_key() {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("anyone:" + KEY).getBytes(StandardCharsets.UTF_8));
    assertEquals(
        200,
        decide(SECURITY, "POST", "/anything/basic", null, "Authorization", basic)
            .status(Profile.STRICT));
    assertEquals(
        401,
        decide(SECURITY, "POST", "/anything/basic", null, "Authorization", "Basic !!!")
            .status(Profile.STRICT));
  }

  @Test
  void an_optional_security_lets_a_request_without_credentials_through() {
    List<Operation> optional =
        SECURITY.operations().stream().filter(o -> o.security().optional()).toList();
    assertTrue(!optional.isEmpty(), "the document has an operation with optional security");
    for (Operation op : optional) {
      String target = op.pathTemplate();
      Decision d = decide(SECURITY, op.method(), target, null);
      assertEquals(200, d.status(Profile.STRICT), op + ": " + d);
    }
  }

  @Test
  void an_answer_without_an_example_is_generated_from_its_schema_valid_and_the_same_twice() {
    Decision first = decide(PETSTORE, "GET", "/pets?limit=3", null);
    Decision again = decide(PETSTORE, "GET", "/pets?limit=3", null);
    var answer = first.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(200, answer.status());
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    assertTrue(body.startsWith("["), body);
    assertEquals(
        body,
        new String(
            again.answer(Profile.STRICT, java.util.Optional.empty()).body(),
            StandardCharsets.UTF_8));
    ApiRequest request = new ApiRequest("GET", "/pets?limit=3", Headers.of(List.of()), new byte[0]);
    assertEquals(
        List.of(),
        PETSTORE.checkResponse(
            request,
            dev.assistantkit.contract.judging.Observed.of(200, answer.contentType(), answer.body()),
            Set.of()),
        body);
  }

  @Test
  void an_error_the_document_declares_only_as_text_is_its_text_with_the_rules_in_a_header() {
    Contract tictactoe = Contract.fromFile(Corpus.document(ROOT, "oai-tictactoe").main());
    Decision d = decide(tictactoe, "GET", "/board/9/1", null, "Authorization", "Bearer " + KEY);
    var answer = d.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(400, answer.status());
    assertEquals("text/html", answer.contentType());
    // the document's own example of its 400
    assertEquals("Illegal coordinates", new String(answer.body(), StandardCharsets.UTF_8));
    String listed =
        answer.headers().stream()
            .filter(h -> h.getKey().equals("X-Contract-Violations"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse("");
    assertTrue(listed.contains("\"rule\":\"get-square.path.row.maximum\""), listed);
  }

  /**
   * A path of no operation, or a method its path does not take, matches no operation whose error
   * media types could be asked: problem details, with the rule and (a 405) the Allow header.
   * Before, the answer looked up the missing operation's declared statuses and every such request
   * of a plain document was a 500 (a page's DELETE of a GET-only path, found in the browser tests).
   */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DELETE | /pets       | 405 | request.method-not-allowed | GET, POST",
        "PUT    | /pets/7     | 405 | request.method-not-allowed | GET, DELETE",
        "GET    | /not/a/path | 404 | route.unknown              | ''",
      })
  void a_request_of_no_operation_is_answered_as_problem_details(
      String method, String target, int status, String rule, String allow) {
    Decision d = decide(PETSTORE, method, target, null);
    var answer = d.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(status, answer.status(), d::toString);
    assertEquals("application/problem+json", answer.contentType());
    assertEquals(Set.of(rule), d.report(Profile.STRICT).ruleIds());
    assertEquals(
        allow,
        answer.headers().stream()
            .filter(h -> h.getKey().equals("Allow"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(""));
  }

  static String header(dev.assistantkit.contract.answers.Answer answer, String name) {
    return answer.headers().stream()
        .filter(h -> h.getKey().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("");
  }

  static List<dev.assistantkit.contract.judging.Finding> judged(
      Contract c, String method, String target, dev.assistantkit.contract.answers.Answer answer) {
    return c.checkResponse(
        new ApiRequest(method, target, Headers.of(List.of()), new byte[0]),
        new dev.assistantkit.contract.judging.Observed(
            answer.status(),
            answer.contentType(),
            answer.body(),
            false,
            header(answer, "X-Contract-Violations")),
        Set.of());
  }

  @Test
  void an_error_whose_declared_schema_has_no_place_for_the_kits_shape_takes_the_documents_shape() {
    // conduit declares its 422 as {"errors": {"body": [string]}}: the problem details' errors[]
    // does not fit, so the answer is that shape, the violations' messages in its list of strings,
    // and the rules in the X-Contract-Violations header
    Contract conduit = Contract.fromFile(Corpus.document(ROOT, "realworld-conduit").main());
    Decision d = decide(conduit, "POST", "/users/login", "{}");
    var answer = d.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(422, answer.status());
    assertEquals("application/json", answer.contentType());
    var body = dev.assistantkit.contract.spec.JsonMappers.plain().readTree(answer.body());
    assertEquals(1, body.size(), answer.bodyText());
    assertEquals(
        d.report(Profile.STRICT).violations().get(0).message(),
        body.at("/errors/body/0").asString(),
        answer.bodyText());
    assertTrue(
        header(answer, "X-Contract-Violations").contains("\"rule\":\"Login.body.user.required\""),
        () -> answer.headers().toString());
    assertEquals(List.of(), judged(conduit, "POST", "/users/login", answer));
  }

  @Test
  void an_error_under_a_default_response_fills_the_declared_message_and_code() {
    // petstore's default response is {code: int32, message: string}, both required
    Decision d = decide(PETSTORE, "POST", "/pets", "{\"name\": 5}");
    var answer = d.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(400, answer.status());
    assertEquals("application/json", answer.contentType());
    var body = dev.assistantkit.contract.spec.JsonMappers.plain().readTree(answer.body());
    assertEquals(400, body.path("code").asInt(), answer.bodyText());
    assertEquals(
        d.report(Profile.STRICT).violations().get(0).message(),
        body.path("message").asString(),
        answer.bodyText());
    // the schema allows more properties: the kit's list of violations travels in the body too
    assertEquals("addPet.body.name.type", body.at("/errors/0/rule").asString(), answer.bodyText());
    assertEquals(List.of(), judged(PETSTORE, "POST", "/pets", answer));
  }

  @Test
  void an_example_that_breaks_its_schema_is_not_answered_unless_asked_for_by_name() {
    // DeepL's example of a glossary says "EN" where its enum lists "en": the schema is what the
    // document requires of an answer, so the answer is generated instead
    Contract deepl = Contract.fromFile(Corpus.document(ROOT, "deepl-api").main());
    Decision d = decide(deepl, "GET", "/v2/glossaries", null, "Authorization", KEY);
    var answer = d.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(200, answer.status(), answer::bodyText);
    assertEquals(List.of(), judged(deepl, "GET", "/v2/glossaries", answer), answer.bodyText());
    assertTrue(!answer.bodyText().contains("\"EN\""), answer.bodyText());
  }

  @Test
  void an_example_given_as_serialized_json_is_answered_as_that_json() {
    // readme's request-examples give a JSON body's examples as strings holding the JSON text
    Contract c = Contract.fromFile(Corpus.document(ROOT, "readme-request-examples-3.0").main());
    Decision d = decide(c, "PATCH", "/requestBody-primitive-example", "{\"name\":\"a\"}");
    var answer = d.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(200, answer.status(), answer::bodyText);
    var body = dev.assistantkit.contract.spec.JsonMappers.plain().readTree(answer.body());
    assertEquals("Fluffy", body.path("name").asString(), answer.bodyText());
    assertEquals(
        List.of(), judged(c, "PATCH", "/requestBody-primitive-example", answer), answer.bodyText());
    // a string example of a string schema stays a string
    Decision post = decide(c, "POST", "/requestBody-primitive-example", "\"x\"");
    assertEquals(
        "\"column1,column2,column3,column4\"",
        post.answer(Profile.STRICT, java.util.Optional.empty()).bodyText());
  }
}
