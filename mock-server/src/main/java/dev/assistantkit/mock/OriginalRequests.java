package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.ApiRequest;
import java.util.Optional;

/**
 * The request of a serve event as the client sent it (WireMock holds it masked). The one place the
 * mock's extensions get it from.
 */
final class OriginalRequests {

  private OriginalRequests() {}

  static Optional<ApiRequest> of(ServeEvent event) {
    return CredentialFilter.peek(event).map(CredentialFilter.Original::request);
  }
}
