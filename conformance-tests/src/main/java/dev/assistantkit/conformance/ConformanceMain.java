package dev.assistantkit.conformance;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar conformance-tests.jar}: checks a server (or, without --base-url, the reference
 * mock started in-process) against the contract and exits 0 (all passed), 1 (a failure) or 2
 * (nothing answered, or the command line is wrong).
 */
@Command(
    name = "conformance-tests",
    sortOptions = false,
    description = {
      "Checks PATCH /assistant/update/{assistant_id} of a server against openapi.yaml.",
      "Without --base-url it checks the reference mock, started in-process, with writes allowed.",
      "Exit status: 0 every check of the profile passed, 1 a check failed,"
          + " 2 nothing answered or a wrong command line."
    })
public final class ConformanceMain implements Callable<Integer> {

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "The server to check, e.g. https://api.example.com")
  String baseUrl;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:CONFORMANCE_API_KEY}",
      description =
          "A bearer token the server accepts (default: $CONFORMANCE_API_KEY). Never printed.")
  String apiKey;

  @Option(
      names = "--assistant-id",
      paramLabel = "UUID",
      description = "The assistant to address; with --allow-writes the only one changed.")
  String assistantId;

  @Option(
      names = "--allow-writes",
      description =
          "Send requests a conformant server accepts (they change --assistant-id)."
              + " Without it only requests it rejects are sent.")
  boolean allowWrites;

  @Option(
      names = "--profile",
      paramLabel = "documented|strict",
      defaultValue = "documented",
      description =
          "documented: fail only rules the page states, report decided ones as advice;"
              + " strict: fail both (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description = "Write JUnit XML, conformance-report.json and conformance-report.html here.")
  Path reportDir;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Connect and read timeout per request (default: 10).")
  Double timeout;

  @Option(
      names = "--rate",
      paramLabel = "REQUESTS_PER_SECOND",
      description =
          "At most this many requests a second, 0 for no limit"
              + " (default: 10 with --base-url, no limit in-process).")
  Double rate;

  @Option(
      names = "--fuzz",
      paramLabel = "N",
      description = "How many generated bodies to send (default: 50).")
  Integer fuzz;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the generated bodies (default: 20261123).")
  Long seed;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private PrintStream out = System.out;

  public static void main(String[] args) {
    // WireMock and Jetty log at INFO through slf4j-simple; keep the console for the report
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // WireMock leaves non-daemon threads behind: exit explicitly
    System.exit(run(args, System.out, System.err));
  }

  /** Parses the arguments, runs the suite and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ConformanceMain command = new ConformanceMain();
    command.out = out;
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          err.println("conformance-tests: " + e.getMessage());
          return 2;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    ConformanceSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (settings.baseUrl().isPresent()) {
      return ConformanceRunner.run(settings, out).exitStatus();
    }
    out.println("Starting the reference mock in-process ...");
    try (ReferenceMock mock = ReferenceMock.start(settings.apiKey(), settings.assistantId())) {
      out.println("Checking the reference mock at " + mock.baseUrl());
      return ConformanceRunner.run(settings.withBaseUrl(mock.baseUrl()), out).exitStatus();
    }
  }

  /** The options as settings; the same rules as for -Dconformance.* parameters. */
  ConformanceSettings settings() {
    if (baseUrl != null && (apiKey == null || apiKey.isBlank())) {
      throw new IllegalArgumentException(
          "--base-url needs --api-key (or $" + ConformanceSettings.API_KEY_VARIABLE + ")");
    }
    if (reportDir != null
        && java.nio.file.Files.exists(reportDir)
        && !java.nio.file.Files.isDirectory(reportDir)) {
      throw new IllegalArgumentException("--report-dir " + reportDir + " is not a directory");
    }
    if (baseUrl != null && assistantId == null) {
      throw new IllegalArgumentException("--base-url needs --assistant-id");
    }
    Map<String, String> p = new java.util.HashMap<>();
    put(p, ConformanceSettings.BASE_URL, baseUrl);
    put(p, ConformanceSettings.API_KEY, apiKey);
    put(p, ConformanceSettings.ASSISTANT_ID, assistantId);
    put(p, ConformanceSettings.ALLOW_WRITES, Boolean.toString(allowWrites));
    put(p, ConformanceSettings.PROFILE, profile);
    put(p, ConformanceSettings.REPORT_DIR, reportDir);
    put(p, ConformanceSettings.TIMEOUT, timeout);
    put(p, ConformanceSettings.RATE, rate);
    put(p, ConformanceSettings.FUZZ, fuzz);
    put(p, ConformanceSettings.SEED, seed);
    // the key's environment variable is picocli's default for --api-key already
    return ConformanceSettings.from(k -> Optional.ofNullable(p.get(k)), name -> null);
  }

  private static void put(Map<String, String> p, String key, Object value) {
    if (value != null) {
      p.put(key, value.toString());
    }
  }
}
