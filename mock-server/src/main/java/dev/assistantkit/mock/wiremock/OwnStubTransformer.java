package dev.assistantkit.mock.wiremock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Reply;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of one of the mock's own stubs: the contract's (on each operation's stub and the
 * fallback) or the mock's endpoints' (on theirs), given by the gate with the exchange, masked as
 * the mock's own answers are before WireMock renders and journals them. Acts only where a stub
 * names it, never globally.
 */
final class OwnStubTransformer implements ResponseDefinitionTransformerV2 {

  static final String CONTRACT = "assistant-contract";
  static final String TOOLS = "assistant-mock-tools";

  private final String name;
  private final InFlight inFlight;

  OwnStubTransformer(String name, InFlight inFlight) {
    this.name = name;
    this.inFlight = inFlight;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Optional<InFlight.Handled> handled = inFlight.ofServeEvent(event.getId());
    if (handled.isEmpty()) {
      // a request that did not come through the door (none does): nothing to answer with
      return ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
    }
    Exchange x = handled.get().exchange();
    if (name.equals(TOOLS)) {
      return definition(x.masked(handled.get().answers().tools()), 0);
    }
    OwnAnswers.Delayed d = handled.get().answers().contract(replacedAuthorization(x, event));
    return definition(x.masked(d.reply()), d.delayMillis());
  }

  /**
   * The Authorization of WireMock's view, when a server-side extension (a request filter of the
   * caller's) replaced the masked one the door handed over. No client can cause that: the view is
   * derived from what the client sent.
   */
  private static Optional<String> replacedAuthorization(Exchange x, ServeEvent event) {
    String handed = x.shown().header("Authorization").orElse(null);
    var view = event.getRequest();
    String seen = view.containsHeader("Authorization") ? view.getHeader("Authorization") : null;
    if (java.util.Objects.equals(handed, seen)) {
      return Optional.empty();
    }
    return Optional.of(seen == null ? "" : seen);
  }

  private static ResponseDefinition definition(Reply reply, long delayMillis) {
    ResponseDefinitionBuilder b =
        ResponseDefinitionBuilder.responseDefinition()
            .withStatus(reply.status())
            .withBody(reply.body());
    reply.reason().ifPresent(b::withStatusMessage);
    for (Map.Entry<String, String> h : reply.headers()) {
      b.withHeader(h.getKey(), h.getValue());
    }
    if (delayMillis > 0) {
      b.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delayMillis));
    }
    return b.build();
  }
}
