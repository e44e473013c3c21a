package dev.assistantkit.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.common.Timing;
import com.github.tomakehurst.wiremock.common.Urls;
import com.github.tomakehurst.wiremock.global.GlobalSettings;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.edge.DirectApi;
import dev.assistantkit.mock.edge.ReceivedRequest;
import dev.assistantkit.mock.traffic.Later;
import dev.assistantkit.mock.traffic.Traffic;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract's answer to a request for an operation, given without WireMock while WireMock would
 * give the same one: only the mock's own stubs registered ({@link OwnStubs#onlyOwn()}), no delay
 * set, no request listener added. The same {@link MockEngine} decides; the answer carries the
 * headers WireMock's would (the operation's stub id and name); the journal and the traffic get the
 * exchange as WireMock and {@link TrafficRecorder} would have kept it, built when first read.
 *
 * <p>WireMock's per-request work (its logged request, serve event, matching and transformer chain)
 * is most of what a request cost: see the README's benchmarks.
 */
final class DirectAnswers implements DirectApi {

  private static final Logger LOG = LoggerFactory.getLogger(ContractTransformer.class);

  private final MockEngine engine;
  private final Contract contract;
  private final OwnStubs own;
  private final BoundedJournalStore journal;
  private final Traffic traffic;
  private final int keep;
  private final Supplier<GlobalSettings> settings;
  private final Map<Operation, StubMapping> stubs = new LinkedHashMap<>();
  private final long idHigh;
  private final AtomicLong idLow = new AtomicLong();
  private final LongAdder answered = new LongAdder();
  private volatile boolean listened;

  DirectAnswers(
      MockEngine engine,
      OwnStubs own,
      BoundedJournalStore journal,
      Traffic traffic,
      int keep,
      Supplier<GlobalSettings> settings) {
    this.engine = engine;
    this.contract = engine.contract();
    this.own = own;
    this.journal = journal;
    this.traffic = traffic;
    this.keep = keep;
    this.settings = settings;
    for (Operation op : contract.operations()) {
      own.named(MockServer.contractStubName(op)).ifPresent(s -> stubs.put(op, s));
    }
    // ids unique within the process, as WireMock's random ones are, without a random draw each
    long random = new SecureRandom().nextLong();
    this.idHigh = (random & ~0xF000L) | 0x4000L; // version 4
  }

  /** How many requests were answered without WireMock so far. */
  long answered() {
    return answered.sum();
  }

  /** A WireMock request listener was added: it must see every request, so WireMock answers. */
  void off() {
    listened = true;
  }

