package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.contract.Evaluation;
import dev.assistantkit.contract.Origin;
import dev.assistantkit.contract.RuleCase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run against one server: the client, the contract as oracle, and the assistant's mode as far
 * as the suite knows it (it learns the mode only from its own successful switches). Shared by the
 * check classes of a run; closed, with the in-process mock if it started one, when the run ends.
 */
public final class Session implements AutoCloseable {

  private static final List<String> MODES = Contracts.shared().spec().llmModes();

  private final ConformanceSettings settings;
  private final Contract contract;
  private final ReferenceMock mock;
  private final String baseUrl;
  private final UpdateClient client;
  private final Reproduction reproduction;
  private final Assessor assessor;
  private final Map<String, String> failedSwitches = new HashMap<>();
  private Optional<String> mode = Optional.empty();
  private boolean unreachable;

  private Session(ConformanceSettings settings, ReferenceMock mock, String baseUrl) {
    this.settings = settings;
    this.contract = Contracts.shared();
    this.mock = mock;
    this.baseUrl = baseUrl;
    this.client = new UpdateClient(baseUrl, settings.timeout(), settings.rate());
    this.reproduction = new Reproduction(contract.masker(), settings.apiKey());
    this.assessor = new Assessor(contract);
  }

  /** Opens a session; without a base URL it starts the reference mock first. */
  static Session open(ConformanceSettings settings) {
    if (settings.baseUrl().isPresent()) {
      return new Session(settings, null, settings.baseUrl().get());
    }
    ReferenceMock mock = ReferenceMock.start(settings.apiKey(), settings.assistantId());
    return new Session(settings, mock, mock.baseUrl());
  }

  public ConformanceSettings settings() {
    return settings;
  }

