package dev.assistantkit.mock.proxy;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.mock.door.DoorRules;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Reply;
import dev.assistantkit.mock.door.StreamedReply;
import dev.assistantkit.mock.recorder.Recorder;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Proxy mode: every API request goes to the upstream unchanged and its answer comes back unchanged,
 * streamed as it arrives; both are judged by the contract with what the proxy has learnt from the
 * exchanges it saw, and kept (masked) for {@code /__mock/traffic}. No thread waits on the upstream:
 * the door and the client are both asynchronous, so a hanging upstream holds connections, never the
 * threads that answer the mock's own endpoints.
 */
public final class ProxyRoad implements AutoCloseable {

  private final Upstream upstream;
  private final TrafficJudge labels;
  private final int keepBytes;

  /**
   * @param keys the tokens the upstream accepts, when known (every other token must be refused)
   * @param keepBytes how much of each answer is kept for the judge
   */
  public ProxyRoad(Contract contract, Upstream upstream, List<String> keys, int keepBytes) {
    this.upstream = upstream;
    this.labels = contract.trafficJudge(keys);
    this.keepBytes = keepBytes;
  }

  /** The docs are the mock's own; everything else of the API goes upstream. */
  public boolean forwards(String path) {
    return !path.equals("/docs") && !path.startsWith("/docs/") && !path.equals("/openapi.yaml");
  }

  /**
   * Forwards one exchange.
   *
   * @param contract the contract serving when it came: its error shape for a 502 of the proxy's own
   */
  public void answer(Exchange x, Recorder.Recording recording, Contract contract) {
    Optional<URI> to = upstream.target(x.rawTarget());
    if (to.isEmpty()) {
      x.refuse(
          400,
          DoorRules.MALFORMED,
          "path",
          "",
          "the request target holds characters a URI may not (such as | \\\\ \" < >):"
              + " percent-encode them");
      return;
    }
    recording.url(upstream.uri().toString());
    // the token is not kept: only a label that stands for it (the traffic judge needs no more)
    recording.tokenLabel(labels.labelOf(Recorder.asSent(x.arrival())));
    x.detach();
    Streaming streaming = new Streaming(x, recording, contract);
    // the deadline counts from the request's arrival: whatever the exchange waited for before it
    // is sent (a serving thread, a connection to the upstream) is part of the client's wait
    long deadline = x.arrival().arrivedMillis() + upstream.timeout().toMillis();
    Consumer<Throwable> stop =
        upstream.forward(x.method(), to.get(), x.headers(), x.body(), deadline, streaming);
    streaming.stopWith(stop);
  }

  /** One exchange: the upstream's answer going to the client as it comes, then judged. */
  private final class Streaming implements Upstream.Listener {
    private final Exchange exchange;
    private final Recorder.Recording recording;
    private final Contract contract;
    private final Upstream.BodyCap kept = new Upstream.BodyCap(keepBytes);
    private volatile StreamedReply stream;
    private volatile int status;
    private volatile List<Map.Entry<String, String>> headers = List.of();
    private volatile Consumer<Throwable> stop = t -> {};

    Streaming(Exchange exchange, Recorder.Recording recording, Contract contract) {
      this.exchange = exchange;
      this.recording = recording;
      this.contract = contract;
    }

    void stopWith(Consumer<Throwable> stop) {
      this.stop = stop;
    }

    @Override
    public void head(int status, List<Map.Entry<String, String>> headers, long contentLength) {
      this.status = status;
      this.headers = headers;
      StreamedReply s = exchange.stream();
      s.onFailure(t -> stop.accept(new Upstream.ClientGone()));
      stream = s;
      try {
        s.head(status, headers, contentLength);
      } catch (IOException | RuntimeException e) {
        stop.accept(new Upstream.ClientGone());
      }
    }

    @Override
    public void part(byte[] bytes, Runnable next) {
      kept.add(bytes);
      stream.write(bytes, next);
    }

    @Override
    public void ended(Optional<String> failure, boolean headArrived) {
      if (!headArrived) {
        String why = failure.orElse("no answer");
        recording.incomplete(
            "no answer the proxy can pass on ("
                + why
                + "): it answered 502 "
                + DoorRules.PROXY_UNREACHABLE);
        exchange.replyOwn(unreachable(why, contract));
        return;
      }
      boolean whole = failure.isEmpty();
      byte[] body = kept.bytes();
      // a body that did not arrive whole is not judged as if it had
      boolean truncated = kept.truncated() || !whole;
      Exchange.Sent sent =
          new Exchange.Sent(
              status,
              headers,
              body,
              truncated,
              failure.map(f -> "cut after " + kept.total() + " bytes of the body: " + f),
              false);
      if (whole) {
        stream.end(sent);
      } else {
        stream.cut(sent);
      }
    }
  }

  private static Reply unreachable(String why, Contract contract) {
    Optional<Rule> rule = contract.globalRules().find(DoorRules.PROXY_UNREACHABLE);
    ValidationReport report =
        rule.map(r -> ValidationReport.of(r.violation(Part.PATH, "", Map.of("detail", why))))
            .orElse(ValidationReport.empty());
    Answer a = contract.answers().error(null, 502, report, List.of());
    return new Reply(a.status(), List.of(Map.entry("Content-Type", Answer.CONTENT_TYPE)), a.body());
  }

  @Override
  public void close() {
    upstream.close();
  }
}
