package dev.assistantkit.contract.spec;

import static dev.assistantkit.contract.spec.BundleFiles.MAIN;
import static dev.assistantkit.contract.spec.BundleFiles.mainReferring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Where the parts of other files land, and what the references become. */
class BundleLayoutTest {

  @TempDir Path dir;

  private SpecDocument load(Map<String, String> files) {
    return SpecDocument.fromFile(BundleFiles.write(dir, files));
  }

  private static String ref(SpecDocument doc, String pointer) {
    return doc.require(pointer).get("$ref").asString();
  }

  @Test
  void schemas_that_refer_to_each_other_across_files_are_placed_once_and_validate() {
    SpecDocument doc =
        load(
            Map.of(
                MAIN,
                mainReferring("a.yaml"),
                "a.yaml",
                "{type: object, properties: {b: {$ref: b.yaml}}}",
                "b.yaml",
                "{type: object, properties: {a: {$ref: a.yaml}}}"));
    assertEquals(List.of("a.yaml", "b.yaml"), names(doc.require("#/x-bundled")));
    assertEquals("#/x-bundled/b.yaml", ref(doc, "#/x-bundled/a.yaml/properties/b"));
    assertEquals("#/x-bundled/a.yaml", ref(doc, "#/x-bundled/b.yaml/properties/a"));
    SchemaSet schemas = new SchemaSet(doc);
    List<Error> errors =
        schemas.validate(
            schemas.at("#/components/schemas/A"),
            JsonMappers.plain().readTree("{\"b\":{\"a\":{\"b\":{\"a\":1}}}}"));
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("/b/a/b/a", errors.get(0).getInstanceLocation().toString());
  }

  @Test
  void a_fragment_places_only_the_part_it_names() {
    SpecDocument doc =
        load(
            Map.of(
                MAIN,
                mainReferring("common.yaml#/components/schemas/Error"),
                "common.yaml",
                """
                components:
                  schemas:
                    Error: {type: object, required: [code]}
                    Unused: {$ref: not-there.yaml}
                """));
    assertEquals(
        "#/x-bundled/common.yaml/components/schemas/Error", ref(doc, "#/components/schemas/A"));
    assertEquals(
        List.of("Error"), names(doc.require("#/x-bundled/common.yaml/components/schemas")));
  }

  @Test
  void places_in_one_file_that_overlap_resolve_whichever_is_placed() {
    String lib =
        "components: {schemas: {X: {type: string}}}\nlist: [{type: boolean}, {type: integer}]\n";
    String parts =
        mainReferring("lib.yaml#/components/schemas/X")
            .replace("Base:", "B: {$ref: 'lib.yaml#/list/1'}\n    Base:");
    for (String main : List.of(parts, parts.replace("Base:", "C: {$ref: lib.yaml}\n    Base:"))) {
      SpecDocument doc = load(Map.of(MAIN, main, "lib.yaml", lib));
      assertEquals("#/x-bundled/lib.yaml/list/1", ref(doc, "#/components/schemas/B"));
      BundleRefs.assertAllInternalAndResolved(doc);
      SchemaSet schemas = new SchemaSet(doc);
      assertEquals(
          1,
          schemas
              .validate(schemas.at("#/components/schemas/B"), JsonMappers.plain().readTree("\"1\""))
              .size(),
          main);
    }
  }

  @Test
  void escaped_and_percent_encoded_fragments_and_names_are_read() {
    SpecDocument doc =
        load(
            Map.of(
                MAIN,
                """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    Slash: {$ref: 'my%20dir/a%20b.yaml#/components/schemas/a~1b'}
                    Tilde: {$ref: './my dir/a b.yaml#/components/schemas/c~0d'}
                    Accent: {$ref: 'my%20dir/a%20b.yaml#/components/schemas/%C3%A9'}
                """,
                "my dir/a b.yaml",
                """
                components:
                  schemas:
                    a/b: {type: string}
                    c~d: {type: integer}
                    é: {type: boolean}
                """));
    String file = "#/x-bundled/my dir/a b.yaml/components/schemas/";
    assertEquals(file + "a~1b", ref(doc, "#/components/schemas/Slash"));
    assertEquals(file + "c~0d", ref(doc, "#/components/schemas/Tilde"));
    assertEquals(file + "é", ref(doc, "#/components/schemas/Accent"));
    assertEquals(
        "integer", doc.resolve(doc.require("#/components/schemas/Tilde")).get("type").asString());
    BundleRefs.assertAllInternalAndResolved(doc);
  }

