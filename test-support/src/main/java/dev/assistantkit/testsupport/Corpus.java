package dev.assistantkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus of real public OpenAPI documents in {@code corpus/} (their provenance in {@code
 * corpus/PROVENANCE.md}): the documents no one here wrote, on which the kit is tested.
 */
public final class Corpus {

  /**
   * A document of the corpus.
   *
   * @param name its short name (its directory)
   * @param main its main file
   * @param openapi the version its {@code openapi} field states
   * @param files how many files it is split across (1: one file)
   */
  public record Document(String name, Path main, String openapi, int files) {

    public boolean multiFile() {
      return files > 1;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final Pattern ENTRY =
      Pattern.compile(
          "\"name\":\\s*\"([^\"]+)\",\\s*\"main\":\\s*\"([^\"]+)\",\\s*\"openapi\":\\s*\"([^\"]+)\""
              + "[\\s\\S]*?\"files\":\\s*(\\d+)");

  private Corpus() {}

  /** Every document, in the manifest's order; {@code root} is the repository's root. */
  public static List<Document> documents(Path root) {
    Path dir = root.resolve("corpus");
    String manifest;
    try {
      manifest = Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Document> out = new ArrayList<>();
    Matcher m = ENTRY.matcher(manifest);
    while (m.find()) {
      out.add(
          new Document(
              m.group(1), dir.resolve(m.group(2)), m.group(3), Integer.parseInt(m.group(4))));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("corpus/manifest.json lists no document");
    }
    return out;
  }

  /** One document by its short name. */
  public static Document document(Path root, String name) {
    return documents(root).stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no corpus document " + name));
  }
}
