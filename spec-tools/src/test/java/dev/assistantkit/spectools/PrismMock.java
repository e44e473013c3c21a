package dev.assistantkit.spectools;

import static org.junit.jupiter.api.Assertions.fail;

import dev.assistantkit.testsupport.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code prism mock <spec>} on a free port of 127.0.0.1. It cannot outlive the test: {@link
 * #close()} kills it, a shutdown hook kills it if the JVM exits first, and if the JVM is killed
 * outright, exit-with-parent.cjs ends it when its stdin pipe closes.
 */
final class PrismMock implements AutoCloseable {

  static final String PKG = "@stoplight/prism-cli";

  /** A guard against a hang only: Prism listens in seconds, more on a loaded machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private static final int ATTEMPTS = 3;

  private final Process process;
  private final Thread shutdownHook;
  private final Path log;
  private final URI base;

  private PrismMock(Process process, Thread shutdownHook, Path log, int port) {
    this.process = process;
    this.shutdownHook = shutdownHook;
    this.log = log;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** Starts Prism on the kit's spec and waits until it listens. */
  static PrismMock start(NodeTools tools) throws IOException, InterruptedException {
    return start(tools, tools.spec());
  }

  /** Starts Prism on a document and waits until it listens; tries another port if one is taken. */
  static PrismMock start(NodeTools tools, Path spec) throws IOException, InterruptedException {
    String watchdog = resource("/exit-with-parent.cjs").toString();
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Path log = tools.logs().resolve("prism-" + port + ".log");
      Files.createDirectories(log.getParent());
      List<String> cmd =
          tools.command(
              PKG,
              "prism",
              List.of("--require", watchdog),
              List.of(
                  "mock",
                  spec.toString(),
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port)));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(tools.dir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // stdin stays a pipe from this JVM: exit-with-parent.cjs watches it
      pb.environment().putAll(NodeTools.ENV);
      Process p = pb.start();
      Thread hook = new Thread(() -> kill(p), "kill-prism-" + port);
      Runtime.getRuntime().addShutdownHook(hook);
      PrismMock prism = new PrismMock(p, hook, log, port);
      String ready = "Prism is listening on " + prism.base;
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (p.isAlive() && System.nanoTime() < deadline && !prism.log().contains(ready)) {
        Thread.sleep(100);
      }
      if (p.isAlive() && prism.log().contains(ready)) {
        return prism;
      }
      prism.close();
      if (!prism.log().contains("EADDRINUSE") || attempt == ATTEMPTS) {
        fail(
            "Prism did not start within "
                + START_TIMEOUT.toSeconds()
                + " s\n$ "
                + String.join(" ", cmd)
                + "\n"
                + prism.log());
      }
    }
  }

  URI base() {
    return base;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** All that Prism has logged so far. */
  String log() {
    return readLog();
  }

  /** The last {@code lines} lines of the log, for a failure message. */
  String logTail(int lines) {
    List<String> all = readLog().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** The log's length now, to show later what one request logged ({@link #logFrom}). */
  long logSize() throws IOException {
    return Files.size(log);
  }

  /** What Prism logged from {@code offset} on, for a failure message. */
  String logFrom(long offset) {
    try {
      Thread.sleep(200); // Prism may still be writing the request's last lines
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] all = readLog().getBytes(StandardCharsets.UTF_8);
    int from = (int) Math.min(offset, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8).stripTrailing();
  }

  private String readLog() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(Prism's log is unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    kill(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing left to do
    }
  }

  private static void kill(Process p) {
    try {
      Command.killTree(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(PrismMock.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
