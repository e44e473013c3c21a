package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Edge-case bodies beyond the catalogue's own cases, as data: {@code
 * src/test/resources/request-bodies/<what>-<valid|invalid>-<reason>.json}, each with the status and
 * the rule ids it must (and must not) produce, and the pointers it must name.
 */
class RequestBodyTableTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TestFactory
  Stream<DynamicTest> each_body_gets_its_status_and_rule_ids() throws IOException {
    Path dir = Path.of("src/test/resources/request-bodies");
    return Files.list(dir)
        .sorted()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(), () -> check(JSON.readTree(f.toFile()))));
  }

  private static void check(JsonNode t) {
    byte[] body;
    if (t.has("rawBase64")) {
      body = Base64.getDecoder().decode(t.get("rawBase64").asString());
    } else if (t.has("raw")) {
      body = t.get("raw").asString().getBytes(StandardCharsets.UTF_8);
    } else {
      body = JSON.writeValueAsBytes(t.get("body"));
    }
    String id = t.path("assistant").asString(CatalogueCasesTest.GIVEN);
    var request =
        new ContractRequest(
            id,
            Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + CatalogueCasesTest.KEY),
            body);
    String mode = t.path("mode").asString("pipeline");
    Evaluation e =
        CatalogueCasesTest.CONTRACT.evaluate(
            request,
            CatalogueCasesTest.KEY::equals,
            a -> a.equals(CatalogueCasesTest.GIVEN) ? Optional.of(mode) : Optional.empty());
    assertEquals(t.get("status").asInt(), e.status(), e.report()::toString);
    t.path("must")
        .forEach(
            r ->
                assertTrue(
                    e.report().ruleIds().contains(r.asString()),
                    () -> r + " missing: " + e.report()));
    t.path("mustNot")
        .forEach(
            r ->
                assertFalse(
                    e.report().ruleIds().contains(r.asString()),
                    () -> r + " present: " + e.report()));
    var pointers = e.report().violations().stream().map(Violation::pointer).toList();
    t.path("pointers")
        .forEach(p -> assertTrue(pointers.contains(p.asString()), () -> p + " not in " + pointers));
  }
}
