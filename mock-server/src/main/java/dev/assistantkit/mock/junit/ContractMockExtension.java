package dev.assistantkit.mock.junit;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The contract mock in a JUnit 5 test: started before the tests that use it (on a free port of
 * 127.0.0.1 unless a port is given), reset before each test, checked after each, stopped after.
 *
 * <p>{@link ContractMockTest} registers one with the annotation's options. Registered by hand, it
 * takes a fixed port or gives a class several mocks:
 *
 * <pre>{@code
 * @RegisterExtension
 * static ContractMockExtension mock =
 *     ContractMockExtension.builder().port(18080).apiKeys("test-key").build();
 *
 * @Test
 * void updates() {
 *   client = new MyClient(mock.baseUrl(), "test-key");
 *   ...
 * }
 * }</pre>
 *
 * A {@code static} field's mock serves the whole class; an instance field's, one test. Tests that
 * share a mock run one at a time (each waits for the one before to end), so that what a test's
 * requests broke is its own.
 */
public final class ContractMockExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  /**
   * The options a mock is started with.
   *
   * @param spec another OpenAPI document than the kit's
   * @param apiKeys the keys accepted; empty: the development key
   * @param profile what the mock enforces and judges by
   * @param failOnViolations whether a test whose requests broke a rule fails
   * @param port 0 for a free one
   * @param configure anything else, applied last
   */
  record MockSettings(
      Optional<Path> spec,
      List<String> apiKeys,
      Profile profile,
      boolean failOnViolations,
      int port,
      UnaryOperator<MockConfig> configure) {

    MockSettings {
      apiKeys = List.copyOf(apiKeys);
    }

    static MockSettings of(ContractMockTest a) {
      return new MockSettings(
          a.spec().isBlank() ? Optional.empty() : Optional.of(Path.of(a.spec())),
          Arrays.asList(a.apiKeys()),
          Profile.parse(a.profile()),
          a.failOnViolations(),
          0,
          UnaryOperator.identity());
    }

    static final MockSettings DEFAULTS =
        new MockSettings(
            Optional.empty(), List.of(), Profile.STRICT, true, 0, UnaryOperator.identity());

    MockConfig config() {
      MockConfig c = MockConfig.defaults().withPort(port).withProfile(profile);
      if (!apiKeys.isEmpty()) {
        c = c.withApiKeys(apiKeys);
      }
      if (spec.isPresent()) {
        c = c.withSpec(spec.get());
      }
      return configure.apply(c);
    }
  }

  /** A started mock, and the permit a test holds while it uses it. */
  private static final class RunningMock {
    final MockServer server;
    final ContractMockInfo info;
    final boolean failOnViolations;
    final Semaphore permit = new Semaphore(1, true);

    RunningMock(MockServer server, boolean failOnViolations) {
      this.server = server;
      this.info = new ContractMockInfo(server);
      this.failOnViolations = failOnViolations;
    }
  }

  /** The kit's own contract, loaded once for every mock of the JVM that serves it. */
  private static final AtomicReference<CompletableFuture<Contract>> KIT_CONTRACT =
      new AtomicReference<>();

  private static final String MOCK = "mock";
  private static final String STARTED_IN = "started-in ";

  /** null: the options of the test class's {@link ContractMockTest} (or the defaults). */
  private final MockSettings given;

  private volatile RunningMock current;

  /**
   * With the options of the test class's {@link ContractMockTest}, or the defaults when it has
   * none: what {@code @ContractMockTest} and {@code @ExtendWith} use.
   */
  public ContractMockExtension() {
    this(null);
  }

  ContractMockExtension(MockSettings given) {
    this.given = given;
  }

  /** The options of a mock to register with {@code @RegisterExtension}. */
  public static ContractMockBuilder builder() {
    return new ContractMockBuilder();
  }

  /**
   * The mock this extension started, while it runs (from the first test that uses it to the end of
   * the class).
   *
   * @throws IllegalStateException before it started or after it stopped
   */
  public ContractMockInfo info() {
    RunningMock r = current;
    if (r == null) {
      throw new IllegalStateException(
          "the contract mock is not running: it starts before the tests of the class (a static"
              + " @RegisterExtension field) or before each test (an instance field)");
    }
    return r.info;
  }

  /** {@code http://127.0.0.1:PORT} of the running mock. */
  public String baseUrl() {
    return info().baseUrl();
  }

  /** The port of the running mock. */
  public int port() {
    return info().port();
  }

  // ------------------------------------------------------------------ lifecycle

  @Override
  public void beforeAll(ExtensionContext context) {
    if (find(context) == null) {
      start(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopIfStartedIn(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws InterruptedException {
    RunningMock r = find(context);
    if (r == null) {
      r = start(context); // an instance field's: one mock for this test
    }
    r.permit.acquire();
    try {
      r.server.reset();
    } catch (RuntimeException | Error e) {
      r.permit.release();
      throw e;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RunningMock r = find(context);
    if (r == null) {
      return;
    }
    try {
      if (r.failOnViolations) {
        List<JudgedExchange> broke =
            r.info.traffic().stream().filter(x -> !x.broken().isEmpty()).toList();
        if (!broke.isEmpty()) {
          throw new AssertionError(failure(broke, r.info.profile()));
        }
      }
    } finally {
      r.permit.release();
      stopIfStartedIn(context);
    }
  }

  /** The message of a test whose requests broke rules: each request, and what it broke. */
  static String failure(List<JudgedExchange> broke, Profile profile) {
    StringBuilder out =
        new StringBuilder()
            .append(broke.size())
            .append(broke.size() == 1 ? " request" : " requests")
            .append(" of this test broke rules of the contract (profile ")
            .append(profile.wireName())
            .append("):");
    int n = 0;
    for (JudgedExchange x : broke) {
      out.append("\n  ").append(++n).append(". ").append(x.describe());
    }
    out.append(
        "\nA test that sends such requests on purpose reads them with ContractMockInfo.violations()"
            + " under @ContractMockTest(failOnViolations = false).");
    return out.toString();
  }

  // ------------------------------------------------------------------ parameters

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ContractMockInfo.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RunningMock r = find(context);
    if (r == null) {
      throw new ParameterResolutionException(
          "the contract mock is not running yet: a ContractMockInfo parameter is for test methods,"
              + " lifecycle methods and (with a static extension or @ContractMockTest)"
              + " constructors");
    }
    return r.info;
  }

  // ------------------------------------------------------------------ the mock

  private ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(ExtensionContext.Namespace.create(ContractMockExtension.class, this));
  }

  /** The mock of this extension that serves the context (its own, or an enclosing one's). */
  private RunningMock find(ExtensionContext context) {
    return store(context).get(MOCK, RunningMock.class);
  }

  private RunningMock start(ExtensionContext context) {
    MockSettings s = settings(context);
    MockConfig config = s.config();
    MockServer server =
        config.spec().isPresent()
            ? MockServer.start(config)
            : MockServer.start(config, kitContract());
    RunningMock r = new RunningMock(server, s.failOnViolations());
    store(context).put(MOCK, r);
    store(context).put(STARTED_IN + context.getUniqueId(), r);
    current = r;
    return r;
  }

  private void stopIfStartedIn(ExtensionContext context) {
    RunningMock r = store(context).remove(STARTED_IN + context.getUniqueId(), RunningMock.class);
    if (r != null) {
      store(context).remove(MOCK);
      if (current == r) {
        current = null;
      }
      r.server.close();
    }
  }

  private MockSettings settings(ExtensionContext context) {
    if (given != null) {
      return given;
    }
    return context
        .getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, ContractMockTest.class))
        .map(MockSettings::of)
        .orElse(MockSettings.DEFAULTS);
  }

  private static Contract kitContract() {
    CompletableFuture<Contract> loading = new CompletableFuture<>();
    CompletableFuture<Contract> witness = KIT_CONTRACT.compareAndExchange(null, loading);
    CompletableFuture<Contract> won = witness == null ? loading : witness;
    if (won == loading) {
      try {
        loading.complete(Contract.load());
      } catch (RuntimeException | Error e) {
        KIT_CONTRACT.set(null);
        loading.completeExceptionally(e);
      }
    }
    return won.join();
  }
}
