package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, run as QA runs it: its engines and listeners survived the shading, it checks a
 * server given by URL on its own, and it carries no mock (no WireMock, no Jetty): the in-process
 * run takes the mock's jar on the class path.
 */
class RunnableJarIT {

  private static final Path JAR = Path.of("target", "conformance-tests.jar");

  /** Built by the reactor before this module (mock-server comes first in the root pom). */
  private static final Path MOCK_JAR = Path.of("..", "mock-server", "target", "mock-server.jar");

  @Test
  void the_jar_holds_no_wiremock_no_jetty_and_no_mock() throws IOException {
    assertTrue(Files.isRegularFile(JAR), "package builds " + JAR);
    List<String> foreign = new ArrayList<>();
    int entries = 0;
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        entries++;
        String name = e.getName();
        if (name.startsWith("com/github/tomakehurst/wiremock/")
            || name.startsWith("org/wiremock/")
            || name.startsWith("org/eclipse/jetty/")
            || name.startsWith("dev/assistantkit/mock/")) {
          foreign.add(name);
        }
      }
    }
    assertTrue(entries > 1000, "the jar is the shaded one: " + entries + " entries");
    assertEquals(List.of(), foreign.stream().limit(20).toList(), foreign.size() + " entries");
    // a figure, not a promise
    System.out.printf("%s: %.1f MB, %d entries%n", JAR, Files.size(JAR) / 1_000_000.0, entries);
  }

  @Test
  void the_jar_alone_checks_a_server_given_by_url_and_exits_0(@TempDir Path dir)
      throws IOException, InterruptedException {
    try (MockServer mock = SuiteRuns.mock(SuiteRuns.KEY, List.of())) {
      Run r =
          run(
              dir,
              "-jar",
              JAR.toString(),
              "--base-url",
              mock.baseUrl(),
              "--api-key",
              SuiteRuns.KEY,
              "--assistant-id",
              SuiteRuns.ASSISTANT,
              "--allow-writes",
              "--rate",
              "0",
              "--fuzz",
              "3",
              "--progress",
              "0");
      assertEquals(0, r.status(), r::text);
      assertTrue(r.last().matches("\\d+ passed, 0 failed"), r.last());
      assertTrue(!r.text().contains(SuiteRuns.KEY), "the key is never printed");
    }
  }

  @Test
  void the_jar_alone_without_a_base_url_says_how_to_run_and_exits_2(@TempDir Path dir)
      throws IOException, InterruptedException {
    Run r = run(dir, "-jar", JAR.toString(), "--progress", "0");
    assertEquals(2, r.status(), r::text);
    assertEquals("0 passed, 0 failed", r.last());
    assertTrue(r.text().contains("--base-url URL"), r::text);
    assertTrue(r.text().contains("-cp conformance-tests.jar:mock-server.jar"), r::text);
  }

  @Test
  void with_the_mocks_jar_on_the_class_path_it_checks_the_in_process_mock_and_writes_every_report(
      @TempDir Path dir) throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(MOCK_JAR), "the reactor builds " + MOCK_JAR + " first");
    Run r =
        run(
            dir,
            "-cp",
            JAR + java.io.File.pathSeparator + MOCK_JAR,
            ConformanceMain.class.getName(),
            "--fuzz",
            "5",
            "--progress",
            "0",
            "--report-dir",
            dir.resolve("reports").toString());
    assertEquals(0, r.status(), r::text);
    assertTrue(r.text().contains("Checking the reference mock, started in-process"), r::text);
    assertTrue(r.last().matches("\\d+ passed, 0 failed"), r.last());
    for (String report : List.of(Reports.HTML_FILE, Reports.JSON_FILE, JUnitXml.FILE)) {
      assertTrue(Files.isRegularFile(dir.resolve("reports").resolve(report)), report);
    }
  }

  record Run(int status, List<String> lines) {
    String last() {
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    String text() {
      return String.join("\n", lines);
    }
  }

  private static Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    // a guard against a hang only: the run takes seconds, a loaded machine's minutes at most
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the jar did not finish in ten minutes");
    return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8));
  }
}
