package dev.assistantkit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tool and browser tests rely on: exit code and output kept, a hung tree killed. */
class CommandTest {

  @TempDir Path logs;

  @Test
  void keeps_the_exit_code_the_output_and_the_environment() throws Exception {
    Command.Result r =
        Command.run(
            "echo",
            List.of("sh", "-c", "echo \"out $GREETING\"; echo err >&2; exit 3"),
            Path.of("."),
            Map.of("GREETING", "hello"),
            Duration.ofSeconds(20),
            logs);
    assertEquals(3, r.exitCode());
    assertEquals("out hello\n", r.stdout());
    assertEquals("err\n", r.stderr());
    assertEquals("out hello\n", Files.readString(logs.resolve("echo.out")));
    assertTrue(r.describe().contains("exit code 3"), r.describe());
  }

  @Test
  void a_command_past_its_time_limit_is_killed_with_what_it_started() throws Exception {
    Path pidFile = logs.resolve("child.pid");
    // the child must have been started before the limit: a shell too slow to start it within 1 s
    // (a loaded machine) is given a longer one, until it has
    for (long limit = 1; !written(pidFile); limit *= 5) {
      assertTrue(limit <= 25, "the shell never started its child");
      long t0 = System.nanoTime();
      Duration timeout = Duration.ofSeconds(limit);
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () ->
                  Command.run(
                      "hang",
                      List.of("sh", "-c", "sleep 600 & echo $! > " + pidFile + "; wait"),
                      Path.of("."),
                      Map.of(),
                      timeout,
                      logs));
      // a guard against a hang only: waiting for the child would take its 600 s
      long took = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
      assertTrue(took < limit + 60, "it waited for the child: " + took + " s");
      assertTrue(
          e.getMessage().contains("did not end within " + limit + " s; killed"), e.getMessage());
    }
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertFalse(
        ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
        "the child the command started still runs");
  }

  private static boolean written(Path file) throws IOException {
    return Files.exists(file) && !Files.readString(file).isBlank();
  }
}
