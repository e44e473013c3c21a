package dev.assistantkit.mock.edge;

import dev.assistantkit.contract.masking.SecretMasker;
import java.util.Optional;

/**
 * What the edge knows of the request WireMock is handling on this thread: the request as sent
 * ({@link ReceivedRequest#current()}), the masker of this request, and the Authorization value the
 * edge put in WireMock's view. Set just before WireMock handles the request, cleared in a finally.
 */
final class Exchange {

  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  final SecretMasker masker;
  final String handedAuthorization;

  private Exchange(SecretMasker masker, String handedAuthorization) {
    this.masker = masker;
    this.handedAuthorization = handedAuthorization;
  }

  static void enter(ReceivedRequest request, SecretMasker masker, String handedAuthorization) {
    ReceivedRequest.CURRENT.set(request);
    CURRENT.set(new Exchange(masker, handedAuthorization));
  }

  static void exit() {
    ReceivedRequest.CURRENT.remove();
    CURRENT.remove();
  }

  static Optional<Exchange> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
