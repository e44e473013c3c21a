package dev.assistantkit.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.junit.ContractMockTestExampleTest.AssistantClient;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@link ContractMockExtension} registered by hand: several mocks, options, a fixed port. */
class ContractMockExtensionTest {

  static final String EXAMPLE = ContractMockTestExampleTest.EXAMPLE;

  @RegisterExtension
  static final ContractMockExtension STRICT =
      ContractMockExtension.builder().apiKeys("key-a").failOnViolations(false).build();

  @RegisterExtension
  static final ContractMockExtension DOCUMENTED =
      ContractMockExtension.builder()
          .apiKeys("key-b", "key-c")
          .profile("documented")
          .failOnViolations(false)
          .build();

  @Test
  void each_mock_has_its_own_port_keys_and_profile() throws Exception {
    assertNotEquals(STRICT.port(), DOCUMENTED.port());
    assertEquals(Profile.STRICT, STRICT.info().profile());
    assertEquals(Profile.DOCUMENTED, DOCUMENTED.info().profile());
    assertEquals(200, new AssistantClient(STRICT.baseUrl(), "key-a").rename(EXAMPLE, "a"));
    assertEquals(401, new AssistantClient(STRICT.baseUrl(), "key-b").rename(EXAMPLE, "b"));
    assertEquals(200, new AssistantClient(DOCUMENTED.baseUrl(), "key-c").rename(EXAMPLE, "c"));
    assertEquals(List.of("auth.bearer"), STRICT.info().violations());
    assertEquals(List.of(), DOCUMENTED.info().violations());
  }

  @Test
  void the_mocks_are_reset_before_each_test_too() {
    assertEquals(List.of(), STRICT.info().traffic());
    assertEquals(List.of(), DOCUMENTED.info().traffic());
  }

  /**
   * A sample: one mock on a port given, for the test below (an instance field, so that each run of
   * the sample reads the port chosen for it).
   */
  @ExtendWith(SamplesOnly.class)
  static class OnAFixedPort {
    @RegisterExtension
    final ContractMockExtension mock = ContractMockExtension.builder().port(FreePort.port).build();

    @Test
    void listens_there() throws Exception {
      assertEquals(FreePort.port, mock.port());
      assertEquals(200, new AssistantClient(mock.baseUrl(), "mock-dev-key").rename(EXAMPLE, "p"));
    }
  }

  /** Set before the sample's class (and so its mock) is made. */
  static final class FreePort {
    static volatile int port;
  }

  /**
   * A port found free is released before the mock binds it, and another process may take it in
   * between: only that (the bind refused) is tried again, on another port, a few times at most.
   */
  @Test
  void a_fixed_port() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        FreePort.port = free.getLocalPort();
      }
      Events tests =
          EngineTestKit.engine("junit-jupiter")
              .configurationParameter(SamplesOnly.PARAMETER, "true")
              .selectors(selectClass(OnAFixedPort.class))
              .execute()
              .testEvents();
      boolean taken =
          tests.failed().stream()
              .flatMap(e -> e.getPayload(TestExecutionResult.class).stream())
              .flatMap(r -> r.getThrowable().stream())
              .anyMatch(ContractMockExtensionTest::bindRefused);
      if (!taken || attempt == 5) {
        tests.assertStatistics(s -> s.started(1).succeeded(1));
        return;
      }
    }
  }

  private static boolean bindRefused(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BindException
          || String.valueOf(c.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  /** A sample: an instance field's mock serves one test and stops after it. */
  @ExtendWith(SamplesOnly.class)
  static class PerTest {
    static final java.util.Set<Integer> PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @RegisterExtension final ContractMockExtension mock = ContractMockExtension.builder().build();

    @Test
    void one() {
      PORTS.add(mock.port());
    }

    @Test
    void two() {
      PORTS.add(mock.port());
    }
  }

  @Test
  void an_instance_field_starts_a_mock_for_each_test() {
    PerTest.PORTS.clear();
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SamplesOnly.PARAMETER, "true")
        .selectors(selectClass(PerTest.class))
        .execute()
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));
    assertEquals(2, PerTest.PORTS.size(), PerTest.PORTS.toString());
  }

  @Test
  void the_options_are_checked() {
    assertThrows(IllegalArgumentException.class, () -> ContractMockExtension.builder().port(-1));
    assertThrows(
        IllegalArgumentException.class, () -> ContractMockExtension.builder().profile("lenient"));
    assertThrows(IllegalStateException.class, () -> ContractMockExtension.builder().build().info());
  }
}
