package dev.assistantkit.conformance;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar conformance-tests.jar}: checks a server (or, without --base-url, the reference
 * mock started in-process when mock-server is on the class path) against the contract, or judges
 * recorded traffic, and exits 0 (all passed), 1 (a failure) or 2 (not the API, nothing judged,
 * unusable files, wrong command line).
 */
@Command(
    name = "conformance-tests",
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Checks a server against the operations of openapi.yaml (or --spec FILE), rule by rule,"
          + " or judges recorded traffic (--har FILE) without sending anything.",
      "Without --base-url and --har it checks the reference mock, started in-process with writes"
          + " allowed, when the mock is on the class path: java -cp"
          + " conformance-tests.jar:mock-server.jar dev.assistantkit.conformance.ConformanceMain.",
      "Exit status: 0 every check of the profile passed and some check was judged; 1 a check"
          + " failed; 2 the target is not the API or did not answer, no exchange of this API in"
          + " the HAR files, a file or the report directory unusable, or a wrong command line.",
      "The last line of the output is always: N passed, N failed[, N skipped].",
      ""
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
      description = "The resource to address; with --allow-writes the only one changed.")
  String assistantId;

  @Option(
      names = "--allow-writes",
      description =
          "Also send requests a conformant server may accept (they change --assistant-id), and"
              + " set up the state a check needs with the spec's own request examples. Without it"
              + " nothing a conformant server applies is sent.")
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
      names = "--ignore-error-shape",
      description =
          "Leave out the error-shape group of checks (the error body naming each broken rule id"
              + " in errors[]): strict then judges a server's statuses and decisions, not its"
              + " error body. Also -Dconformance.ignore-error-shape=true.")
  boolean ignoreErrorShape;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description =
          "Write JUnit XML, conformance-report.json and conformance-report.html here. Created and"
              + " checked before the first request.")
  Path reportDir;

  @Option(
      names = "--har",
      paramLabel = "FILE",
      description =
          "Judge the exchanges recorded in this HAR 1.2 file (repeatable; Chromium DevTools,"
              + " Playwright, the mock's proxy) instead of sending requests.")
  List<Path> har = new ArrayList<>();

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "Check the operations of another OpenAPI document (default: the kit's).")
  Path spec;

  @Option(
      names = "--path-param",
      paramLabel = "NAME=VALUE",
      description =
          "A path parameter's value for the operations of --spec FILE (repeatable); a parameter"
              + " not given takes the document's example or a generated value.")
  List<String> pathParam = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Connect and idle-read timeout per request (default: 10).")
  Double timeout;

  @Option(
      names = "--request-timeout",
      paramLabel = "SECONDS",
      description =
          "The most one request may take in all, however slowly its answer trickles in"
              + " (default: 30).")
  Double requestTimeout;

  @Option(
      names = "--max-response-bytes",
      paramLabel = "N",
      description =
          "Keep at most N bytes of each response body, then stop reading (default: 1048576).")
  Integer maxResponseBytes;

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
      description = "How many generated bodies to send per operation (default: 50).")
  Integer fuzz;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the generated bodies (default: 20261123).")
  Long seed;

  @Option(
      names = "--progress",
      paramLabel = "SECONDS",
      description =
          "A progress line on stderr this often, and one with the final counts at the end;"
              + " 0 for none (default: 10).")
  Double progress;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @CommandLine.Spec CommandLine.Model.CommandSpec commandSpec;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  public static void main(String[] args) {
    // an in-process mock's WireMock and Jetty log at INFO through slf4j-simple; keep the console
    // for the report
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // an in-process mock's WireMock leaves non-daemon threads behind: exit explicitly
    System.exit(run(args, System.out, System.err));
  }

  /** Parses the arguments, runs the suite and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ConformanceMain command = new ConformanceMain();
    command.out = out;
    command.err = err;
    CommandLine cl = new CommandLine(command);
    cl.setOverwrittenOptionsAllowed(true); // a flag given twice: the last one counts
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    // a wrong command line: why, where to look, and the closing line scripts read
    cl.setParameterExceptionHandler(
        (e, line) -> {
          err.println("conformance-tests: " + e.getMessage());
          err.println("Try --help for the options.");
          out.println("0 passed, 0 failed");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          err.println("conformance-tests: " + e.getMessage());
          out.println("0 passed, 0 failed");
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
      throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
    }
    if (settings.reportDir().isPresent()) {
      Optional<String> why = SuiteRun.unwritable(settings.reportDir().get());
      if (why.isPresent()) {
        err.println("conformance-tests: " + why.get());
        out.println("Stopped before the checks: " + why.get());
        out.println("0 passed, 0 failed");
        return 2;
      }
    }
    if (!settings.recorded() && settings.baseUrl().isEmpty()) {
      if (ReferenceMock.provider().isEmpty()) {
        err.println("conformance-tests: " + ReferenceMock.MISSING);
        out.println("Stopped before the checks: " + ReferenceMock.MISSING);
        out.println("0 passed, 0 failed");
        return 2;
      }
      out.println("Checking the reference mock, started in-process ...");
    }
    return ConformanceRunner.run(settings, out, err).exitStatus();
  }

  /** The options as settings; the same rules as for -Dconformance.* parameters. */
  ConformanceSettings settings() {
    Map<String, String> p = new HashMap<>();
    put(p, ConformanceSettings.BASE_URL, baseUrl);
    put(p, ConformanceSettings.API_KEY, apiKey);
    put(p, ConformanceSettings.ASSISTANT_ID, assistantId);
    put(p, ConformanceSettings.ALLOW_WRITES, Boolean.toString(allowWrites));
    put(p, ConformanceSettings.PROFILE, profile);
    put(p, ConformanceSettings.REPORT_DIR, reportDir);
    put(p, ConformanceSettings.IGNORE_ERROR_SHAPE, Boolean.toString(ignoreErrorShape));
    if (!har.isEmpty()) {
      for (Path h : har) {
        if (h.toString().contains(",")) {
          throw new IllegalArgumentException("--har " + h + ": a file name may not hold a comma");
        }
      }
      p.put(ConformanceSettings.HAR, String.join(",", har.stream().map(Path::toString).toList()));
    }
    put(p, ConformanceSettings.SPEC, spec);
    put(p, ConformanceSettings.TIMEOUT, timeout);
    put(p, ConformanceSettings.REQUEST_TIMEOUT, requestTimeout);
    put(p, ConformanceSettings.MAX_RESPONSE_BYTES, maxResponseBytes);
    put(p, ConformanceSettings.RATE, rate);
    put(p, ConformanceSettings.FUZZ, fuzz);
    put(p, ConformanceSettings.SEED, seed);
    put(p, ConformanceSettings.PROGRESS, progress);
    if (reportDir != null && Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
      throw new IllegalArgumentException("--report-dir " + reportDir + " is not a directory");
    }
    // the key's environment variable is picocli's default for --api-key already
    ConformanceSettings s =
        ConformanceSettings.from(k -> Optional.ofNullable(p.get(k)), name -> null);
    // given apart: a value may hold a comma, which the -Dconformance.path-param list separates
    return pathParam.isEmpty() ? s : s.withPathParams(ConformanceSettings.pathParams(pathParam));
  }

  private static void put(Map<String, String> p, String key, Object value) {
    if (value != null) {
      p.put(key, value.toString());
    }
  }
}
