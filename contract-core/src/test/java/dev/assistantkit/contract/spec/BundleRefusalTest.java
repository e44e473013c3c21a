package dev.assistantkit.contract.spec;

import static dev.assistantkit.contract.spec.BundleFiles.MAIN;
import static dev.assistantkit.contract.spec.BundleFiles.mainReferring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.spec.SpecLoadException.Reason;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents the loader refuses, each with its reason and the place it names. Every bound is
 * structural: files, bytes, tokens, depth and hops are counted, nothing is timed.
 */
class BundleRefusalTest {

  @TempDir Path dir;

  /**
   * A document that must not load.
   *
   * @param name what is wrong
   * @param files the files, the main one included
   * @param reason the key of the refusal
   * @param where the place the refusal names
   */
  record Refused(String name, Map<String, String> files, Reason reason, String where) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Refused refusal(String name, Reason reason, String where, String... files) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < files.length; i += 2) {
      map.put(files[i], files[i + 1]);
    }
    return new Refused(name, map, reason, where);
  }

  private static final String AT_A = MAIN + "#/components/schemas/A";

  static Stream<Refused> refusals() {
    return Stream.of(
        refusal("a missing file", Reason.MISSING_FILE, AT_A, MAIN, mainReferring("nope.yaml")),
        refusal(
            "a missing file, referred to from another file",
            Reason.MISSING_FILE,
            "dir/b.yaml#/properties/x",
            MAIN,
            mainReferring("dir/b.yaml"),
            "dir/b.yaml",
            "properties: {x: {$ref: ../gone.yaml}}"),
        refusal(
            "a place a file does not have",
            Reason.MISSING_TARGET,
            AT_A,
            MAIN,
            mainReferring("b.yaml#/components/schemas/Nope"),
            "b.yaml",
            "components: {schemas: {B: {type: string}}}"),
        refusal(
            "a place the main file does not have, from another file",
            Reason.MISSING_TARGET,
            "b.yaml#/items",
            MAIN,
            mainReferring("b.yaml"),
            "b.yaml",
            "items: {$ref: 'openapi.yaml#/components/schemas/Zed'}"),
        refusal(
            "an internal pointer to nothing",
            Reason.MISSING_TARGET,
            AT_A,
            MAIN,
            mainReferring("#/components/schemas/Zed")),
        refusal("an absolute path", Reason.ABSOLUTE_REF, AT_A, MAIN, mainReferring("/etc/passwd")),
        refusal(
            "a file: URI", Reason.ABSOLUTE_REF, AT_A, MAIN, mainReferring("file:///etc/passwd")),
        refusal(
            "a Windows drive", Reason.ABSOLUTE_REF, AT_A, MAIN, mainReferring("C:/specs/a.yaml")),
        refusal(
            "a ../ escape", Reason.OUTSIDE_ROOT, AT_A, MAIN, mainReferring("../../../etc/passwd")),
        refusal(
            "a ../ escape from a subdirectory",
            Reason.OUTSIDE_ROOT,
            "dir/b.yaml#/items",
            MAIN,
            mainReferring("dir/b.yaml"),
            "dir/b.yaml",
            "items: {$ref: ../../outside.yaml}"),
        refusal(
            "an https reference",
            Reason.REMOTE_REF,
            AT_A,
            MAIN,
            mainReferring("https://example.com/schemas/a.yaml#/A")),
        refusal(
            "an http reference in another file",
            Reason.REMOTE_REF,
            "b.yaml#/items",
            MAIN,
            mainReferring("b.yaml"),
            "b.yaml",
            "items: {$ref: 'http://127.0.0.1:9/x.yaml'}"),
        refusal(
            "a scheme-relative reference",
            Reason.REMOTE_REF,
            AT_A,
            MAIN,
            mainReferring("//example.com/a.yaml")),
        refusal("another scheme", Reason.UNSUPPORTED_REF, AT_A, MAIN, mainReferring("urn:x:y")),
        refusal(
            "a plain-name fragment in another file",
            Reason.UNSUPPORTED_REF,
            AT_A,
            MAIN,
            mainReferring("b.yaml#foo"),
            "b.yaml",
            "$anchor: foo"),
        refusal(
            "a fragment of a text file",
            Reason.UNSUPPORTED_REF,
            AT_A,
            MAIN,
            mainReferring("notes.md#/x"),
            "notes.md",
            "# notes"),
        refusal(
            "references to references that loop across files",
            Reason.REF_CHAIN,
            AT_A,
            MAIN,
            mainReferring("a.yaml"),
            "a.yaml",
            "$ref: b.yaml",
            "b.yaml",
            "$ref: a.yaml"),
        refusal(
            "references to references that loop in one file",
            Reason.REF_CHAIN,
            MAIN + "#/components/schemas/A",
            MAIN,
            mainReferring("#/components/schemas/B")
                .replace("Base:", "B: {$ref: '#/components/schemas/A'}\n    Base:")),
        refusal(
            "an example file that contains itself",
            Reason.REF_CHAIN,
            "ex.json#/again",
            MAIN,
            mainReferring("#/components/schemas/Base")
                + "  examples:\n    E:\n      value: {$ref: ex.json}\n",
            "ex.json",
            "{\"again\": {\"$ref\": \"ex.json\"}}"),
        refusal(
            "a top-level x-bundled beside external references",
            Reason.RESERVED_KEY,
            MAIN + "#/x-bundled",
            MAIN,
            mainReferring("b.yaml") + "x-bundled: {}\n",
            "b.yaml",
            "type: string"),
        refusal(
            "a file that is not YAML",
            Reason.NOT_YAML,
            "b.yaml",
            MAIN,
            mainReferring("b.yaml"),
            "b.yaml",
            "type: [unclosed"),
        refusal(
            "an empty file",
            Reason.NOT_YAML,
            "b.yaml",
            MAIN,
            mainReferring("b.yaml"),
            "b.yaml",
            ""),
        refusal(
            "a billion laughs in a referenced file",
            Reason.TOO_MANY_NODES,
            "b.yaml",
            MAIN,
            mainReferring("b.yaml#/l9"),
            "b.yaml",
            BundleFiles.billionLaughs()),
        refusal(
            "a file nested deeper than 500 levels",
            Reason.TOO_DEEP,
            "b.yaml",
            MAIN,
            mainReferring("b.yaml"),
            "b.yaml",
            BundleFiles.nested(600)),
        refusal(
            "Swagger 2.0",
            Reason.UNSUPPORTED_VERSION,
            MAIN + "#/swagger",
            MAIN,
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void a_document_that_cannot_be_loaded_is_refused_naming_the_place(Refused r) {
    Path main = BundleFiles.write(dir, r.files());
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(r.reason(), e.reason(), e.getMessage());
    assertEquals(r.where(), e.where(), e.getMessage());
    assertTrue(e.getMessage().contains(r.where()), e.getMessage());
  }

  @Test
  void a_missing_file_is_named_with_the_reference_and_its_place() {
    Path main = BundleFiles.write(dir, Map.of(MAIN, mainReferring("schemas/nope.yaml")));
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertTrue(e.getMessage().contains("schemas/nope.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains(AT_A), e.getMessage());
  }

  @Test
  void a_symbolic_link_to_a_file_outside_is_outside() throws IOException {
    Path root = Files.createDirectories(dir.resolve("spec"));
    Path secret = BundleFiles.write(dir, Map.of("secret.yaml", "type: string"));
    Files.createSymbolicLink(root.resolve("link.yaml"), secret.resolveSibling("secret.yaml"));
    Path main = BundleFiles.write(root, Map.of(MAIN, mainReferring("link.yaml")));
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(Reason.OUTSIDE_ROOT, e.reason());
  }

  @Test
  void a_symbolic_link_to_a_directory_outside_is_outside() throws IOException {
    Path root = Files.createDirectories(dir.resolve("spec"));
    BundleFiles.write(dir, Map.of("shared/s.yaml", "type: string"));
    Files.createSymbolicLink(root.resolve("shared"), dir.resolve("shared"));
    Path main = BundleFiles.write(root, Map.of(MAIN, mainReferring("shared/s.yaml")));
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(Reason.OUTSIDE_ROOT, e.reason());
  }

  @Test
  void a_symbolic_link_inside_the_directory_is_followed() throws IOException {
    Path main =
        BundleFiles.write(
            dir, Map.of(MAIN, mainReferring("link.yaml"), "real/s.yaml", "type: integer"));
    Files.createSymbolicLink(dir.resolve("link.yaml"), dir.resolve("real/s.yaml"));
    SpecDocument doc = SpecDocument.fromFile(main);
    assertEquals("integer", doc.require("#/x-bundled/real/s.yaml/type").asString());
  }

  @Test
  void a_main_file_given_by_a_symbolic_link_is_read_where_it_lies() throws IOException {
    Path real =
        BundleFiles.write(
            dir.resolve("api"), Map.of(MAIN, mainReferring("s.yaml"), "s.yaml", "type: integer"));
    Path link = Files.createDirectories(dir.resolve("elsewhere")).resolve("spec.yaml");
    Files.createSymbolicLink(link, real);
    assertEquals(
        "#/x-bundled/s.yaml",
        SpecDocument.fromFile(link).require("#/components/schemas/A/$ref").asString());
  }

  @Test
  void a_100_mb_file_is_refused_before_it_is_read() throws IOException {
    Path main = BundleFiles.write(dir, Map.of(MAIN, mainReferring("big.yaml")));
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.yaml").toFile(), "rw")) {
      big.setLength(100L << 20);
    }
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertEquals("big.yaml", e.where());
    SpecLoadException asMain =
        assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(dir.resolve("big.yaml")));
    assertEquals(Reason.TOO_LARGE, asMain.reason());
  }

  @Test
  void a_billion_laughs_text_is_refused() {
    String text =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n" + BundleFiles.billionLaughs();
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromYaml(text));
    assertEquals(Reason.TOO_MANY_NODES, e.reason());
  }

  @Test
  void a_text_nested_too_deep_is_refused() {
    String text = "openapi: 3.1.0\ninfo: " + BundleFiles.nested(600) + "\n";
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromYaml(text));
    assertEquals(Reason.TOO_DEEP, e.reason());
  }

  @Test
  void more_files_than_the_limit_are_refused() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(MAIN, mainReferring("f0.yaml"));
    for (int i = 0; i < 10; i++) {
      files.put("f" + i + ".yaml", "items: {$ref: f" + (i + 1) + ".yaml}");
    }
    files.put("f10.yaml", "type: string");
    Path main = BundleFiles.write(dir, files);
    SpecLimits five = new SpecLimits(5, 1 << 20, 100_000, 100);
    SpecLoadException e =
        assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main, five));
    assertEquals(Reason.TOO_MANY_FILES, e.reason());
    assertEquals(11, SpecDocument.fromFile(main).root().path("x-bundled").size());
  }

  @Test
  void more_bytes_than_the_limit_are_refused() {
    String pad = "description: " + "x".repeat(600) + "\n";
    Path main =
        BundleFiles.write(
            dir,
            Map.of(
                MAIN,
                mainReferring("a.yaml"),
                "a.yaml",
                pad + "items: {$ref: b.yaml}",
                "b.yaml",
                pad));
    SpecLimits small = new SpecLimits(100, 1_200, 100_000, 100);
    SpecLoadException e =
        assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main, small));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertEquals("b.yaml", e.where());
  }

  @Test
  void examples_that_multiply_through_files_stop_at_the_node_limit() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        MAIN,
        mainReferring("#/components/schemas/Base")
            + "  examples:\n    E:\n      value: {$ref: e0.json}\n");
    for (int i = 0; i < 8; i++) {
      StringBuilder json = new StringBuilder("[");
      for (int j = 0; j < 10; j++) {
        json.append(j == 0 ? "" : ",").append("{\"$ref\": \"e").append(i + 1).append(".json\"}");
      }
      files.put("e" + i + ".json", json.append("]").toString());
    }
    files.put("e8.json", "\"lol\"");
    Path main = BundleFiles.write(dir, files);
    SpecLimits limits = new SpecLimits(100, 1 << 20, 50_000, 100);
    SpecLoadException e =
        assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main, limits));
    assertEquals(Reason.TOO_MANY_NODES, e.reason());
  }

  @Test
  void a_file_that_is_not_utf8_is_refused() throws IOException {
    Path main = BundleFiles.write(dir, Map.of(MAIN, mainReferring("b.yaml")));
    Files.write(dir.resolve("b.yaml"), new byte[] {'t', 'y', 'p', 'e', ':', ' ', (byte) 0xE9});
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(Reason.NOT_UTF8, e.reason());
    assertEquals("b.yaml", e.where());
  }

  @Test
  void a_relative_reference_in_a_single_text_is_refused_with_the_way_out() {
    SpecLoadException e =
        assertThrows(
            SpecLoadException.class, () -> SpecDocument.fromYaml(mainReferring("other.yaml")));
    assertEquals(Reason.UNSUPPORTED_REF, e.reason());
    assertTrue(e.getMessage().contains("fromFile"), e.getMessage());
  }

  @Test
  void a_main_file_that_does_not_exist_is_refused() {
    SpecLoadException e =
        assertThrows(
            SpecLoadException.class, () -> SpecDocument.fromFile(dir.resolve("none.yaml")));
    assertEquals(Reason.MISSING_FILE, e.reason());
  }
}
