package dev.assistantkit.independent.third;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code src/test/node/third/server.js} (the third implementation of the page, plain Node) as
 * a child process: {@code node server.js --key KEY [--variant NAME | --mutant NAME]}. It binds
 * 127.0.0.1 on port 0 and prints {@code listening PORT}; this class waits for that line (bounded)
 * and destroys the process on close. The server also exits when its stdin closes.
 */
final class ThirdNodeServer implements AutoCloseable {
  static final String EXAMPLE_ID = "550e8400-e29b-41d4-a716-446655440000";
  static final Path SCRIPT = Path.of("src", "test", "node", "third", "server.js");
  private static final long START_TIMEOUT_SECONDS = 60;

  private final Process process;
  private final Path stderr;
  private final URI baseUri;

  /** Whether a {@code node} executable answers {@code --version}. */
  static boolean nodeAvailable() {
    try {
      Process p =
          new ProcessBuilder("node", "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * @param key the one bearer key the server accepts
   * @param flag {@code --variant}, {@code --mutant} or null for the conformant server
   * @param name the variant's or mutant's name
   */
  ThirdNodeServer(String key, String flag, String name) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node", SCRIPT.toString(), "--key", key));
    if (flag != null) {
      cmd.add(flag);
      cmd.add(name);
    }
    stderr = Files.createTempFile("third-server", ".err");
    File err = stderr.toFile();
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(err)).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      line = first.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      close();
      throw new IllegalStateException(
          "server.js printed nothing in " + START_TIMEOUT_SECONDS + "s");
    }
    if (line == null || !line.startsWith("listening ")) {
      close();
      throw new IllegalStateException(
          "server.js did not start: " + line + " " + Files.readString(stderr).strip());
    }
    baseUri = URI.create("http://127.0.0.1:" + Integer.parseInt(line.substring(10).strip()));
  }

  URI baseUri() {
    return baseUri;
  }

  @Override
  public void close() throws IOException {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // the process may already be gone
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
