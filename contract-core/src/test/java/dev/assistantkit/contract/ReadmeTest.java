package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.testsupport.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The documentation says what the spec holds: every rule id (the rule table of
 * docs/spec-editors.md), and the README the command CI runs.
 */
class ReadmeTest {

  @Test
  void the_rule_table_names_every_catalogue_rule() {
    String table = Docs.page(Path.of(".."), TABLE).text();
    for (Rule r : Fixtures.CONTRACT.allRules()) {
      assertTrue(table.contains("`" + r.id() + "`"), r.id() + " is not in " + TABLE);
    }
  }

  private static final String TABLE = "docs/spec-editors.md";

  /**
   * The rule table has one row per catalogue rule, in catalogue order, with the rule's origin (and
   * any other origin of its locations), kind and status (and the statuses the page allows, where it
   * leaves the status open).
   */
  @Test
  void the_rule_table_matches_the_catalogue() {
    java.util.List<String> rows =
        Docs.page(Path.of(".."), TABLE)
            .text()
            .lines()
            .filter(l -> l.startsWith("| `") && l.split("\\|").length >= 6)
            .filter(l -> l.split("\\|")[4].strip().matches("\\d{3}.*"))
            .map(l -> java.util.Arrays.stream(l.split("\\|")).skip(1).limit(4))
            .map(c -> String.join(" | ", c.map(String::strip).toList()))
            .toList();
    java.util.List<String> want = new java.util.ArrayList<>();
    for (Rule r : Fixtures.CONTRACT.allRules()) {
      java.util.Set<String> others = new java.util.TreeSet<>();
      r.enforcedBy().stream()
          .map(l -> l.origin().wireName())
          .filter(o -> !o.equals(r.origin().wireName()))
          .forEach(others::add);
      String origin =
          r.origin().wireName()
              + (others.isEmpty() ? "" : " (some locations " + String.join("/", others) + ")");
      String status =
          r.pageAllows().isEmpty()
              ? String.valueOf(r.status())
              : r.status()
                  + " (the page allows "
                  + String.join(
                      " or ",
                      new java.util.TreeSet<>(r.pageAllows())
                          .stream().map(String::valueOf).toList())
                  + ")";
      want.add(String.join(" | ", "`" + r.id() + "`", origin, r.kind().wireName(), status));
    }
    assertEquals(want, rows);
  }

  /**
   * The places where the page requires a rejection but this project chose its status, which the
   * documented profile judges as the page (every status the rule's page-allows lists): the list in
   * x-documented-reading names exactly the rules that carry a page-allows, with its statuses.
   */
  @Test
  void the_documented_reading_lists_every_rule_whose_status_the_page_leaves_open() {
    String reading =
        Fixtures.CONTRACT
            .spec()
            .node("#/x-documented-reading/description")
            .orElseThrow()
            .asString()
            .replaceAll("\\s+", " ");
    int list = reading.indexOf("Those places:");
    assertTrue(list >= 0, reading);
    java.util.Map<String, String> listed = new java.util.TreeMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\(([a-z-]+\\.[a-z.-]+): ([0-9]{3}(?: or [0-9]{3})*)\\)")
            .matcher(reading.substring(list));
    while (m.find()) {
      listed.put(m.group(1), m.group(2));
    }
    java.util.Map<String, String> open = new java.util.TreeMap<>();
    for (Rule r : Fixtures.CONTRACT.allRules()) {
      if (!r.pageAllows().isEmpty()) {
        open.put(
            r.id(),
            String.join(
                " or ",
                new java.util.TreeSet<>(r.pageAllows()).stream().map(String::valueOf).toList()));
      }
    }
    assertTrue(!open.isEmpty());
    assertEquals(open, listed, reading);
  }

  @Test
  void the_readme_shows_the_command_ci_runs() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String ci = Files.readString(Path.of("../.ci/run"));
    assertTrue(ci.contains("mvn -B verify"));
    assertTrue(readme.contains("mvn -B verify"));
  }
}
