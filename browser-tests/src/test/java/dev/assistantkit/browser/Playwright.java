package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.fail;

import dev.assistantkit.testsupport.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Playwright (playwright-core, pinned in playwright/package-lock.json) driving Debian's Chromium to
 * record a HAR, as a frontend team's end-to-end run would. Installed with {@code npm ci} into
 * target/playwright once per lock file; no browser is ever downloaded. Without node or npm the test
 * fails and says what to install.
 */
final class Playwright {

  /** playwright-core 1.65 needs Node.js 20. */
  static final int MIN_NODE_MAJOR = 20;

  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  /** A guard against a hang only: a recording ends when the page shows #done. */
  private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(180);

  /** Quiet, colourless, and never a browser download. */
  static final Map<String, String> ENV =
      Map.of(
          "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
          "NO_COLOR", "1",
          "FORCE_COLOR", "0",
          "npm_config_update_notifier", "false",
          "npm_config_fund", "false",
          "npm_config_audit", "false");

  private static Playwright installed;
  private static String installFailure;

  private final Path dir;
  private final Path logs;
  private final String node;

  private Playwright(Path dir, Path logs, String node) {
    this.dir = dir;
    this.logs = logs;
    this.node = node;
  }

  /** The installed recorder; installs it on the first call of this JVM. */
  static synchronized Playwright get() throws IOException, InterruptedException {
    if (installFailure != null) {
      fail(installFailure);
    }
    if (installed == null) {
      try {
        installed = install();
      } catch (AssertionError e) {
        installFailure = e.getMessage();
        throw e;
      }
    }
    return installed;
  }

  /** The outcome of one recording: the script's output and where it kept the page. */
  record Recording(Path har, Path out, Command.Result run) {}

  /**
   * Opens {@code page} in Chromium, waits until it shows {@code #done}, and writes the HAR of all
   * it sent and received to {@code har}; the page's console and a screenshot go to {@code out}.
   */
  Recording record(String page, Path har, Path out) throws IOException, InterruptedException {
    Files.createDirectories(out);
    Files.deleteIfExists(har);
    Command.Result r =
        Command.run(
            "record-har",
            List.of(
                node,
                dir.resolve("record-har.mjs").toString(),
                "--page",
                page,
                "--har",
                har.toString(),
                "--out",
                out.toString(),
                "--chromium",
                Chromium.program("browser.chromium", "chromium").toString(),
                "--timeout-ms",
                Long.toString(RECORD_TIMEOUT.toMillis() - 15_000)),
            dir,
            ENV,
            RECORD_TIMEOUT,
            out);
    if (r.exitCode() != 0 || !Files.isRegularFile(har)) {
      fail(
          "Playwright did not record a HAR; the page's screenshot and console are in "
              + out
              + "\n"
              + r.describe());
    }
    return new Recording(har, out, r);
  }

  private static Playwright install() throws IOException, InterruptedException {
    Path source = Path.of("playwright").toAbsolutePath();
    Path dir = BrowserExtension.work().getParent().resolve("playwright");
    Path logs = dir.resolve("logs");
    String node = System.getProperty("browser.node", "node");
    String npm = System.getProperty("browser.npm", "npm");
    String nodeVersion = version(List.of(node, "--version"), logs);
    String major = nodeVersion.replaceFirst("^v", "").split("\\.")[0];
    if (!major.matches("\\d+") || Integer.parseInt(major) < MIN_NODE_MAJOR) {
      fail(
          "the HAR recording needs Node.js >= "
              + MIN_NODE_MAJOR
              + " (playwright-core), found "
              + nodeVersion);
    }
    version(List.of(npm, "--version"), logs);
    Files.createDirectories(dir);
    // the script resolves playwright-core from its own folder: it runs beside node_modules
    for (String f : List.of("package.json", "package-lock.json", ".npmrc", "record-har.mjs")) {
      Files.copy(source.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    String hash = sha256(source.resolve("package.json"), source.resolve("package-lock.json"));
    Path stamp = dir.resolve(".installed-lock.sha256");
    if (!(Files.isDirectory(dir.resolve("node_modules/playwright-core"))
        && Files.isRegularFile(stamp)
        && Files.readString(stamp).equals(hash))) {
      Files.deleteIfExists(stamp);
      Command.Result r =
          Command.run(
              "npm-ci",
              List.of(npm, "ci", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"),
              dir,
              ENV,
              INSTALL_TIMEOUT,
              logs);
      if (r.exitCode() != 0) {
        fail("npm ci failed in " + dir + "\n" + r.describe());
      }
      Files.writeString(stamp, hash);
    }
    return new Playwright(dir, logs, node);
  }

  private static String version(List<String> command, Path logs)
      throws IOException, InterruptedException {
    Command.Result r;
    try {
      r = Command.run("version", command, Path.of("."), ENV, VERSION_TIMEOUT, logs);
    } catch (IOException e) {
      throw new AssertionError(
          "the HAR recording needs Node.js >= "
              + MIN_NODE_MAJOR
              + " and npm: could not run '"
              + command.get(0)
              + "' ("
              + e.getMessage()
              + "). Install them (Debian: apt-get install nodejs npm), or name the programs with"
              + " -Dbrowser.node=... and -Dbrowser.npm=...",
          e);
    }
    if (r.exitCode() != 0) {
      fail(String.join(" ", command) + " failed\n" + r.describe());
    }
    return r.stdout().trim();
  }

  private static String sha256(Path... files) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        md.update(Files.readAllBytes(f));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
