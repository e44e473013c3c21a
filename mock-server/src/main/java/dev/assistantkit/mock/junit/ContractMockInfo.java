package dev.assistantkit.mock.junit;

import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.mock.MockServer;
import dev.assistantkit.mock.recorder.ExchangeRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The mock a test runs against: its address, and what the current test's requests broke. Taken as a
 * parameter of a test method, a constructor or a lifecycle method under {@link ContractMockTest},
 * or from {@link ContractMockExtension#info()}.
 */
public final class ContractMockInfo {

  private final MockServer server;

  ContractMockInfo(MockServer server) {
    this.server = server;
  }

  /** {@code http://127.0.0.1:PORT}: where to point the client under test. */
  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  /** The first API key (bearer token) the mock accepts. */
  public String apiKey() {
    return server.config().apiKeys().get(0);
  }

  /** The profile the mock enforces and judges by. */
  public Profile profile() {
    return server.config().profile();
  }

  /**
   * The ids of the rules the current test's requests broke, in the order the requests were answered
   * (each rule once per request); empty when every request kept the contract.
   */
  public List<String> violations() {
    List<String> out = new ArrayList<>();
    for (JudgedExchange x : traffic()) {
      out.addAll(x.rules());
    }
    return out;
  }

  /**
   * The exchanges of the API since the test started (or the last {@link #reset()}), oldest first.
   */
  public List<JudgedExchange> traffic() {
    Profile profile = profile();
    List<JudgedExchange> out = new ArrayList<>();
    for (var kept : server.traffic().kept()) {
      out.add(judged(kept.record().get(), profile));
    }
    return out;
  }

  /**
   * Back to the seeded state, with no traffic (as before each test, and {@code POST
   * /__mock/reset}).
   */
  public void reset() {
    server.reset();
  }

  /** The running mock, for what this class does not cover (WireMock stubs, the typed API). */
  public MockServer server() {
    return server;
  }

  static JudgedExchange judged(ExchangeRecord r, Profile profile) {
    List<Violation> broken =
        r.prediction().map(p -> p.first().report(profile).violations()).orElse(List.of());
    List<Finding> answerBroke;
    String outcome;
    try {
      ExchangeRecord.Verdict v = r.verdict(profile);
      answerBroke = v.failures();
      outcome = v.outcome();
    } catch (RuntimeException e) {
      answerBroke = List.of();
      outcome = ExchangeRecord.Verdict.NOT_JUDGED.outcome();
    }
    return new JudgedExchange(
        r.request().method(),
        r.request().target(),
        r.response().status(),
        broken,
        answerBroke,
        outcome);
  }
}
