package dev.assistantkit.mock;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.edge.ApiForwarder;
import dev.assistantkit.mock.edge.EdgeRules;
import dev.assistantkit.mock.edge.ReceivedRequest;
import dev.assistantkit.mock.proxy.UpstreamProxy;
import dev.assistantkit.mock.traffic.LearningKnowledge;
import dev.assistantkit.mock.traffic.Recorded;
import dev.assistantkit.mock.traffic.Traffic;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proxy mode: every API request goes to the upstream unchanged and its answer comes back unchanged,
 * streamed; both are judged by the contract with what the proxy has learnt from the exchanges it
 * saw, and kept (masked) for {@code /__mock/traffic}.
 */
final class ProxyForwarder implements ApiForwarder {

  private final Contract contract;
  private final UpstreamProxy upstream;
  private final LearningKnowledge knowledge;
  private final Traffic traffic;
  private final int keep;

  ProxyForwarder(
      Contract contract, UpstreamProxy upstream, List<String> keys, Traffic traffic, int keep) {
    this.contract = contract;
    this.knowledge = new LearningKnowledge(keys);
    this.upstream = upstream;
    this.traffic = traffic;
    this.keep = keep;
  }

  /** The docs are the mock's own; everything else of the API goes upstream. */
  @Override
  public boolean forwards(String path) {
    return !path.equals("/docs") && !path.startsWith("/docs/") && !path.equals("/openapi.yaml");
  }

  @Override
  public boolean forward(
      ReceivedRequest sent, Shown shown, SecretMasker masker, HttpServletResponse response)
      throws IOException {
    long started = System.nanoTime();
    Instant at = Instant.now();
    ApiRequest request =
        new ApiRequest(sent.method(), sent.rawTarget(), Headers.of(sent.headers()), sent.body());
    Prediction prediction = contract.predict(request, knowledge);
    int status;
    List<Map.Entry<String, String>> headers;
    byte[] kept;
    boolean truncated;
    Optional<String> cut;
    boolean own = false; // the proxy answered itself: there is no answer of the upstream to judge
    try {
      UpstreamProxy.Forwarded f = upstream.forward(request, response);
      status = f.status();
      headers = f.headers();
      kept = f.kept();
      cut = f.cut();
      // a body that did not arrive whole is not judged as if it had
      truncated = f.truncated() || !f.complete();
    } catch (UpstreamProxy.Unreachable e) {
      Answer a = unreachable(e.getMessage());
      response.setStatus(a.status());
      response.setContentType(Answer.CONTENT_TYPE);
      response.getOutputStream().write(a.body());
      status = a.status();
      headers = List.of(Map.entry("Content-Type", Answer.CONTENT_TYPE));
      kept = a.body();
      truncated = false;
      own = true;
      cut =
          Optional.of(
              "no answer the proxy can pass on ("
                  + e.getMessage()
                  + "): it answered 502 "
                  + EdgeRules.PROXY_UNREACHABLE);
    }
    Observed observed = new Observed(status, first(headers, "Content-Type"), kept, truncated);
    if (prediction.first().operation().isPresent() && !own) {
      Judgement j = contract.judge(prediction, observed, Set.of(), Set.of());
      knowledge.learn(request, j.explaining(), status);
    }
    traffic.add(
        new Recorded(
            traffic.next(),
            at,
            (System.nanoTime() - started) / 1000,
            new Recorded.Shown(
                shown.method(),
                upstream.upstream() + shown.target(),
                0,
                shown.headers(),
                shown.body(),
                false),
            new Recorded.Shown(
                "",
                "",
                status,
                maskedHeaders(headers, masker),
                masker.maskBodyForDisplay(kept).orElse(WITHHELD),
                truncated),
            own ? Optional.empty() : Optional.of(prediction),
            cut));
    return own || cut.isEmpty();
  }

  private static final byte[] WITHHELD =
      "{\"body\":\"withheld: it may hold a secret the mask cannot reach\"}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private Answer unreachable(String why) {
    Optional<Rule> rule = contract.globalRules().find(EdgeRules.PROXY_UNREACHABLE);
    ValidationReport report =
        rule.map(
                r ->
                    ValidationReport.of(
                        r.violation(Part.PATH, "", Map.of("detail", why == null ? "" : why))))
            .orElse(ValidationReport.empty());
    return contract.answers().error(null, 502, report, List.of());
  }

  private static List<Map.Entry<String, String>> maskedHeaders(
      List<Map.Entry<String, String>> headers, SecretMasker masker) {
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      String lower = h.getKey().toLowerCase(java.util.Locale.ROOT);
      String value =
          lower.equals("set-cookie") || lower.contains("authorization")
              ? SecretMasker.MASK
              : masker.maskHeaderValue(h.getValue());
      // an upstream may echo a secret anywhere, a header's name included
      String name = masker.containsSecret(h.getKey()) ? SecretMasker.MASK : h.getKey();
      out.add(Map.entry(name, value));
    }
    return out;
  }

  private static String first(List<Map.Entry<String, String>> headers, String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