  public Contract contract() {
    return contract;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A catalogue case addressed to this run's assistant with this run's key. */
  public CheckCase caseOf(RuleCase c) {
    return CheckCase.of(c, settings.apiKey(), settings.assistantId());
  }

  /** A JSON body sent with valid credentials to this run's assistant. */
  public CheckCase bodyCase(
      String id, String json, Optional<String> givenMode, List<String> subjects) {
    return CheckCase.body(id, json, givenMode, subjects, settings.apiKey(), settings.assistantId());
  }

  /**
   * Runs one case: puts the assistant in the case's mode if needed (a write), predicts the answer
   * with the contract, sends the request and assesses the answer. Publishes the result to the
   * report; throws an assertion error on a failure and aborts (skipped) on advice or when the case
   * may not be sent.
   */
  public void check(CheckCase c) {
    CheckRun run = new CheckRun(c, settings.profile(), reproduction);
    int before = client.answered();
    try {
      execute(c, run);
    } catch (RuntimeException | Error e) {
      run.error(e);
    } finally {
      run.answered(client.answered() - before);
      Consumer<Map<String, String>> publish = ConformanceExtension.currentPublisher();
      publish.accept(run.entries());
    }
    run.raise();
  }

  private void execute(CheckCase c, CheckRun run) {
    if (unreachable) {
      run.skip("not run: " + baseUrl + " answered none of the earlier requests");
      return;
    }
    Optional<Evaluation> predicted = predict(c, run);
    if (predicted.isEmpty()) {
      return;
    }
    Evaluation p = predicted.get();
    run.predicted(p);
    if (p.status() == 200 && !settings.allowWrites()) {
      run.skip(
          "not sent: a conformant server accepts this request and changes the assistant;"
              + " run with --allow-writes to send it");
      return;
    }
    checkClaim(c, p);
    Exchange ex = client.send(c.request());
    run.exchange(ex);
    if (!ex.answered()) {
      noAnswer(run, ex);
      return;
    }
    track(c.request(), p, ex);
    run.findings(assessor.assess(c, p, ex));
  }

  /** The contract's answer in the mode the assistant is in; empty when the case cannot run. */
  private Optional<Evaluation> predict(CheckCase c, CheckRun run) {
    ContractRequest request = c.request();
    if (c.givenMode().isPresent()) {
      String wanted = c.givenMode().get();
      if (settings.allowWrites()) {
        return switchTo(wanted, c, run) ? Optional.of(evaluate(request, wanted)) : Optional.empty();
      }
      Optional<Evaluation> same = modeIndependent(request);
      if (same.isEmpty() || same.get().status() == 200) {
        run.rulesFrom(same);
        run.skip(
            "not sent: the case needs the assistant in "
                + wanted
                + " mode first, and switching is a write; run with --allow-writes");
        return Optional.empty();
      }
      run.note(
          "sent without switching to "
              + wanted
              + " first (writes not allowed): the contract answers it alike in either mode");
      return same;
    }
    if (mode.isPresent()) {
      return Optional.of(evaluate(request, mode.get()));
    }
    Optional<Evaluation> same = modeIndependent(request);
    if (same.isPresent()) {
      return same;
    }
    if (!settings.allowWrites()) {
      run.skip(
          "not sent: the answer depends on the assistant's current mode, which the suite only"
              + " knows after a switch of its own; run with --allow-writes");
      return Optional.empty();
    }
    return switchTo(MODES.get(0), c, run)
        ? Optional.of(evaluate(request, MODES.get(0)))
        : Optional.empty();
  }

  private Evaluation evaluate(ContractRequest request, String currentMode) {
    String id = settings.assistantId();
    return contract.evaluate(
        request,
        settings.apiKey()::equals,
        assistant -> assistant.equals(id) ? Optional.of(currentMode) : Optional.empty());
  }

  /** The answer when it is the same in every mode (same status, same rules). */
  private Optional<Evaluation> modeIndependent(ContractRequest request) {
    Evaluation first = evaluate(request, MODES.get(0));
    for (String m : MODES.subList(1, MODES.size())) {
      Evaluation other = evaluate(request, m);
      if (other.status() != first.status()
          || !other.report().ruleIds().equals(first.report().ruleIds())) {
        return Optional.empty();
      }
    }
    return Optional.of(first);
  }

  /**
   * Puts the assistant in a mode with the page's own switch example, unless the suite knows it is
   * in that mode already. A failed switch fails this case and skips later cases needing the mode.
   */
  private boolean switchTo(String wanted, CheckCase c, CheckRun run) {
    if (mode.equals(Optional.of(wanted))) {
      return true;
    }
    if (failedSwitches.containsKey(wanted)) {
      run.skip(
          "not run: switching the assistant to "
              + wanted
              + " failed earlier, in "
              + failedSwitches.get(wanted));
      return false;
    }
    String example =
        contract
            .spec()
            .switchExampleFor(wanted)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "openapi.yaml has no example switching to " + wanted));
    byte[] body = contract.spec().exampleJson(example).getBytes(StandardCharsets.UTF_8);
    ContractRequest request =
        CheckCase.jsonRequest(body, settings.apiKey(), settings.assistantId());
    Exchange ex = client.send(request);
    if (ex.status() == 200) {
      mode = Optional.of(wanted);
      return true;
    }
    mode = Optional.empty();
    run.exchange(ex);
    if (!ex.answered()) {
      noAnswer(run, ex);
      return false;
    }
    failedSwitches.put(wanted, c.id());
    RuleCase proof = switchCase(body);
    List<Finding> findings = new ArrayList<>();
    findings.add(
        new Finding(
            proof == null ? Finding.UNATTRIBUTED : proof.ruleId(),
            proof == null ? Origin.DOCUMENTED : proof.origin(),
            "the set-up switch to "
                + wanted
                + " (the spec's example "
                + example
                + ") answered "
                + ex.status()
                + ", not 200"));
    findings.addAll(assessor.checkResponse(ex));
    run.note("set-up failed: the case itself was not sent");
    run.findings(findings);
    return false;
  }

  /** The catalogue case that proves a switch body is accepted, for naming its rule. */
  private RuleCase switchCase(byte[] body) {
    for (var rule : contract.rules().all()) {
      for (RuleCase rc : rule.cases()) {
        if (rc.expect() == RuleCase.Expect.ACCEPT && java.util.Arrays.equals(rc.body(), body)) {
          return rc;
        }
      }
    }
    return null;
  }

  private void noAnswer(CheckRun run, Exchange ex) {
    mode = Optional.empty();
    if (client.answered() == 0) {
      unreachable = true;
    }
    run.failNoAnswer(
        "no answer from "
            + ex.url()
            + ": "
            + reproduction.mask(ex.error().orElse("unknown error")));
  }

  /** What the suite knows of the assistant's mode after an answer. */
  private void track(ContractRequest request, Evaluation predicted, Exchange ex) {
    int got = ex.status();
    if (got == 200 && predicted.status() == 200) {
      Assessor.requestedMode(request.body()).ifPresent(m -> mode = Optional.of(m));
    } else if (got < 400 || got >= 500) {
      // the server did something the contract did not predict: its state is unknown now
      mode = Optional.empty();
    }
  }

  private static void checkClaim(CheckCase c, Evaluation p) {
    if (c.claim().isPresent()
        && (p.status() == 200) != (c.claim().get() == RuleCase.Expect.ACCEPT)) {
      throw new IllegalStateException(
          "the catalogue says "
              + c.id()
              + " is "
              + c.claim().get()
              + "ed, but contract.evaluate answers "
              + Assessor.describe(p));
    }
  }

  @Override
  public void close() {
    if (mock != null) {
      mock.close();
    }
  }
}
