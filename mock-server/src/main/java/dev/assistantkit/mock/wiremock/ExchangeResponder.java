package dev.assistantkit.mock.wiremock;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpResponder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.mock.door.Breakage;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Reply;
import dev.assistantkit.mock.door.StreamedReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends WireMock's answer to one exchange through the door, as WireMock's own servlet would: the
 * status and headers, the body, a delay (holding no thread), a fault (the connection broken), or a
 * body dribbled in chunks. The mock's own stubs answer without WireMock's {@code Matched-Stub-*}
 * headers, as the contract's answers do on every road.
 */
final class ExchangeResponder implements HttpResponder {

  private final Exchange exchange;
  private final ScheduledExecutorService timer;

  ExchangeResponder(Exchange exchange, ScheduledExecutorService timer) {
    this.exchange = exchange;
    this.timer = timer;
  }

  @Override
  public void respond(Request request, Response response, Map<String, Object> attributes) {
    boolean own =
        attributes.get(ServeEvent.ORIGINAL_SERVE_EVENT_KEY) instanceof ServeEvent e
            && OwnStubs.isMarkedOwn(e.getStubMapping());
    if (!response.wasConfigured()) {
      exchange.replyOwn(new Reply(404, List.of(), new byte[0]));
      return;
    }
    long delay = response.getInitialDelay();
    Fault fault = response.getFault();
    if (fault != null) {
      Breakage breakage = Breakage.valueOf(fault.name());
      if (delay > 0) {
        exchange.detach();
        timer.schedule(() -> exchange.breakConnection(breakage), delay, TimeUnit.MILLISECONDS);
      } else {
        exchange.breakConnection(breakage);
      }
      return;
    }
    if (!OwnStubs.isFinalStatus(response.getStatus())) {
      // a stub loaded from a file with a status no client can read: the stub's failure
      exchange.fail(new IllegalStateException("a stub's status is not an HTTP status"));
      return;
    }
    Reply reply =
        new Reply(
            response.getStatus(),
            Optional.ofNullable(response.getStatusMessage()),
            headers(response, own),
            response.getBody());
    if (response.shouldAddChunkedDribbleDelay() && reply.body().length > 0) {
      exchange.detach();
      timer.schedule(() -> dribble(reply, response), delay, TimeUnit.MILLISECONDS);
      return;
    }
    exchange.replyAfter(delay, reply, false);
  }

  private static List<Map.Entry<String, String>> headers(Response response, boolean own) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (response.getHeaders() != null) {
      for (HttpHeader h : response.getHeaders().all()) {
        if (own && h.key().startsWith("Matched-Stub-")) {
          continue;
        }
        h.values().forEach(v -> out.add(Map.entry(h.key(), v)));
      }
    }
    return out;
  }

  /** The body in chunks spread over the dribble's duration. */
  private void dribble(Reply reply, Response response) {
    int chunks = Math.max(1, response.getChunkedDribbleDelay().getNumberOfChunks());
    long interval =
        Math.max(0, response.getChunkedDribbleDelay().getTotalDuration()) / (long) chunks;
    byte[] body = reply.body();
    StreamedReply stream = exchange.stream();
    try {
      stream.head(reply.status(), reply.headers(), -1);
    } catch (IOException e) {
      exchange.fail(e);
      return;
    }
    int size = (body.length + chunks - 1) / chunks;
    List<byte[]> parts = new ArrayList<>();
    for (int from = 0; from < body.length; from += size) {
      parts.add(Arrays.copyOfRange(body, from, Math.min(body.length, from + size)));
    }
    for (int i = 0; i < parts.size(); i++) {
      byte[] part = parts.get(i);
      boolean last = i == parts.size() - 1;
      timer.schedule(
          () -> {
            stream.write(part, () -> {});
            if (last) {
              stream.end(
                  new Exchange.Sent(
                      reply.status(), reply.headers(), body, false, Optional.empty(), false));
            }
          },
          interval * (i + 1),
          TimeUnit.MILLISECONDS);
    }
  }
}
