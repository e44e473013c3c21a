package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Answer;
import dev.assistantkit.contract.ApiRequest;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.Decision;
import dev.assistantkit.contract.Headers;
import dev.assistantkit.contract.Operation;
import dev.assistantkit.contract.Profile;
import dev.assistantkit.contract.ResourceState;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract's answer, on the low-priority stub of each operation (and the fallback for every
 * other path), so any stub a user adds with a higher priority answers instead. One call into the
 * engine decides; an accepted update is stored compare-and-set on the version it was judged
 * against, and judged again if another update came first.
 */
final class ContractTransformer extends StubTransformer {

  static final String NAME = "assistant-contract";

  private static final Logger LOG = LoggerFactory.getLogger(ContractTransformer.class);

  /** Concurrent updates of one resource rarely collide twice; this bounds a pathological run. */
  private static final int MAX_ATTEMPTS = 64;

  private final Contract contract;
  private final ResourceStore store;
  private final MockKnowledge knowledge;
  private final Profile profile;
  private final MockConfig.Latency latency;
  private final boolean verbose;

  ContractTransformer(Contract contract, ResourceStore store, MockConfig config) {
    super(NAME);
    this.contract = contract;
    this.store = store;
    this.knowledge = new MockKnowledge(config.apiKeys(), store);
    this.profile = config.profile();
    this.latency = config.latency();
    this.verbose = config.verbose();
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request masked = serveEvent.getRequest();
    ApiRequest request =
        CredentialFilter.original(serveEvent)
            .map(CredentialFilter.Original::request)
            .orElseGet(() -> fromWireMock(masked));
    Answer answer;
    Decision decision = null;
    try {
      decision = decide(request);
      TrafficRecorder.handled(serveEvent, decision);
      answer = decision.answer(profile, stateAfter(decision));
    } catch (RuntimeException e) {
      // never a stack trace to the client, never request data in the log
      LOG.error("internal error answering {}: {}", masked.getUrl(), e.getClass().getName());
      answer = internalError(decision);
    }
    ResponseDefinition done = withLatency(JsonResponses.answer(answer)).build();
    if (verbose) {
      LOG.info(
          "{} {} -> {} {}\n  body: {}",
          masked.getMethod().getName(),
          masked.getUrl(),
          answer.status(),
          answer.bodyText(),
          masked.getBodyAsString());
    }
    return done;
  }

  /** Evaluates, and stores an accepted update unless another one came first (then again). */
  private Decision decide(ApiRequest request) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Decision d = contract.evaluate(request, knowledge);
      Optional<ResourceState> after = d.applied(profile);
      if (after.isEmpty()) {
        return d;
      }
      Operation.ResourceAction action = d.operation().orElseThrow().resource().orElseThrow();
      if (store.replace(action.resource().name(), d.resourceSeen().orElseThrow(), after.get())) {
        return d;
      }
    }
    throw new IllegalStateException("an update lost " + MAX_ATTEMPTS + " races in a row");
  }

  /** The state to answer with: the one an accepted update produced, else the one it saw. */
  private Optional<ResourceState> stateAfter(Decision d) {
    return d.applied(profile).or(d::resourceSeen);
  }

  /** A 500 in the error shape, for a failure of the mock itself. */
  private Answer internalError(Decision decision) {
    Operation op = decision == null ? null : decision.operation().orElse(null);
    return contract
        .engineRule("internal-error", op)
        .map(
            r ->
                contract
                    .answers()
                    .error(
                        op,
                        500,
                        dev.assistantkit.contract.ValidationReport.of(
                            r.violation(
                                dev.assistantkit.contract.Part.BODY,
                                "",
                                Map.of("detail", "a failure of the mock itself"))),
                        java.util.List.of()))
        .orElseGet(
            () ->
                new Answer(
                    500,
                    java.util.List.of(),
                    "{\"success\":false,\"message\":\"Internal server error\",\"errors\":[]}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private ResponseDefinitionBuilder withLatency(ResponseDefinitionBuilder b) {
    if (latency.maxMillis() == 0) {
      return b;
    }
    return latency.minMillis() == latency.maxMillis()
        ? b.withFixedDelay(latency.minMillis())
        : b.withUniformRandomDelay(latency.minMillis(), latency.maxMillis());
  }

  /** The request as WireMock holds it (masked): only when the filter did not see it. */
  static ApiRequest fromWireMock(Request r) {
    java.util.List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
    r.getHeaders().all().forEach(h -> h.values().forEach(v -> headers.add(Map.entry(h.key(), v))));
    return new ApiRequest(
        r.getMethod().getName(),
        r.getUrl(),
        Headers.of(headers),
        r.getBody() == null ? new byte[0] : r.getBody());
  }
}
