package dev.assistantkit.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external command, run to its end within a time limit. Its output goes to files under the
 * build's target/ (no pipe can fill up and stall it) and is read back when it ends. On timeout the
 * whole process tree is killed. Shared by the modules whose tests run Node tools and browsers.
 */
public final class Command {

  private static final File NULL_DEVICE =
      new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");

  /** What one run did. */
  public record Result(
      List<String> command, int exitCode, String stdout, String stderr, Duration took) {

    /** The command, exit code and output, for a failure message. */
    public String describe() {
      return "$ "
          + String.join(" ", command)
          + "\nexit code "
          + exitCode
          + " after "
          + took.toMillis()
          + " ms\n--- stdout ---\n"
          + tail(stdout)
          + "\n--- stderr ---\n"
          + tail(stderr);
    }

    private static String tail(String text) {
      int max = 8000;
      return text.length() <= max ? text : "[...]" + text.substring(text.length() - max);
    }
  }

  private Command() {}

  /**
   * Runs {@code command} in {@code dir} with {@code env} added to this JVM's environment. Its
   * output is kept in {@code logs/<name>.out} and {@code .err}.
   *
   * @throws IOException if the program cannot be started (for example, it is not on the PATH)
   * @throws AssertionError if it has not ended within {@code timeout}; it is killed first
   */
  public static Result run(
      String name,
      List<String> command,
      Path dir,
      Map<String, String> env,
      Duration timeout,
      Path logs)
      throws IOException, InterruptedException {
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    boolean ended;
    try {
      ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      killTree(p);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Result result =
        new Result(
            command,
            ended ? p.exitValue() : -1,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8),
            took);
    if (!ended) {
      throw new AssertionError(
          name + " did not end within " + timeout.toSeconds() + " s; killed\n" + result.describe());
    }
    return result;
  }

  /** Kills {@code p} and everything it started, and waits (briefly) until they are gone. */
  public static void killTree(Process p) throws InterruptedException {
    List<ProcessHandle> tree = p.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle h : tree) {
      h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
    }
  }
}
