package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as QA runs it: its engines and listeners survived the shading. */
class RunnableJarIT {

  private static final Path JAR = Path.of("target", "conformance-tests.jar");

  @Test
  void the_jar_checks_the_in_process_mock_exits_0_and_writes_every_report(@TempDir Path dir)
      throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(JAR), "package builds " + JAR);
    Path out = dir.resolve("stdout.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "--fuzz",
                "5",
                "--progress",
                "0",
                "--report-dir",
                dir.resolve("reports").toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the jar finished");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    String last = lines.get(lines.size() - 1);
    assertEquals(0, p.exitValue(), () -> String.join("\n", lines));
    assertTrue(last.matches("\\d+ passed, 0 failed"), last);
    for (String report : List.of(Reports.HTML_FILE, Reports.JSON_FILE, JUnitXml.FILE)) {
      assertTrue(Files.isRegularFile(dir.resolve("reports").resolve(report)), report);
    }
  }
}
