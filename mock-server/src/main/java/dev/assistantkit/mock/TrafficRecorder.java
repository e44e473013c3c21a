package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.mock.traffic.Recorded;
import dev.assistantkit.mock.traffic.Traffic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the mock's own exchanges for {@code /__mock/traffic}: every request to the API (answered by
 * the contract or by a user's stub), as WireMock holds it (masked), with the answer and what the
 * contract predicted. The verdict is judged when the traffic is shown.
 */
final class TrafficRecorder implements ServeEventListener {

  static final String NAME = "assistant-traffic";

  /** The decision the contract transformer made for the request on this thread. */
  private static final ThreadLocal<Handled> HANDLED = new ThreadLocal<>();

  private record Handled(java.util.UUID eventId, Decision decision) {}

  private final Contract contract;
  private final Knowledge knowledge;
  private final Traffic traffic;
  private final int keep;

  TrafficRecorder(Contract contract, Knowledge knowledge, Traffic traffic, int keep) {
    this.contract = contract;
    this.knowledge = knowledge;
    this.traffic = traffic;
    this.keep = keep;
  }

  /** Called by the contract transformer: its decision on the request being served. */
  static void handled(ServeEvent event, Decision decision) {
    HANDLED.set(new Handled(event.getId(), decision));
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public void afterComplete(ServeEvent event, Parameters parameters) {
    Handled handled = HANDLED.get();
    HANDLED.remove();
    Request masked = event.getRequest();
    String path = masked.getUrl().split("\\?", 2)[0];
    if (path.startsWith("/__admin")
        || path.startsWith("/__mock")
        || path.startsWith("/docs")
        || path.equals("/openapi.yaml")) {
      return;
    }
    Optional<Prediction> prediction;
    if (handled != null && handled.eventId().equals(event.getId())) {
      prediction = Optional.of(new Prediction(List.of(handled.decision())));
    } else {
      // a user's stub answered: what the contract would have said, in the same state
      Optional<ApiRequest> original = OriginalRequests.of(event);
      prediction = original.map(r -> predicted(contract, knowledge, r));
    }
    if (event.getResponse() == null) {
      return;
    }
    traffic.add(
        recorded(
            traffic.next(),
            Instant.now(),
            event.getTiming() == null || event.getTiming().getTotalTime() == null
                ? 0
                : event.getTiming().getTotalTime() * 1000L,
            event,
            prediction,
            contract.masker(),
            keep));
  }

  /** What the contract would have answered a request, in the state the mock holds now. */
  static Prediction predicted(Contract contract, Knowledge knowledge, ApiRequest request) {
    return contract.predict(request, knowledge);
  }

  /**
   * An exchange as the traffic shows it, from its serve event (which WireMock journals too): the
   * request as journaled (masked), the answer's body masked for display and cut at {@code keep}
   * bytes.
   */
  static Recorded recorded(
      long seq,
      Instant started,
      long micros,
      ServeEvent event,
      Optional<Prediction> prediction,
      SecretMasker masker,
      int keep) {
    Request masked = event.getRequest();
    LoggedResponse response = event.getResponse();
    byte[] body = response.getBody() == null ? new byte[0] : response.getBody();
    boolean truncated = body.length > keep;
    byte[] shownBody = truncated ? Arrays.copyOf(body, keep) : body;
    return new Recorded(
        seq,
        started,
        micros,
        new Recorded.Shown(
            masked.getMethod().getName(),
            masked.getAbsoluteUrl(),
            0,
            headers(masked.getHeaders().all()),
            masked.getBody() == null ? new byte[0] : masked.getBody(),
            false),
        new Recorded.Shown(
            "",
            "",
            response.getStatus(),
            headers(response.getHeaders() == null ? List.of() : response.getHeaders().all()),
            masker
                .maskBodyForDisplay(shownBody)
                .orElse(shownBody.length == 0 ? shownBody : WITHHELD),
            truncated),
        prediction);
  }

  private static final byte[] WITHHELD =
      "{\"body\":\"withheld: it may hold a secret the mask cannot reach\"}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static List<Map.Entry<String, String>> headers(java.util.Collection<HttpHeader> all) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (HttpHeader h : all) {
      h.values().forEach(v -> out.add(Map.entry(h.key(), v)));
    }
    return out;
  }
}
