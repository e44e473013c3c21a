package dev.assistantkit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    long t0 = System.nanoTime();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Command.run(
                    "hang",
                    List.of("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"),
                    Path.of("."),
                    Map.of(),
                    Duration.ofSeconds(1),
                    logs));
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 30, "it did not wait");
    assertTrue(e.getMessage().contains("did not end within 1 s; killed"), e.getMessage());
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertFalse(
        ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
        "the child the command started still runs");
  }
}