  @Override
  public Optional<Reply> answer(ReceivedRequest request) {
    if (listened || !own.onlyOwn() || delayed()) {
      return Optional.empty();
    }
    if (!(contract.route(request.method(), request.rawTarget()) instanceof Route.Matched m)) {
      return Optional.empty(); // 404, 405, the docs: WireMock's fallback and docs stubs answer
    }
    StubMapping stub = stubs.get(m.operation());
    if (stub == null || !queryWireMockReads(request.rawTarget())) {
      return Optional.empty();
    }
    ApiRequest apiRequest =
        new ApiRequest(
            request.method(), request.rawTarget(), Headers.of(request.headers()), request.body());
    MockEngine.Outcome outcome = engine.handle(apiRequest);
    if (outcome.failedItself()) {
      // never a stack trace to the client, never request data in the log
      LOG.error(
          "internal error answering {} {}", m.operation().method(), m.operation().pathTemplate());
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>(6);
    headers.add(Map.entry("Content-Type", "application/json"));
    headers.add(Map.entry("Cache-Control", "no-store"));
    headers.addAll(outcome.answer().headers());
    headers.add(Map.entry("Matched-Stub-Id", stub.getId().toString()));
    // as WireMock sends it: the name in US-ASCII
    headers.add(
        Map.entry(
            "Matched-Stub-Name",
            new String(
                stub.getName().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)));
    answered.increment();
    // as TrafficRecorder: the decision made, or what the contract would have said
    Optional<Prediction> prediction =
        Optional.of(
            outcome.decision() == null
                ? TrafficRecorder.predicted(contract, engine.knowledge(), apiRequest)
                : new Prediction(List.of(outcome.decision())));
    return Optional.of(
        new Reply(
            outcome.answer().status(),
            headers,
            outcome.answer().body(),
            exchanged -> keep(exchanged, stub, prediction)));
  }

  /**
   * Whether WireMock can read the query (it percent-decodes every parameter when it journals a
   * request): one it cannot read goes through WireMock, so that it fails that request alone and
   * never leaves an entry behind that no one can read.
   */
  private static boolean queryWireMockReads(String target) {
    int q = target.indexOf('?');
    if (q < 0) {
      return true;
    }
    try {
      Urls.splitQueryFromUrl(target);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private boolean delayed() {
    GlobalSettings s = settings.get();
    return s != null && (s.getFixedDelay() != null || s.getDelayDistribution() != null);
  }

  /**
   * Journals the exchange and records it for the traffic: one serve event, made when first read.
   */
  private void keep(Exchanged x, StubMapping stub, Optional<Prediction> prediction) {
    UUID id =
        new UUID(
            idHigh, (idLow.incrementAndGet() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    Later<ServeEvent> event = new Later<>(() -> serveEvent(id, x, stub));
    journal.add(id, event);
    long seq = traffic.next();
    traffic.add(
        new Later<>(
            () ->
                TrafficRecorder.recorded(
                    seq,
                    x.arrived(),
                    x.micros(),
                    event.get(),
                    prediction,
                    contract.masker(),
                    keep)));
  }

  /** The serve event WireMock would have journaled for this exchange. */
  private static ServeEvent serveEvent(UUID id, Exchanged x, StubMapping stub) {
    Seen seen = x.request().get();
    ObjectMapper json = Json.getObjectMapper();
    ObjectNode request = json.createObjectNode();
    request.put("url", seen.shown().target());
    request.put("absoluteUrl", seen.absoluteUrl());
    request.put("method", seen.shown().method());
    request.put("clientIp", seen.clientIp());
    request.set("headers", json.valueToTree(requestHeaders(seen.shown().headers())));
    request.set("cookies", json.valueToTree(cookies(seen.cookies())));
    request.put("browserProxyRequest", false);
    request.put("loggedDate", x.arrived().toEpochMilli());
    request.put("bodyAsBase64", Base64.getEncoder().encodeToString(seen.shown().body()));
    request.put("protocol", seen.protocol());
    LoggedRequest logged;
    try {
      logged = json.treeToValue(request, LoggedRequest.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a journal entry could not be made", e);
    }
    List<HttpHeader> defined = new ArrayList<>();
    List<HttpHeader> sent = new ArrayList<>();
    for (Map.Entry<String, String> h : x.headers()) {
      HttpHeader header = new HttpHeader(h.getKey(), h.getValue());
      sent.add(header);
      if (!h.getKey().startsWith("Matched-Stub-")) {
        defined.add(header);
      }
    }
    ResponseDefinition definition =
        ResponseDefinitionBuilder.responseDefinition()
            .withStatus(x.status())
            .withHeaders(new HttpHeaders(defined))
            .withBody(x.body())
            .build();
    LoggedResponse response =
        new LoggedResponse(
            x.status(),
            new HttpHeaders(sent),
            Base64.getEncoder().encodeToString(x.body()),
            null,
            null);
    Timing timing =
        Json.read(
            "{\"addedDelay\":0,\"processTime\":" + x.micros() / 1000 + ",\"responseSendTime\":0}",
            Timing.class);
    return new ServeEvent(id, logged, stub, definition, response, false, timing, null);
  }

  /** Headers as WireMock reads them from the servlet API: by name as sent, values of any case. */
  private static HttpHeaders requestHeaders(List<Map.Entry<String, String>> headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      byName.computeIfAbsent(
          h.getKey(),
          name ->
              headers.stream()
                  .filter(o -> o.getKey().equalsIgnoreCase(name))
                  .map(Map.Entry::getValue)
                  .toList());
    }
    List<HttpHeader> out = new ArrayList<>();
    byName.forEach((k, v) -> out.add(new HttpHeader(k, v)));
    return new HttpHeaders(out);
  }

  private static Map<String, Cookie> cookies(List<Map.Entry<String, String>> cookies) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    cookies.forEach(
        c -> byName.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(c.getValue()));
    Map<String, Cookie> out = new LinkedHashMap<>();
    byName.forEach((k, v) -> out.put(k, new Cookie(null, v)));
    return out;
  }
}
