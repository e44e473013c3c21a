package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * docs/frontend.md's promise about the rules page: the docs link it, and it lists every rule of the
 * spec the mock serves (the contract's own list, in its order) with its id, origin, status and
 * sentence; for a plain document, the rules derived from its schemas too. Its JSON form says the
 * same.
 */
class RuleCataloguePageTest {

  /** A row: rule id, origin, status, kind, operations, sentence (HTML text). */
  private static final Pattern ROW =
      Pattern.compile(
          "<tr class=\"(documented|decided)\" data-rule=\"[^\"]*\"><td><code>([^<]*)</code></td>"
              + "<td class=\"origin\">([^<]*)</td><td class=\"status\">([^<]*)</td>"
              + "<td class=\"kind\">([^<]*)</td><td class=\"operations\">([^<]*)</td>"
              + "<td class=\"sentence\">([^<]*)</td></tr>");

  private static List<String[]> rows(String html) {
    List<String[]> out = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      out.add(
          new String[] {
            m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), unescape(m.group(7))
          });
    }
    return out;
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  @Test
  void the_docs_link_a_page_with_every_rule_of_the_catalogue() {
    try (MockServer server = MockServer.start(MockConfig.defaults())) {
      MockHttp http = new MockHttp(server.baseUrl());
      String docs = http.get("/docs/").text();
      assertTrue(docs.contains("<a href=\"/docs/rules.html\">"), docs);

      var page = http.get("/docs/rules.html");
      assertEquals(200, page.status());
      String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("default-src 'none'") && !csp.contains("script-src"), csp);
      List<String[]> rows = rows(page.text());
      List<Rule> rules = server.contract().allRules();
      assertEquals(rules.size(), rows.size(), page.text());
      for (int i = 0; i < rules.size(); i++) {
        Rule r = rules.get(i);
        String[] row = rows.get(i);
        assertEquals(r.id(), row[0]);
        assertTrue(row[1].startsWith(r.origin().wireName()), r.id() + ": " + row[1]);
        assertTrue(row[2].startsWith(String.valueOf(r.status())), r.id() + ": " + row[2]);
        assertEquals(r.kind().wireName(), row[3], r.id());
        assertEquals(r.source(), row[5], r.id());
      }
      String[] pair = rows.stream().filter(r -> r[0].equals("tts.pair")).findFirst().orElseThrow();
      assertEquals("documented", pair[1]);
      assertEquals("400", pair[2]);
      assertEquals("updateAssistant", pair[4]);

      JsonNode json = http.get("/docs/rules.json").json();
      assertEquals(rules.size(), json.get("rules").size());
      JsonNode first = json.at("/rules/0");
      assertEquals(rules.get(0).id(), first.get("id").asString());
      assertEquals(rules.get(0).source(), first.get("sentence").asString());
      assertEquals(rules.get(0).origin().wireName(), first.get("origin").asString());
    }
  }

  /**
   * A document with no catalogue: the rules derived from its schemas, each with its operation, and
   * the kit's rules it needs; what the document says is text on the page, never markup.
   */
  @Test
  void a_plain_document_lists_its_derived_rules(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("petstore.yaml");
    Files.writeString(
        spec,
        Files.readString(Path.of("../corpus/oai-petstore-expanded/petstore-expanded.yaml"))
            .replaceFirst("title: ([^\n]*)", "title: \"<script>alert(1)</script> $1\""));
    Contract contract = Contract.fromFile(spec);
    try (MockServer server = MockServer.start(MockConfig.defaults().withSpec(spec))) {
      MockHttp http = new MockHttp(server.baseUrl());
      String html = http.get("/docs/rules.html").text();
      List<String[]> rows = rows(html);
      assertEquals(contract.allRules().size(), rows.size(), html);
      String[] name =
          rows.stream()
              .filter(r -> r[0].equals("addPet.body.name.required"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(html));
      assertEquals("documented", name[1]);
      assertEquals("addPet", name[4]);
      assertTrue(name[5].contains("#/components/schemas/NewPet/required/0"), name[5]);
      assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the title, as text");
      assertFalse(html.contains("<script"), html);
    }
  }
}
