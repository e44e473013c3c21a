package dev.assistantkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A module's own Java sources, read as text: for checks that no word of the page is written. */
public final class JavaSources {

  private JavaSources() {}

  /**
   * The lines of the Java files under {@code root} in which {@code words} finds a match, each as
   * {@code File.java: line}.
   */
  public static List<String> linesMatching(Path root, Pattern words) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .sorted()
          .flatMap(
              f -> {
                try {
                  return Files.readAllLines(f).stream()
                      .filter(l -> words.matcher(l).find())
                      .map(l -> f.getFileName() + ": " + l.trim());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
