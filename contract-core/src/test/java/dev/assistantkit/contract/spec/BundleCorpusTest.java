package dev.assistantkit.contract.spec;

import static dev.assistantkit.contract.spec.BundleRefs.CAFE;
import static dev.assistantkit.contract.spec.BundleRefs.CORPUS;
import static dev.assistantkit.contract.spec.BundleRefs.NHS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.OperationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The corpus's real documents, split across files or not, read by {@link SpecDocument#fromFile}.
 */
class BundleCorpusTest {

  static Stream<Path> multiFile() {
    return Stream.of(CAFE, NHS);
  }

  /** The corpus's single-file documents, and the kit's own spec. */
  static Stream<Path> singleFile() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      List<Path> docs =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.equals(CAFE.getParent()) && !d.equals(NHS.getParent()))
              .flatMap(BundleCorpusTest::yamlFiles)
              .sorted()
              .toList();
      return Stream.concat(docs.stream(), Stream.of(Path.of("..", SpecDocument.RESOURCE)));
    }
  }

  private static Stream<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("multiFile")
  void a_document_split_across_files_loads_into_one_tree_whose_every_ref_is_internal(Path main) {
    BundleRefs.assertAllInternalAndResolved(SpecDocument.fromFile(main));
  }

  @ParameterizedTest
  @MethodSource("multiFile")
  void the_bundled_text_is_a_standalone_document_with_the_same_tree(Path main) {
    SpecDocument doc = SpecDocument.fromFile(main);
    SpecDocument again = SpecDocument.fromYaml(doc.text());
    assertEquals(doc.root(), again.root());
    assertEquals(doc.version(), again.version());
  }

  @ParameterizedTest
  @MethodSource("multiFile")
  void loading_twice_gives_the_same_text(Path main) {
    assertEquals(SpecDocument.fromFile(main).text(), SpecDocument.fromFile(main).text());
  }

  @ParameterizedTest
  @MethodSource("singleFile")
  void a_single_file_reads_the_same_from_its_file_as_from_its_text(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    SpecDocument fromFile = SpecDocument.fromFile(file);
    SpecDocument fromText = SpecDocument.fromYaml(text);
    assertEquals(fromText.root(), fromFile.root());
    assertEquals(text, fromFile.text(), "a single file is served as it was written");
    assertFalse(fromFile.root().has("x-bundled"));
  }

  @Test
  void the_kits_own_spec_loads_as_before() throws IOException {
    SpecDocument spec = SpecDocument.fromClasspath(SpecDocument.RESOURCE);
    String text = Files.readString(Path.of("..", SpecDocument.RESOURCE), StandardCharsets.UTF_8);
    assertEquals(YAMLMapper.builder().build().readTree(text), spec.root());
    assertEquals(text, spec.text());
    assertEquals(OpenApiVersion.V3_1, spec.version());
  }

  @Test
  void the_cafe_places_each_file_under_its_own_path() throws IOException {
    SpecDocument cafe = SpecDocument.fromFile(CAFE);
    assertEquals(OpenApiVersion.V3_1, cafe.version());
    assertEquals(
        "#/x-bundled/paths/menu_{menuItemId}.yaml",
        cafe.require("#/paths/~1menu~1{menuItemId}").get("$ref").asString());
    JsonNode menuItem = cafe.require("#/x-bundled/components/schemas/MenuItem.yaml");
    assertEquals(
        "#/x-bundled/components/schemas/Beverage.yaml",
        menuItem.get("discriminator").get("mapping").get("beverage").asString(),
        "a discriminator mapping to a file names the placed schema");
    assertEquals(
        Files.readString(CAFE.resolveSibling("code_samples/C_sharp/menu/get.cs")),
        cafe.require("#/x-bundled/paths/menu.yaml/get/x-codeSamples/0/source").asString(),
        "a reference to a code sample becomes its text");
  }

  @Test
  void nhs_pds_refers_back_into_its_main_file_and_inlines_its_example_files() throws IOException {
    SpecDocument nhs = SpecDocument.fromFile(NHS);
    assertEquals(OpenApiVersion.V3_0, nhs.version());
    assertEquals(
        "#/x-bundled/components/paths/patient-search.yaml",
        nhs.require("#/paths/~1Patient/get").get("$ref").asString(),
        "an operation given as a reference stays one, to its placed file");
    String coverage = "#/x-bundled/components/paths/coverage-get.yaml";
    assertTrue(
        BundleRefs.refs(nhs.require(coverage)).stream()
            .anyMatch(r -> r.value().equals("#/components/parameters/RequestID")),
        "a reference back into the main file is a pointer of the main file");
    JsonNode value =
        nhs.require(
            "#/x-bundled/components/paths/patient-patch.yaml/requestBody/content"
                + "/application~1json-patch+json/examples/add-name/value");
    JsonNode file =
        JsonMappers.plain()
            .readTree(
                Files.readString(
                    NHS.resolveSibling("components/examples/requests/PatientPatch/add-name.json")));
    assertEquals(file, value, "an example value given as a file is the file's content");
  }

  @Test
  void operations_given_as_references_are_read_at_their_targets() {
    SpecDocument nhs = SpecDocument.fromFile(NHS);
    List<Operation> ops = new OperationParser(nhs, new SchemaSet(nhs), Map.of()).parse();
    assertEquals(
        List.of(
            "search-patient",
            "create-patient",
            "get-patient",
            "update-patient-partial",
            "get-related-people",
            "get-coverage",
            "post-coverage"),
        ops.stream().map(Operation::id).toList());
    Operation patch = ops.get(3);
    String schemaAt = patch.body().orElseThrow().content().get(0).schemaLocation().orElseThrow();
    assertTrue(
        schemaAt.startsWith("#/x-bundled/components/paths/patient-patch.yaml/requestBody"),
        schemaAt);
  }
}
