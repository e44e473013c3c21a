package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of the suite: its settings (parsed once), the contract, the plan of checks, the typed log
 * of results, and the target it talks to (a server, the in-process mock, or recorded traffic).
 * Started by the first check that needs it; before any request it checks that the reports can be
 * written, reads the HAR files, and probes whether the target is the API at all. When one of those
 * fails, the run stops: no check runs, and the reason is reported.
 */
public final class SuiteRun implements AutoCloseable {

  private final String id;
  private final ConformanceSettings settings;
  private final Contract contract;
  private final CheckLog log = new CheckLog();
  private final PrintStream progressOut;
  private Optional<String> stopped = Optional.empty();
  private final java.util.concurrent.atomic.AtomicBoolean stopReported =
      new java.util.concurrent.atomic.AtomicBoolean();
  private boolean started;
  private CheckPlan plan = new CheckPlan(List.of(), List.of());
  private dev.assistantkit.contract.inprocess.StartedMock mock;
  private ApiClient client;
  private LiveChecker live;
  private HarJudge traffic;
  private Progress progress;
  private Reproduction reproduction;
  private ConformanceSettings effective;

  SuiteRun(String id, ConformanceSettings settings, PrintStream progressOut) {
    this.id = id;
    this.settings = settings;
    this.effective = settings;
    this.contract = settings.spec().map(Contract::fromFile).orElseGet(Contract::load);
    this.progressOut = progressOut;
  }

  /** A run that cannot start: its settings were refused. */
  static SuiteRun refused(String id, String why, PrintStream progressOut) {
    SuiteRun run = new SuiteRun(id, null, progressOut, why);
    return run;
  }

  private SuiteRun(String id, ConformanceSettings settings, PrintStream out, String why) {
    this.id = id;
    this.settings = settings;
    this.effective = settings;
    this.contract = null;
    this.progressOut = out;
    this.stopped = Optional.of(why);
    this.started = true;
  }

  String id() {
    return id;
  }

  /** The settings as given (empty for a run whose settings were refused). */
  public Optional<ConformanceSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /** The settings in effect (the in-process mock's URL, key and resource filled in). */
  Optional<ConformanceSettings> effectiveSettings() {
    return Optional.ofNullable(effective);
  }

  Contract contract() {
    return contract;
  }

  CheckLog log() {
    return log;
  }

  /** Why the run stopped before its checks, if it did. */
  public Optional<String> stopped() {
    return stopped;
  }

  /** True once: for the one check class that reports a stopped run as a container failure. */
  boolean claimStopReport() {
    return stopReported.compareAndSet(false, true);
  }

  CheckPlan plan() {
    return plan;
  }

  /**
   * Starts the run once: checks the report directory, reads HAR files, starts or probes the target.
   */
  synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    log.start();
    try {
      settings.reportDir().flatMap(SuiteRun::unwritable).ifPresent(this::stop);
      if (stopped.isPresent()) {
        return;
      }
      if (settings.recorded()) {
        startRecorded();
      } else {
        startLive();
      }
    } catch (RuntimeException e) {
      stop("the run could not start: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (stopped.isEmpty()) {
      progress = Progress.start(progressOut, settings.progress(), this);
    }
  }

  private void startRecorded() {
    reproduction = new Reproduction(contract.masker(), contract.secrets(), List.of());
    List<HarReader.Recorded> all = new ArrayList<>();
    for (Path file : settings.harFiles()) {
      try {
        all.addAll(HarReader.read(file, settings.maxResponseBytes()));
      } catch (HarReader.Unreadable e) {
        stop(e.getMessage());
        return;
      }
    }
    plan = CheckPlan.recorded(contract, all);
    if (plan.checks().isEmpty()) {
      stop(
          "no exchange of this API in "
              + String.join(", ", settings.harFiles().stream().map(Path::toString).toList())
              + " ("
              + all.size()
              + " exchanges, none with a path and method of the contract)");
      return;
    }
    traffic = new HarJudge(contract, settings, reproduction);
  }

  private void startLive() {
    if (contract.operations().isEmpty()) {
      stop("the document has no operation under paths (webhooks alone are not requests to send)");
      return;
    }
    if (settings.baseUrl().isEmpty()) {
      if (ReferenceMock.provider().isEmpty()) {
        stop(ReferenceMock.MISSING);
        return;
      }
      mock = ReferenceMock.start(settings.apiKey(), settings.assistantId(), settings.spec());
      effective = settings.withTarget(mock.baseUrl(), mock.apiKey(), mock.resourceId());
    }
    String key = effective.apiKey();
    if (effective.assistantId().isEmpty()
        && contract.operations().stream().anyMatch(o -> o.resource().isPresent())) {
      stop(
          "--base-url needs --assistant-id (or "
              + ConformanceSettings.ASSISTANT_ID
              + "): the document's operations address a resource (x-resource)");
      return;
    }
    // a plain document's operations address no resource: their path parameters come from
    // --path-param, the document's examples or generated values
    String resource = effective.assistantId().orElse("");
    reproduction = new Reproduction(contract.masker(), contract.secrets(), List.of(key));
    client =
        new ApiClient(
            effective.baseUrl().orElseThrow(),
            effective.timeout(),
            effective.requestTimeout(),
            effective.maxResponseBytes(),
            effective.rate());
    Optional<String> notTheApi =
        Probes.notTheApi(contract, client, reproduction, key, resource, effective);
    if (notTheApi.isPresent()) {
      stop(notTheApi.get());
      return;
    }
    plan = CheckPlan.live(contract, effective, key, resource);
    live = new LiveChecker(contract, effective, client, reproduction, key, resource);
  }

  /** Why a report directory cannot be used, or empty when it is created and writable. */
  static Optional<String> unwritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".conformance-", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          "cannot write the reports to "
              + dir
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage());
    }
  }

  private void stop(String why) {
    stopped = Optional.of(reproduction == null ? why : reproduction.maskMessage(why));
  }

  /** Runs one planned check and logs its result. */
  CheckResult run(PlannedCheck check) {
    CheckResult result;
    try {
      if (check.kind() == CheckKind.RECORDED) {
        result = traffic.judge(check);
      } else {
        result = live.check(check);
      }
    } catch (RuntimeException e) {
      result =
          new CheckResult(
              check.id(),
              check.kind(),
              check.operationLabel(),
              Outcome.FAIL,
              List.of(),
              List.of(),
              check.subjects(),
              java.util.Set.of(),
              "",
              "",
              "the suite failed on this check: "
                  + (reproduction == null
                      ? e.getClass().getName()
                      : reproduction.maskMessage(e.getClass().getName() + ": " + e.getMessage())),
              "",
              "",
              "",
              0,
              0);
    }
    log.add(result);
    return result;
  }

  /** How many requests were sent and answered (exchanges judged, for recorded traffic). */
  int sent() {
    return client == null ? 0 : client.sent();
  }

  int answered() {
    if (client != null) {
      return client.answered();
    }
    return log.results().stream().mapToInt(CheckResult::answered).sum();
  }

  /** Masks secrets in text bound for a report (the JUnit XML files, a message). */
  String mask(String text) {
    return reproduction == null ? text : reproduction.literal(text);
  }

  /** Ends the run: the last check is done, reports come next. */
  void finish() {
    log.finish();
    if (progress != null) {
      progress.stop();
    }
  }

  @Override
  public void close() {
    finish();
    if (client != null) {
      client.close();
    }
    if (mock != null) {
      mock.close();
      mock = null;
    }
  }
}
