package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock's messages through SLF4J; request details only when verbose. Requests reach WireMock
 * with their secrets already masked by {@link CredentialFilter}.
 */
final class MockNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final boolean verbose;

  MockNotifier(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public void info(String message) {
    if (verbose) {
      LOG.info(message);
    }
  }

  @Override
  public void error(String message) {
    LOG.error(message);
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.error("{} ({})", message, t.getClass().getName());
  }
}
