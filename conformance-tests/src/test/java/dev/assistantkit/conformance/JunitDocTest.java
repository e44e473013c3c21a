package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.testsupport.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/junit.md shows the example project's code (examples/consumer), which the build compiles and
 * runs: each block after a {@code <!-- code: FILE -->} marker is that file's text, line for line in
 * order (lines between may be left out). And the example is built as an outside project would be,
 * against this kit's version.
 */
class JunitDocTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern MARKED =
      Pattern.compile("<!-- code: (\\S+) -->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void every_marked_block_is_the_code_of_its_file() throws IOException {
    String page = Docs.page(ROOT, "docs/junit.md").text();
    Matcher m = MARKED.matcher(page);
    List<String> files = new ArrayList<>();
    while (m.find()) {
      files.add(m.group(1));
      List<String> source =
          Files.readAllLines(ROOT.resolve(m.group(1))).stream().map(String::strip).toList();
      int at = 0;
      for (String line : m.group(2).split("\n")) {
        String wanted = line.strip();
        if (wanted.isEmpty()) {
          continue;
        }
        int found = source.subList(at, source.size()).indexOf(wanted);
        assertTrue(found >= 0, () -> m.group(1) + " has no line, in this order: " + wanted);
        at += found + 1;
      }
    }
    assertEquals(
        List.of(
            "examples/consumer/pom.xml",
            "examples/consumer/src/test/java/com/example/assistant/AssistantServerTest.java",
            "examples/consumer/src/test/java/com/example/assistant/AssistantRestAssuredTest.java"),
        files);
  }

  @Test
  void the_example_is_an_outside_project_on_this_kits_version() throws IOException {
    String example = Files.readString(ROOT.resolve("examples/consumer/pom.xml"));
    assertFalse(example.contains("<parent>"), "no parent POM: nothing inherited from the kit");
    assertFalse(example.contains("test-support"), "not the kit's own test helpers");
    Matcher version = Pattern.compile("<assistantkit.version>(.*?)<").matcher(example);
    assertTrue(version.find());
    String root = Files.readString(ROOT.resolve("pom.xml"));
    Matcher kit =
        Pattern.compile("<artifactId>assistant-contract-kit</artifactId>\\s*<version>(.*?)<")
            .matcher(root);
    assertTrue(kit.find());
    assertEquals(kit.group(1), version.group(1));
    assertTrue(root.contains("<module>examples/consumer</module>"), "the kit's build runs it");
    try (var sources = Files.walk(ROOT.resolve("examples/consumer/src"))) {
      for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertFalse(Files.readString(f).contains("dev.assistantkit.testsupport"), f::toString);
      }
    }
  }
}
