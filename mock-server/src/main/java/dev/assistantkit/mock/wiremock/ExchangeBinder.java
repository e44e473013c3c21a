package dev.assistantkit.mock.wiremock;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The first of WireMock's request filters: it sees WireMock's view of a request (which carries the
 * exchange's id) together with the serve event WireMock made for it, and ties the two, changing
 * nothing.
 */
final class ExchangeBinder implements RequestFilterV2 {

  private final InFlight inFlight;

  ExchangeBinder(InFlight inFlight) {
    this.inFlight = inFlight;
  }

  @Override
  public String getName() {
    return "assistant-exchange-binder";
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    if (request instanceof KitRequest k) {
      inFlight.bind(k.getId(), serveEvent.getId());
    }
    return RequestFilterAction.continueWith(request);
  }

  @Override
  public boolean applyToAdmin() {
    return false;
  }

  @Override
  public boolean applyToStubs() {
    return true;
  }
}
