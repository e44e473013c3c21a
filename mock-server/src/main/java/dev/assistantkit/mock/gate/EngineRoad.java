package dev.assistantkit.mock.gate;

import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Reply;
import dev.assistantkit.mock.engine.MockEngine;
import dev.assistantkit.mock.recorder.Recorder;
import dev.assistantkit.mock.wiremock.OwnAnswers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract's answer to an exchange: the request as sent, one call into the {@link MockEngine},
 * its decision given to the recorder, its answer (with {@code --latency}) to the door, masked as
 * the mock's own.
 */
final class EngineRoad {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final MockEngine engine;
  private final int minDelayMillis;
  private final int maxDelayMillis;

  EngineRoad(MockEngine engine, int minDelayMillis, int maxDelayMillis) {
    this.engine = engine;
    this.minDelayMillis = minDelayMillis;
    this.maxDelayMillis = maxDelayMillis;
  }

  void answer(Exchange x, Recorder.Recording recording) {
    OwnAnswers.Delayed d = decide(x, recording, Optional.empty());
    x.replyAfter(d.delayMillis(), d.reply(), true);
  }

  /**
   * The contract's answer, its decision recorded.
   *
   * @param authorization an Authorization that replaces the client's (a server-side extension of
   *     the caller's set it; empty text: it removed it)
   */
  OwnAnswers.Delayed decide(
      Exchange x, Recorder.Recording recording, Optional<String> authorization) {
    ApiRequest request = Recorder.asSent(x.arrival());
    if (authorization.isPresent()) {
      request = withAuthorization(request, authorization.get());
    }
    MockEngine.EngineAnswer outcome = engine.handle(request);
    if (outcome.failedItself()) {
      // never a stack trace to the client, never request data in the log
      LOG.error(
          "internal error answering {} {}",
          outcome.decision() == null
              ? x.method()
              : outcome.decision().operation().map(o -> o.method()).orElse(x.method()),
          outcome.decision() == null
              ? "(a request)"
              : outcome.decision().operation().map(o -> o.pathTemplate()).orElse("(a path)"));
    }
    if (outcome.decision() != null) {
      recording.predicted(new Prediction(List.of(outcome.decision())));
    }
    Answer a = outcome.answer();
    List<Map.Entry<String, String>> headers = new ArrayList<>(a.headers().size() + 2);
    if (a.contentType() != null) {
      headers.add(Map.entry("Content-Type", a.contentType()));
    }
    headers.add(Map.entry("Cache-Control", "no-store"));
    headers.addAll(a.headers());
    if (a.status() == 401 && outcome.decision() != null && !Challenges.present(headers)) {
      outcome.decision().operation().ifPresent(op -> headers.addAll(Challenges.of(op.security())));
    }
    // the engine's answers are the document's (its examples and schemas) or JSON errors
    return new OwnAnswers.Delayed(Reply.documented(a.status(), headers, a.body()), delay());
  }

  private long delay() {
    if (maxDelayMillis == 0) {
      return 0;
    }
    return minDelayMillis == maxDelayMillis
        ? minDelayMillis
        : ThreadLocalRandom.current().nextLong(minDelayMillis, maxDelayMillis + 1L);
  }

  private static ApiRequest withAuthorization(ApiRequest request, String authorization) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    boolean placed = false;
    for (Map.Entry<String, String> h : request.headers().entries()) {
      if (h.getKey().equalsIgnoreCase("Authorization")) {
        if (!placed && !authorization.isEmpty()) {
          headers.add(Map.entry(h.getKey(), authorization));
        }
        placed = true;
      } else {
        headers.add(h);
      }
    }
    if (!placed && !authorization.isEmpty()) {
      headers.add(Map.entry("Authorization", authorization));
    }
    return new ApiRequest(request.method(), request.target(), Headers.of(headers), request.body());
  }
}
