package dev.assistantkit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSourcesTest {

  @TempDir Path root;

  @Test
  void names_each_java_line_that_holds_a_word_and_only_those() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/One.java"), "class One {\n  String m = \"voice_id\";\n}\n");
    Files.writeString(root.resolve("a/Two.java"), "class Two {}\n");
    Files.writeString(root.resolve("a/notes.txt"), "voice_id\n");
    assertEquals(
        List.of("One.java: String m = \"voice_id\";"),
        JavaSources.linesMatching(root, Pattern.compile("voice_id")));
  }
}
