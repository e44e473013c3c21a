package dev.assistantkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kit's documentation as the tests read it: the README (the front door) and the pages of {@code
 * docs/}, so that every promise they make is checked wherever it is written.
 */
public final class Docs {

  /** A page of the documentation: its path from the repository's root, and its text. */
  public record Page(String name, String text) {}

  private Docs() {}

  /** README.md, then every page of docs/ by name; {@code root} is the repository's root. */
  public static List<Page> pages(Path root) {
    List<Page> out = new ArrayList<>();
    out.add(read(root, "README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md"))
          .map(p -> "docs/" + p.getFileName())
          .sorted()
          .forEach(name -> out.add(read(root, name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** One page, by its path from the repository's root. */
  public static Page page(Path root, String name) {
    return read(root, name);
  }

  /** Every page's text, one after the other. */
  public static String all(Path root) {
    StringBuilder b = new StringBuilder();
    pages(root).forEach(p -> b.append(p.text()).append('\n'));
    return b.toString();
  }

  private static Page read(Path root, String name) {
    try {
      return new Page(name, Files.readString(root.resolve(name), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
