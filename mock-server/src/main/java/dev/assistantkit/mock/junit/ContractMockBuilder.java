package dev.assistantkit.mock.junit;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The options of a {@link ContractMockExtension}: those of {@link ContractMockTest}, and a fixed
 * port. Made by {@link ContractMockExtension#builder()}.
 */
public final class ContractMockBuilder {

  private Optional<Path> spec = Optional.empty();
  private List<String> apiKeys = List.of();
  private Profile profile = Profile.STRICT;
  private boolean failOnViolations = true;
  private int port;
  private UnaryOperator<MockConfig> configure = UnaryOperator.identity();

  ContractMockBuilder() {}

  /** The OpenAPI document to serve instead of the kit's. */
  public ContractMockBuilder spec(Path file) {
    this.spec = Optional.of(file);
    return this;
  }

  /** The bearer tokens (or API keys) the mock accepts instead of {@code mock-dev-key}. */
  public ContractMockBuilder apiKeys(String... keys) {
    this.apiKeys = List.of(keys);
    return this;
  }

  /** The profile the mock enforces and judges by (default {@code strict}). */
  public ContractMockBuilder profile(Profile newProfile) {
    this.profile = Objects.requireNonNull(newProfile, "profile");
    return this;
  }

  /** {@code strict} or {@code documented}, as the mock's {@code --profile}. */
  public ContractMockBuilder profile(String name) {
    return profile(Profile.parse(name));
  }

  /** Whether a test whose requests broke a rule fails after it ran (default true). */
  public ContractMockBuilder failOnViolations(boolean on) {
    this.failOnViolations = on;
    return this;
  }

  /** A fixed port on 127.0.0.1 (default 0: a free one). */
  public ContractMockBuilder port(int fixedPort) {
    if (fixedPort < 0 || fixedPort > 65535) {
      throw new IllegalArgumentException("a port is 0 (a free one) to 65535, got " + fixedPort);
    }
    this.port = fixedPort;
    return this;
  }

  /**
   * Anything else the mock is started with (a seed file, latency, journal size, WireMock's root),
   * applied last to the config the options above make.
   */
  public ContractMockBuilder configure(UnaryOperator<MockConfig> change) {
    UnaryOperator<MockConfig> before = this.configure;
    UnaryOperator<MockConfig> after = Objects.requireNonNull(change, "change");
    this.configure = c -> after.apply(before.apply(c));
    return this;
  }

  public ContractMockExtension build() {
    return new ContractMockExtension(
        new ContractMockExtension.MockSettings(
            spec, apiKeys, profile, failOnViolations, port, configure));
  }
}
