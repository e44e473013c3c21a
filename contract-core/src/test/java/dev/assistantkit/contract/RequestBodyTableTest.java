package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Edge-case bodies beyond the catalogue's own cases, as data: {@code
 * src/test/resources/request-bodies/<what>-<valid|invalid>-<reason>.json}, each with the strict
 * status and the rule ids it must (and must not) produce, the pointers it must name, and, where it
 * matters, the statuses the documented profile allows.
 */
class RequestBodyTableTest {

  @TestFactory
  Stream<DynamicTest> each_body_gets_its_status_and_rule_ids() throws IOException {
    Path dir = Path.of("src/test/resources/request-bodies");
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream()
          .map(
              f ->
                  DynamicTest.dynamicTest(
                      f.getFileName().toString(),
                      () -> check(TestKnowledge.JSON.readTree(f.toFile()))));
    }
  }

  private static void check(JsonNode t) {
    byte[] body;
    if (t.has("rawBase64")) {
      body = Base64.getDecoder().decode(t.get("rawBase64").asString());
    } else if (t.has("raw")) {
      body = t.get("raw").asString().getBytes(StandardCharsets.UTF_8);
    } else {
      body = TestKnowledge.JSON.writeValueAsBytes(t.get("body"));
    }
    String id = t.path("assistant").asString(Fixtures.GIVEN);
    ApiRequest request =
        new ApiRequest(
            "PATCH",
            "/assistant/update/" + id,
            Headers.of(
                Map.of(
                    "Content-Type", "application/json", "Authorization", "Bearer " + Fixtures.KEY)),
            body);
    String mode = t.path("mode").asString("pipeline");
    Decision d = Fixtures.CONTRACT.evaluate(request, Fixtures.inMode(mode));
    ValidationReport r = d.report(Profile.STRICT);
    assertEquals(t.get("status").asInt(), d.status(Profile.STRICT), r::toString);
    t.path("must")
        .forEach(x -> assertTrue(r.ruleIds().contains(x.asString()), () -> x + " missing: " + r));
    t.path("mustNot")
        .forEach(x -> assertFalse(r.ruleIds().contains(x.asString()), () -> x + " present: " + r));
    var pointers = r.violations().stream().map(Violation::pointer).toList();
    t.path("pointers")
        .forEach(p -> assertTrue(pointers.contains(p.asString()), () -> p + " not in " + pointers));
    if (t.has("documented")) {
      var allowed = new java.util.TreeSet<Integer>();
      t.get("documented").forEach(s -> allowed.add(s.asInt()));
      assertEquals(allowed, new java.util.TreeSet<>(d.acceptable(Profile.DOCUMENTED)));
    }
  }
}
