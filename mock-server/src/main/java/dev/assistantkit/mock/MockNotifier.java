package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.common.Notifier;
import dev.assistantkit.contract.SecretMasker;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock's messages through SLF4J; request details only when verbose. WireMock only ever sees
 * requests masked ({@link CredentialFilter}); every message is masked here too, as a second line:
 * bearer and basic credentials, the configured keys, and secret JSON properties.
 */
final class MockNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final boolean verbose;
  private final SecretMasker masker;
  private final List<String> keys;

  MockNotifier(boolean verbose, dev.assistantkit.contract.Contract contract, List<String> keys) {
    this.verbose = verbose;
    this.masker = contract.masker();
    this.keys = List.copyOf(keys);
  }

  private String mask(String message) {
    return masker.maskKnown(message, keys);
  }

  @Override
  public void info(String message) {
    if (verbose) {
      LOG.info(mask(message));
    }
  }

  @Override
  public void error(String message) {
    LOG.error(mask(message));
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.error("{} ({})", mask(message), t.getClass().getName());
  }
}
