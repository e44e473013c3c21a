package dev.assistantkit.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock as a separate JVM ({@code java -cp <test class path> MockMain ...}), as {@code java
 * -jar} runs it: its own logging, its own memory, its own exit. Output is collected whole. Always
 * closed by the test (the process is killed if it is still running).
 */
final class ForkedMock implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+:(\\d+))");

  final Process process;
  final long startedNanos;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Thread outPump;
  private final Thread errPump;

  private ForkedMock(Process process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.outPump = pump(process.getInputStream(), out);
    this.errPump = pump(process.getErrorStream(), err);
  }

  /** Starts {@code MockMain} with these JVM options and arguments, in this directory. */
  static ForkedMock start(List<String> jvmOptions, Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a forked mock lives seconds: C1 only, as the build's own JVMs (docs/internals.md); no test
    // asserts its speed, and StartAndStateTest's start-up figure says it is from such a JVM
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MockMain.class.getName());
    command.addAll(List.of(args));
    try {
      long t0 = System.nanoTime();
      ProcessBuilder b = new ProcessBuilder(command);
      if (workDir != null) {
        b.directory(workDir.toFile());
      }
      return new ForkedMock(b.start(), t0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ForkedMock start(String... args) {
    return start(List.of(), null, args);
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  synchronized (to) {
                    to.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "forked-mock-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  /** The base URL from the banner, waiting for it; fails if the process ends or is too slow. */
  String awaitBaseUrl() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(stdout());
      if (m.find()) {
        return m.group(1);
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the mock ended with " + process.exitValue() + ": " + stdout() + stderr());
      }
      sleep(20);
    }
    throw new AssertionError("no banner in 60 s: " + stdout() + stderr());
  }

  int awaitPort() {
    String url = awaitBaseUrl();
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  /** Resident memory of the process, from /proc (Linux), in bytes. */
  long rssBytes() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS for " + process.pid());
  }

  /**
   * Waits until stderr holds {@code part}: for output the process writes after an answer, on its
   * own time. Fails if the process ends first, or if the text does not come at all (in a minute:
   * only a mock that never writes it is that slow).
   */
  String awaitStderr(String part) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!stderr().contains(part)) {
      if (!process.isAlive()) {
        drainOutput();
        if (stderr().contains(part)) {
          break;
        }
        throw new AssertionError("the mock ended without \"" + part + "\" on stderr: " + stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + part + "\" on stderr in 60 s: " + stderr());
      }
      sleep(20);
    }
    return stderr();
  }

  /**
   * Waits for the process to end by itself; once it has, everything it wrote is in {@link
   * #stdout()} and {@link #stderr()}.
   */
  boolean awaitExit(long seconds) {
    if (!ended(seconds)) {
      return false;
    }
    drainOutput();
    return true;
  }

  private boolean ended(long seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops the process (SIGTERM) and waits for it to end; then everything it ever wrote is in {@link
   * #stdout()} and {@link #stderr()}: a check that something was not written reads it all, however
   * late the process would have written it.
   */
  void stop() {
    if (process.isAlive()) {
      process.destroy();
      if (!ended(60)) {
        process.destroyForcibly();
        ended(60);
      }
    }
    drainOutput();
  }

  /** After the end of the process: waits until the pumps have read its output to the end. */
  private void drainOutput() {
    try {
      outPump.join(TimeUnit.SECONDS.toMillis(60));
      errPump.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (outPump.isAlive() || errPump.isAlive()) {
      throw new AssertionError("the mock's output did not end a minute after the process");
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (!ended(15)) {
        process.destroyForcibly();
        ended(15);
      }
    }
    try {
      outPump.join(2000);
      errPump.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
