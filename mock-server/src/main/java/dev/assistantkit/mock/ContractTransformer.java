package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract's answer, on the low-priority stub of each operation (and the fallback for every
 * other path), so any stub a user adds with a higher priority answers instead: the request as the
 * client sent it, handed to the {@link MockEngine}, its answer handed back to WireMock.
 */
final class ContractTransformer extends StubTransformer {

  static final String NAME = "assistant-contract";

  private static final Logger LOG = LoggerFactory.getLogger(ContractTransformer.class);

  private final MockEngine engine;
  private final MockConfig.Latency latency;

  ContractTransformer(MockEngine engine, MockConfig config) {
    super(NAME);
    this.engine = engine;
    this.latency = config.latency();
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request masked = serveEvent.getRequest();
    ApiRequest request = OriginalRequests.of(serveEvent).orElseGet(() -> fromWireMock(masked));
    MockEngine.Outcome outcome = engine.handle(request);
    if (outcome.decision() != null) {
      TrafficRecorder.handled(serveEvent, outcome.decision());
    }
    if (outcome.failedItself()) {
      // never a stack trace to the client, never request data in the log
      LOG.error("internal error answering {} {}", masked.getMethod().getName(), masked.getUrl());
    }
    return withLatency(JsonResponses.answer(outcome.answer())).build();
  }

  private ResponseDefinitionBuilder withLatency(ResponseDefinitionBuilder b) {
    if (latency.maxMillis() == 0) {
      return b;
    }
    return latency.minMillis() == latency.maxMillis()
        ? b.withFixedDelay(latency.minMillis())
        : b.withUniformRandomDelay(latency.minMillis(), latency.maxMillis());
  }

  /** The request as WireMock holds it (masked): only when the edge did not hand one over. */
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