  @Test
  void a_reference_back_into_the_main_file_is_a_pointer_of_the_main_file() {
    SpecDocument doc =
        load(
            Map.of(
                MAIN,
                mainReferring("dir/b.yaml"),
                "dir/b.yaml",
                "allOf: [{$ref: '../openapi.yaml#/components/schemas/Base'}, {minLength: 2}]"));
    assertEquals("#/components/schemas/Base", ref(doc, "#/x-bundled/dir/b.yaml/allOf/0"));
  }

  @Test
  void a_percent_sign_in_a_file_name_is_placed_without_it() {
    SpecDocument doc =
        load(Map.of(MAIN, mainReferring("50%25.yaml"), "50%.yaml", "{type: integer}"));
    assertEquals("#/x-bundled/50_.yaml", ref(doc, "#/components/schemas/A"));
    SchemaSet schemas = new SchemaSet(doc);
    assertEquals(
        1,
        schemas
            .validate(schemas.at("#/components/schemas/A"), JsonMappers.plain().readTree("\"x\""))
            .size(),
        "the validator follows the placed pointer");
  }

  @Test
  void a_json_main_file_and_byte_order_marks_are_read() throws IOException {
    Files.writeString(
        dir.resolve("openapi.json"),
        "\uFEFF{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"},"
            + " \"paths\": {}, \"components\": {\"schemas\": {\"A\": {\"$ref\": \"s.yaml\"}}}}",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("s.yaml"), "\uFEFFtype: string\n", StandardCharsets.UTF_8);
    SpecDocument doc = SpecDocument.fromFile(dir.resolve("openapi.json"));
    assertEquals(OpenApiVersion.V3_0, doc.version());
    assertEquals("string", doc.require("#/x-bundled/s.yaml/type").asString());
    assertTrue(doc.text().startsWith("openapi: \"3.0.3\"\n"), doc.text());
  }

  @Test
  void yaml_aliases_and_merge_keys_mean_what_yaml_says() {
    SpecDocument doc =
        SpecDocument.fromYaml(
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
                Base: &base {type: object, required: [id]}
                Same: *base
                More:
                  <<: *base
                  description: more
            """);
    JsonNode base = doc.require("#/components/schemas/Base");
    assertEquals(base, doc.require("#/components/schemas/Same"));
    assertEquals("object", doc.require("#/components/schemas/More/type").asString());
    assertEquals("more", doc.require("#/components/schemas/More/description").asString());
  }

  @Test
  void a_chain_of_twenty_directories_loads_and_its_pointers_name_the_path() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(MAIN, mainReferring("d/s.yaml"));
    String path = "";
    for (int level = 1; level <= 20; level++) {
      path += "d/";
      files.put(path + "s.yaml", "{type: object, properties: {next: {$ref: d/s.yaml}}}");
    }
    files.put(path + "d/s.yaml", "{type: string}");
    SpecDocument doc = load(files);
    String deepest = "#/x-bundled/" + "d/".repeat(21) + "s.yaml";
    assertEquals("string", doc.require(deepest + "/type").asString());
    BundleRefs.assertAllInternalAndResolved(doc);
  }

  @Test
  void a_chain_of_twenty_references_to_references_is_refused() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(MAIN, mainReferring("d/s.yaml"));
    String path = "";
    for (int level = 1; level <= 20; level++) {
      path += "d/";
      files.put(path + "s.yaml", "$ref: d/s.yaml");
    }
    files.put(path + "d/s.yaml", "{type: string}");
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> load(files));
    assertEquals(SpecLoadException.Reason.REF_CHAIN, e.reason());
  }

  @Test
  void a_bundled_tree_deeper_than_the_limit_is_refused() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(MAIN, mainReferring("d/s.yaml"));
    String path = "";
    for (int level = 1; level <= 40; level++) {
      path += "d/";
      files.put(path + "s.yaml", "{type: object, properties: {next: {$ref: d/s.yaml}}}");
    }
    files.put(path + "d/s.yaml", "{type: string}");
    Path main = BundleFiles.write(dir, files);
    SpecLimits shallow = new SpecLimits(100, 1 << 20, 100_000, 30);
    SpecLoadException e =
        assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main, shallow));
    assertEquals(SpecLoadException.Reason.TOO_DEEP, e.reason());
  }

  @Test
  void placed_parts_do_not_move_when_another_file_is_added() {
    String two = mainReferring("c.yaml").replace("Base:", "Other: {$ref: 'a.yaml'}\n    Base:");
    Map<String, String> files = new LinkedHashMap<>();
    files.put(MAIN, two);
    files.put("a.yaml", "{type: string, maxLength: 3}");
    files.put("c.yaml", "{type: object, properties: {x: {$ref: a.yaml}}}");
    SpecDocument before = load(files);
    files.put(MAIN, two.replace("Base:", "New: {$ref: 'b.yaml'}\n    Base:"));
    files.put("b.yaml", "{type: integer}");
    SpecDocument after = load(files);
    for (String placed : List.of("#/x-bundled/a.yaml", "#/x-bundled/c.yaml")) {
      assertEquals(before.require(placed), after.require(placed), placed);
    }
    assertEquals(ref(before, "#/components/schemas/A"), ref(after, "#/components/schemas/A"));
    assertEquals(List.of("a.yaml", "c.yaml"), names(before.require("#/x-bundled")));
    assertEquals(
        List.of("a.yaml", "b.yaml", "c.yaml"),
        names(after.require("#/x-bundled")),
        "placed parts are ordered by path, not by the order they were met in");
  }

  @Test
  void text_files_become_strings_and_example_files_become_values() {
    SpecDocument doc =
        load(
            Map.of(
                MAIN,
                mainReferring("#/components/schemas/Base")
                    + "  examples:\n    E: {$ref: ex/e.yaml}\n"
                    + "x-notes: {$ref: notes.md}\n",
                "notes.md",
                "# Notes\nSee *this*.\n",
                "ex/e.yaml",
                "summary: one\nvalue: {$ref: data.json}\n",
                "ex/data.json",
                "{\"id\": 7, \"inner\": {\"$ref\": \"more.json\"}}",
                "ex/more.json",
                "[1, 2]"));
    assertEquals("# Notes\nSee *this*.\n", doc.require("#/x-notes").asString());
    assertEquals("#/x-bundled/ex/e.yaml", ref(doc, "#/components/examples/E"));
    assertEquals(
        JsonMappers.plain().readTree("{\"id\": 7, \"inner\": [1, 2]}"),
        doc.require("#/x-bundled/ex/e.yaml/value"),
        "an Example Object's value given as files is their content");
  }

  @Test
  void a_remote_reference_in_an_example_is_data() {
    SpecDocument doc =
        SpecDocument.fromYaml(
            mainReferring("#/components/schemas/Base")
                + "  examples:\n    E:\n      value: {$ref: 'https://example.com/x'}\n");
    assertEquals("https://example.com/x", ref(doc, "#/components/examples/E/value"));
  }

  @Test
  void the_bundled_text_keeps_servers_where_the_docs_page_puts_the_mock() {
    String text = SpecDocument.fromFile(BundleRefs.CAFE).text();
    assertTrue(text.contains("\nservers:\n  - url: https://api.cafe.redocly.com\n"), text);
    assertFalse(text.startsWith("---"));
  }

  private static List<String> names(JsonNode object) {
    return object.propertyNames().stream().toList();
  }
}
