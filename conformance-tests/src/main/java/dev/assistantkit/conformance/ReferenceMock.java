package dev.assistantkit.conformance;

import dev.assistantkit.contract.inprocess.ReferenceMockProvider;
import dev.assistantkit.contract.inprocess.StartedMock;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The in-process target: the reference mock, started when no base URL is given. The suite carries
 * no mock: it finds one through {@link ServiceLoader} when the mock module is on the class path
 * (its own tests, a Java team's build, {@code java -cp conformance-tests.jar:mock-server.jar}), and
 * otherwise says how to run ({@link #MISSING}).
 */
final class ReferenceMock {

  /** Why a run without a base URL cannot start when no mock is on the class path. */
  static final String MISSING =
      "no --base-url, and no reference mock on the class path to check in-process:"
          + " give --base-url URL (with --api-key and --assistant-id) to check a server,"
          + " or put mock-server.jar on the class path:"
          + " java -cp conformance-tests.jar:mock-server.jar"
          + " dev.assistantkit.conformance.ConformanceMain [options]";

  private ReferenceMock() {}

  /** The mock's provider, when the mock module is on the class path. */
  static Optional<ReferenceMockProvider> provider() {
    return ServiceLoader.load(ReferenceMockProvider.class).findFirst();
  }

  /**
   * Starts the mock on a free local port with the spec (the kit's unless one is given), accepting
   * the key (its development key when none is given), with the resource present: the given id, or
   * the first seeded one.
   *
   * @throws IllegalStateException when no mock is on the class path ({@link #MISSING})
   */
  static StartedMock start(String apiKey, Optional<String> resourceId, Optional<Path> spec) {
    return provider()
        .orElseThrow(() -> new IllegalStateException(MISSING))
        .start(apiKey, resourceId, spec);
  }
}
