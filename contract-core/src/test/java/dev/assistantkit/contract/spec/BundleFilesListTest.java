package dev.assistantkit.contract.spec;

import static dev.assistantkit.contract.spec.BundleFiles.MAIN;
import static dev.assistantkit.contract.spec.BundleFiles.mainReferring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assistantkit.contract.spec.SpecLoadException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document read from files names the files it was read from, and a refusal names those the loader
 * had read or looked for: what a watcher of the document (the mock's {@code --watch}) must watch,
 * the file that was missing included, so that creating it is seen.
 */
class BundleFilesListTest {

  @TempDir Path dir;

  private Path real(String name) throws IOException {
    return dir.resolve(name).toRealPath();
  }

  @Test
  void a_document_names_its_main_file_first_then_each_file_it_refers_to() throws IOException {
    Path main =
        BundleFiles.write(
            dir,
            Map.of(
                MAIN,
                mainReferring("dir/b.yaml"),
                "dir/b.yaml",
                "properties: {x: {$ref: 'c.yaml'}}",
                "dir/c.yaml",
                "type: string",
                "unrelated.yaml",
                "type: string"));
    assertEquals(
        List.of(real(MAIN), real("dir/b.yaml"), real("dir/c.yaml")),
        SpecDocument.fromFile(main).files());
  }

  @Test
  void a_document_in_one_file_names_that_file() throws IOException {
    Path main = BundleFiles.write(dir, Map.of(MAIN, mainReferring("#/components/schemas/Base")));
    assertEquals(List.of(real(MAIN)), SpecDocument.fromFile(main).files());
  }

  @Test
  void a_document_from_text_names_no_file() {
    assertEquals(
        List.of(), SpecDocument.fromYaml(mainReferring("#/components/schemas/Base")).files());
  }

  @Test
  void a_refusal_for_a_missing_file_names_it_with_the_files_read() throws IOException {
    Path main =
        BundleFiles.write(
            dir, Map.of(MAIN, mainReferring("dir/b.yaml"), "dir/b.yaml", "{$ref: gone.yaml}"));
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(Reason.MISSING_FILE, e.reason());
    assertEquals(
        List.of(real(MAIN), real("dir/b.yaml"), real("dir").resolve("gone.yaml")), e.files());
  }

  @Test
  void a_refusal_for_a_file_that_is_not_yaml_names_that_file() throws IOException {
    Path main =
        BundleFiles.write(
            dir, Map.of(MAIN, mainReferring("b.yaml"), "b.yaml", "a: [unclosed\n  b: {"));
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(Reason.NOT_YAML, e.reason());
    assertEquals(List.of(real(MAIN), real("b.yaml")), e.files());
  }

  @Test
  void a_refusal_for_a_missing_main_file_names_it() {
    Path main = dir.resolve("nope.yaml");
    SpecLoadException e = assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(main));
    assertEquals(Reason.MISSING_FILE, e.reason());
    assertEquals(List.of(main.toAbsolutePath().normalize()), e.files());
  }
}
