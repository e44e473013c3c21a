package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.MultiOperationSpec;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of a spec is checked with no Java written for it: the test-only fixture with
 * three operations (the page's update, a GET of the assistant, a rename), served by the mock and
 * checked through {@code --spec FILE}, has no failure.
 */
class MultiOperationSuiteTest {

  @Test
  void the_suite_checks_all_three_operations_of_the_fixture_spec_with_0_failures(@TempDir Path dir)
      throws Exception {
    Path spec = Files.writeString(dir.resolve("multi.yaml"), MultiOperationSpec.yaml());
    try (MockServer m =
        MockServer.start(
            MockConfig.defaults().withApiKeys(List.of(SuiteRuns.KEY)),
            MultiOperationSpec.contract())) {
      ConformanceMainTest.Outcome o =
          ConformanceMainTest.main(
              "--spec",
              spec.toString(),
              "--base-url",
              m.baseUrl(),
              "--api-key",
              SuiteRuns.KEY,
              "--assistant-id",
              SuiteRuns.ASSISTANT,
              "--allow-writes",
              "--profile",
              "strict",
              "--rate",
              "0",
              "--fuzz",
              "5",
              "--progress",
              "0",
              "--report-dir",
              dir.resolve("reports").toString());
      assertEquals(0, o.status(), o::out);
      assertTrue(o.lastLine().matches("\\d+ passed, 0 failed"), o.lastLine());
      var report =
          SpecBodies.JSON.readTree(
              Files.readString(dir.resolve("reports").resolve(Reports.JSON_FILE)));
      Set<String> operations = new TreeSet<>();
      Set<String> kinds = new TreeSet<>();
      for (var check : report.path("checks")) {
        if (check.path("answered").asInt() > 0) {
          operations.add(check.path("operation").asString());
          kinds.add(check.path("operation").asString() + " " + check.path("kind").asString());
        }
      }
      assertEquals(
          Set.of(
              "GET /assistant/{assistant_id}",
              "PATCH /assistant/rename/{assistant_id}",
              "PATCH /assistant/update/{assistant_id}"),
          operations);
      assertTrue(kinds.contains("PATCH /assistant/rename/{assistant_id} derived"), kinds::toString);
      assertTrue(kinds.contains("PATCH /assistant/rename/{assistant_id} fuzz"), kinds::toString);
      assertTrue(kinds.contains("GET /assistant/{assistant_id} catalogue"), kinds::toString);
      assertTrue(o.out().contains("rename.name-required"), "the rename's own rule is in the table");
    }
  }
}
