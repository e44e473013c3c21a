package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents what the spec holds: every rule id, and the CI command. */
class ReadmeTest {

  @Test
  void the_readme_names_every_catalogue_rule() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    for (Rule r : Fixtures.CONTRACT.allRules()) {
      assertTrue(readme.contains("`" + r.id() + "`"), r.id() + " is not in README.md");
    }
  }

  @Test
  void the_readme_shows_the_command_ci_runs() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String ci = Files.readString(Path.of("../.ci/run"));
    assertTrue(ci.contains("mvn -B verify"));
    assertTrue(readme.contains("mvn -B verify"));
  }
}
