package dev.assistantkit.mock.wiremock;

import com.github.tomakehurst.wiremock.common.Notifier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock's messages through SLF4J; its informational ones (which describe requests) only when
 * verbose. WireMock only ever sees requests masked by the door; every message is masked here once
 * more, as a second line: secret JSON properties, bearer and basic credentials, and the known
 * secrets (API keys, admin token) in any encoding. A throwable is named, never printed: its message
 * or stack could quote a request.
 */
final class WireMockNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final boolean verbose;
  private final UnaryOperator<String> mask;

  WireMockNotifier(boolean verbose, UnaryOperator<String> mask) {
    this.verbose = verbose;
    this.mask = mask;
  }

  @Override
  public void info(String message) {
    if (verbose) {
      LOG.info(mask.apply(message));
    }
  }

  @Override
  public void error(String message) {
    LOG.error(mask.apply(message));
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.error("{} ({})", mask.apply(message), t.getClass().getName());
  }
}
