package dev.assistantkit.spectools;

import static org.junit.jupiter.api.Assertions.fail;

import dev.assistantkit.testsupport.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Node.js, npm and the tools pinned in this module's package-lock.json, installed with {@code npm
 * ci} into target/npm once per lock file (a stamp holds the lock's hash, so later builds skip the
 * install). Without node or npm every test that asks for them fails with a message that says what
 * to install: the check never skips.
 */
final class NodeTools {

  /** Redocly CLI 2.x needs 20.19; Spectral 6.16 needs 20.17; Prism 5.14 needs 18.20. */
  static final int[] MIN_NODE = {20, 19, 0};

  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Quiet, offline-friendly, colourless, no telemetry: the same output on every machine. */
  static final Map<String, String> ENV =
      Map.of(
          "NO_COLOR", "1",
          "FORCE_COLOR", "0",
          "npm_config_update_notifier", "false",
          "npm_config_fund", "false",
          "npm_config_audit", "false",
          "REDOCLY_TELEMETRY", "off",
          "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");

  private static NodeTools installed;
  private static String installFailure;

  private final Path moduleDir;
  private final Path installDir;
  private final Path logs;
  private final Path spec;
  private final String node;

  private NodeTools(Path moduleDir, Path work, Path spec, String node) {
    this.moduleDir = moduleDir;
    this.installDir = work.resolve("npm");
    this.logs = work.resolve("spec-tools-logs");
    this.spec = spec;
    this.node = node;
  }

  /** The installed tools; installs them on the first call of this JVM. */
  static synchronized NodeTools get() throws IOException, InterruptedException {
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

  /** The spec the tools load: the root openapi.yaml unless -Dspectools.spec names another. */
  Path spec() {
    return spec;
  }

  /** The spec named by -Dspectools.spec, by default ../openapi.yaml (the root spec). */
  static Path specPath() {
    return Path.of(System.getProperty("spectools.spec", "../openapi.yaml"))
        .toAbsolutePath()
        .normalize();
  }

  /** This module's folder: the tools run there. */
  Path dir() {
    return moduleDir;
  }

  /** A configuration file of this module's folder. */
  Path config(String file) {
    return moduleDir.resolve(file);
  }

  Path logs() {
    return logs;
  }

  /** The version of an installed package, from its package.json. */
  String version(String pkg) throws IOException {
    return packageJson(pkg).get("version").asString();
  }

  /**
   * The command that runs a package's executable with node directly (no shell script between, so
   * killing the process kills the tool): {@code node [nodeOptions] <bin.js> args}.
   */
  List<String> command(String pkg, String bin, List<String> nodeOptions, List<String> args)
      throws IOException {
    JsonNode bins = packageJson(pkg).get("bin");
    String script = bins.isString() ? bins.asString() : bins.get(bin).asString();
    List<String> cmd = new ArrayList<>();
    cmd.add(node);
    cmd.addAll(nodeOptions);
    cmd.add(installDir.resolve("node_modules").resolve(pkg).resolve(script).normalize().toString());
    cmd.addAll(args);
    return cmd;
  }

  /** Runs a command built by {@link #command} in this module's folder. */
  Command.Result run(String name, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    return Command.run(name, command, moduleDir, ENV, timeout, logs);
  }

  private JsonNode packageJson(String pkg) throws IOException {
    return JSON.readTree(
        installDir.resolve("node_modules").resolve(pkg).resolve("package.json").toFile());
  }

  private static NodeTools install() throws IOException, InterruptedException {
    Path moduleDir = Path.of("").toAbsolutePath();
    Path work = Path.of(System.getProperty("spectools.work", "target")).toAbsolutePath();
    Path spec = specPath();
    String node = System.getProperty("spectools.node", "node");
    String npm = System.getProperty("spectools.npm", "npm");
    if (npm.equals("npm") && System.getProperty("os.name").startsWith("Windows")) {
      npm = "npm.cmd";
    }
    if (!Files.isRegularFile(spec)) {
      fail("no spec at " + spec);
    }
    NodeTools tools = new NodeTools(moduleDir, work, spec, node);
    String nodeVersion = tools.programVersion("node", List.of(node, "--version"));
    if (!atLeast(nodeVersion, MIN_NODE)) {
      fail(
          "spec-tools needs Node.js >= 20.19.0 (Redocly CLI 2.x), found "
              + nodeVersion
              + " at '"
              + node
              + "'");
    }
    String npmVersion = tools.programVersion("npm", List.of(npm, "--version"));
    tools.npmCi(npm);
    System.out.printf(
        "spec-tools: node %s, npm %s, tools from package-lock.json in %s%n",
        nodeVersion, npmVersion, tools.installDir);
    return tools;
  }

  private String programVersion(String what, List<String> command)
      throws IOException, InterruptedException {
    Command.Result r;
    try {
      r = run(what + "-version", VERSION_TIMEOUT, command);
    } catch (IOException e) {
      throw new AssertionError(
          "spec-tools needs Node.js >= 20.19.0 and npm: could not run '"
              + command.get(0)
              + "' ("
              + e.getMessage()
              + "). Install them (Debian: apt-get install nodejs npm), or name the programs with"
              + " -Dspectools.node=... and -Dspectools.npm=...",
          e);
    }
    if (r.exitCode() != 0) {
      fail(what + " --version failed\n" + r.describe());
    }
    return r.stdout().trim();
  }

  /** {@code npm ci} into target/npm, unless the lock file there is the one already installed. */
  private void npmCi(String npm) throws IOException, InterruptedException {
    Path packageJson = moduleDir.resolve("package.json");
    Path lock = moduleDir.resolve("package-lock.json");
    String hash = sha256(packageJson, lock);
    Path stamp = installDir.resolve(".installed-lock.sha256");
    if (Files.isDirectory(installDir.resolve("node_modules"))
        && Files.isRegularFile(stamp)
        && Files.readString(stamp).equals(hash)) {
      return;
    }
    Files.createDirectories(installDir);
    Files.deleteIfExists(stamp);
    Files.copy(
        packageJson, installDir.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(lock, installDir.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
    // --ignore-scripts: none of the tools needs one; the only install script in the tree is
    // @scarf/scarf's download analytics.
    Command.Result r =
        Command.run(
            "npm-ci",
            List.of(npm, "ci", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"),
            installDir,
            ENV,
            INSTALL_TIMEOUT,
            logs);
    if (r.exitCode() != 0) {
      fail("npm ci failed in " + installDir + "\n" + r.describe());
    }
    Files.writeString(stamp, hash);
    System.out.printf("spec-tools: npm ci took %d s%n", r.took().toSeconds());
  }

  static boolean atLeast(String version, int[] min) {
    String[] parts = version.replaceFirst("^v", "").split("[.-]");
    for (int i = 0; i < min.length; i++) {
      int have = i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
      if (have != min[i]) {
        return have > min[i];
      }
    }
    return true;
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
