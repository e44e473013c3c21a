package dev.assistantkit.contract.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Documents written into a temporary directory for the bundle tests. */
final class BundleFiles {

  /** The main file's name in every fixture. */
  static final String MAIN = "openapi.yaml";

  private BundleFiles() {}

  /** A 3.1 main file whose schema {@code A} is {@code $ref: <ref>}. */
  static String mainReferring(String ref) {
    return """
        openapi: 3.1.0
        info: {title: fixture, version: "1"}
        paths: {}
        components:
          schemas:
            A:
              $ref: '%s'
            Base:
              type: string
        """
        .formatted(ref.replace("'", "''"));
  }

  /** Writes the files (path from {@code dir} to text) and returns the main file. */
  static Path write(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
      return dir.resolve(MAIN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML that expands to 10^9 strings through nine levels of aliases. */
  static String billionLaughs() {
    StringBuilder sb =
        new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      sb.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  /** A mapping nested {@code levels} deep, in flow style. */
  static String nested(int levels) {
    return "{a: ".repeat(levels) + "1" + "}".repeat(levels);
  }
}
