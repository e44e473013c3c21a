package dev.assistantkit.contract.inprocess;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the reference mock in this JVM, for the conformance suite run without a base URL. The mock
 * module implements it and registers the implementation in {@code
 * META-INF/services/dev.assistantkit.contract.inprocess.ReferenceMockProvider}; the suite finds it
 * with {@link java.util.ServiceLoader} when the mock is on the class path (the suite's own tests, a
 * Java team's build, or {@code java -cp conformance-tests.jar:mock-server.jar}). So the suite's jar
 * carries no mock, and neither module depends on the other.
 */
public interface ReferenceMockProvider {

  /**
   * Starts the mock on a free port of 127.0.0.1.
   *
   * @param apiKey the key it accepts; blank: its development key
   * @param resourceId the resource that must exist (created when its seed lacks it); empty: the
   *     first seeded one
   * @param spec the document it serves; empty: the kit's openapi.yaml
   * @throws IllegalStateException when it cannot start with these (a spec that seeds no resource)
   */
  StartedMock start(String apiKey, Optional<String> resourceId, Optional<Path> spec);
}
