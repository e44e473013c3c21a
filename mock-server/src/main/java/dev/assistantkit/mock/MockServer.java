package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.mock.door.Door;
import dev.assistantkit.mock.door.DoorPolicy;
import dev.assistantkit.mock.engine.InMemoryResourceStore;
import dev.assistantkit.mock.engine.MockEngine;
import dev.assistantkit.mock.engine.ResourceStore;
import dev.assistantkit.mock.engine.Seeds;
import dev.assistantkit.mock.gate.Gate;
import dev.assistantkit.mock.gate.Served;
import dev.assistantkit.mock.proxy.Deadlines;
import dev.assistantkit.mock.proxy.ProxyRoad;
import dev.assistantkit.mock.proxy.Upstream;
import dev.assistantkit.mock.recorder.Recorder;
import dev.assistantkit.mock.recorder.Road;
import dev.assistantkit.mock.recorder.Traffic;
import dev.assistantkit.mock.tools.Readiness;
import dev.assistantkit.mock.tools.Tools;
import dev.assistantkit.mock.watch.SpecWatcher;
import dev.assistantkit.mock.wiremock.WireMockRoad;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The reference mock, assembled: the door (Jetty: bounds, decoding, masking, CORS) hands every
 * request to the gate, which chooses one road (the contract's engine, the mock's own endpoints, the
 * proxy, or WireMock for its admin API and users' stubs); the recorder keeps every answer for the
 * journal and the traffic. The port opens last, once every road can answer.
 *
 * <p>The composition root: the only class outside the WireMock adapter that names WireMock's types,
 * to hand its server to users ({@link #wireMock()}) and take their extensions.
 *
 * <p>With {@code --watch} it reads the spec again when one of its files changes, and the gate
 * serves the new contract from the next exchange on, over the same store, traffic and stubs; a spec
 * that does not load leaves the last contract that did serving, and the readiness check answers 503
 * naming the problem until an edit loads.
 */
public final class MockServer implements AutoCloseable {

  /** How much of each answer's body the traffic view keeps. */
  static final int TRAFFIC_BODY_BYTES = 64 * 1024;

  /** With no request answered, WireMock is built this long after the door opens. */
  private static final java.time.Duration WIREMOCK_QUIET = java.time.Duration.ofSeconds(1);

  /** A contract being loaded ahead of any start (see {@link #preloadContract()}); taken once. */
  private static final AtomicReference<CompletableFuture<Contract>> PRELOADED =
      new AtomicReference<>();

  private final MockConfig config;
  private final ResourceStore store;
  private final Door door;
  private final Recorder recorder;
  private final WireMockRoad wiremock;
  private final Optional<ProxyRoad> proxy;
  private final Gate gate;
  private final Optional<SpecWatcher> watcher;

  private MockServer(
      MockConfig config,
      ResourceStore store,
      Door door,
      Recorder recorder,
      WireMockRoad wiremock,
      Optional<ProxyRoad> proxy,
      Gate gate,
      Optional<SpecWatcher> watcher) {
    this.config = config;
    this.store = store;
    this.door = door;
    this.recorder = recorder;
    this.wiremock = wiremock;
    this.proxy = proxy;
    this.gate = gate;
    this.watcher = watcher;
  }

  /**
   * Starts loading the kit's contract at once, for a command line that will start a mock: the load
   * (mostly class loading) overlaps parsing the options.
   */
  static void preloadContract() {
    PRELOADED.compareAndSet(null, CompletableFuture.supplyAsync(Contract::load));
  }

  /**
   * Starts the mock on the spec of the config (the kit's openapi.yaml unless it names another).
   *
   * @param extra further WireMock extensions (for example response transformers applied globally)
   * @throws IllegalArgumentException when the seed file is unreadable or breaks the contract
   * @throws Door.Unopened when the port cannot be opened
   */
  public static MockServer start(MockConfig config, Extension... extra) {
    Contract contract;
    if (config.watch()) {
      contract = Contract.of(SpecDocument.fromFile(watchedSpec(config)), resources(config));
    } else if (config.spec().isPresent()) {
      contract = Contract.fromFile(config.spec().get(), resources(config));
    } else {
      CompletableFuture<Contract> preloaded = PRELOADED.getAndSet(null);
      contract = preloaded != null ? preloaded.join() : Contract.load();
    }
    return start(config, contract, extra);
  }

  static Contract.Resources resources(MockConfig config) {
    return config.stateful() ? Contract.Resources.INFERRED : Contract.Resources.DECLARED;
  }

  /**
   * The file {@code --watch} reads the spec from: the one given, else the kit's own openapi.yaml
   * when it is a file (run from the build's classes), not when it is inside a jar.
   */
  static Path watchedSpec(MockConfig config) {
    return watchedSpec(
        config, SpecDocument.class.getClassLoader().getResource(SpecDocument.RESOURCE));
  }

  /** As {@link #watchedSpec(MockConfig)}, the kit's spec being at {@code url}. */
  static Path watchedSpec(MockConfig config, URL url) {
    if (config.spec().isPresent()) {
      return config.spec().get();
    }
    if (url != null && url.getProtocol().equals("file")) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException e) {
        // not a path: said below
      }
    }
    throw new IllegalArgumentException(
        "--watch reads the spec again from its file, and the kit's openapi.yaml is inside the jar:"
            + " name a file with --spec, e.g. --spec openapi.yaml (the repository's)");
  }

  /**
   * Starts the mock on a loaded contract; with {@link MockConfig#watch()}, the contract must have
   * been read from files ({@link Contract#fromFile}, {@link Contract#of}), which are then watched.
   */
  public static MockServer start(MockConfig config, Contract contract, Extension... extra) {
    return start(config, contract, UnaryOperator.identity(), extra);
  }

  /**
   * Starts the mock on a loaded contract, with the door's policy tuned: for tests that hold stalled
   * bodies or clients that never read, and must not depend on how fast the machine answers the rest
   * meanwhile (longer body and idle timeouts than {@link DoorPolicy#BODY_TIMEOUT} and {@link
   * DoorPolicy#IDLE_TIMEOUT}).
   */
  static MockServer start(
      MockConfig config, Contract contract, UnaryOperator<DoorPolicy> tuning, Extension... extra) {
    return start(config, contract, tuning, WIREMOCK_QUIET, extra);
  }

  /**
   * As {@link #start(MockConfig, Contract, UnaryOperator, Extension...)}, WireMock built once the
   * first answer has gone out or {@code wireMockQuiet} after the door opens with none.
   */
  static MockServer start(
      MockConfig config,
      Contract contract,
      UnaryOperator<DoorPolicy> tuning,
      java.time.Duration wireMockQuiet,
      Extension... extra) {
    // the files as they are right after the load: an edit made while the mock starts is seen
    Optional<SpecWatcher> watcher = Optional.empty();
    if (config.watch()) {
      if (contract.spec().files().isEmpty()) {
        throw new IllegalArgumentException(
            "--watch needs a spec read from a file (--spec FILE, or Contract.fromFile)");
      }
      watcher = Optional.of(SpecWatcher.of(contract.spec().files()));
    }
    ResourceStore store =
        new InMemoryResourceStore(Seeds.load(contract, config.profile(), config.seed()));
    MockEngine engine = new MockEngine(contract, store, config.apiKeys(), config.profile());
    Door door = new Door(tuning.apply(policy(config)), contract.masker());
    WireMockRoad wiremock =
        new WireMockRoad(
            wireMockSetup(config, contract, door, extra), door::port, door::close, door.timer());
    Recorder recorder =
        new Recorder(
            engine.knowledge(),
            wiremock.journal(),
            new Traffic(config.journalSize()),
            TRAFFIC_BODY_BYTES,
            config.verbose());
    Optional<ProxyRoad> proxy =
        config
            .proxy()
            .map(
                p ->
                    new ProxyRoad(
                        contract,
                        new Upstream(
                            p.upstream(), p.timeout(), door.threads(), Deadlines.on(door.timer())),
                        p.keys(),
                        TRAFFIC_BODY_BYTES));
    Readiness readiness = new Readiness();
    Gate gate =
        new Gate(
            new Served(contract, engine, tools(config, contract, store, recorder, readiness)),
            config.latency().minMillis(),
            config.latency().maxMillis(),
            proxy,
            wiremock,
            recorder);
    try {
      door.open(config.host(), config.port(), gate, maxBodyBytes(contract));
    } catch (RuntimeException e) {
      wiremock.stop();
      proxy.ifPresent(ProxyRoad::close);
      throw e;
    }
    wiremock.warmUp(recorder.firstKept(), wireMockQuiet);
    MockServer server =
        new MockServer(config, store, door, recorder, wiremock, proxy, gate, watcher);
    if (watcher.isPresent()) {
      Reloader reloader =
          new Reloader(
              config,
              config.spec().orElse(contract.spec().files().get(0)),
              store,
              door,
              gate,
              next -> tools(config, next, store, recorder, readiness),
              readiness);
      watcher.get().start(reloader::reload);
      // POST /__admin/shutdown stops the server without close(): the watching stops with it
      server.stopped().thenRun(watcher.get()::close);
    }
    return server;
  }

  static Tools tools(
      MockConfig config,
      Contract contract,
      ResourceStore store,
      Recorder recorder,
      Readiness readiness) {
    return new Tools(
        contract,
        store,
        config.profile(),
        recorder,
        config.proxy().map(p -> "proxy to " + p.upstreamShown()).orElse("mock"),
        config.proxy().map(MockConfig.Proxy::keys).orElse(List.of()),
        readiness);
  }

  private static DoorPolicy policy(MockConfig config) {
    return DoorPolicy.of(
        config.host(),
        config.admin().token(),
        config.admin().allowFiles(),
        config.admin().allowProxy(),
        config.apiKeys(),
        config.verbose());
  }

  private static WireMockRoad.Setup wireMockSetup(
      MockConfig config, Contract contract, Door door, Extension... extra) {
    return new WireMockRoad.Setup(
        contract.operations().stream()
            .map(o -> new WireMockRoad.OperationRoute(o.method(), o.pathTemplate()))
            .toList(),
        config.journalSize(),
        config.admin().allowProxy(),
        config.verbose(),
        door::maskLog,
        List.of(extra),
        config.admin().root());
  }

  /** The largest body any operation takes: the door refuses larger ones before reading them. */
  static long maxBodyBytes(Contract contract) {
    return contract.operations().stream()
        .filter(Operation::hasBody)
        .mapToLong(o -> o.limits().maxBodyBytes())
        .max()
        .orElse(64 * 1024);
  }

  public int port() {
    return door.port();
  }

  public String baseUrl() {
    return "http://" + hostForUrl(config.host()) + ":" + port();
  }

  static String hostForUrl(String host) {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
  }

  public MockConfig config() {
    return config;
  }

  /** The contract serving now (with {@code --watch}, the last one that loaded). */
  public Contract contract() {
    return gate.served().contract();
  }

  /** The files watched ({@code --watch}): the spec's, as the last attempt to load it named them. */
  public List<Path> watchedFiles() {
    return watcher.map(SpecWatcher::files).orElse(List.of());
  }

  /**
   * The mock's operations as the generated Java API (openapi-generator's interface), for code in
   * the same JVM: the same engine and state as HTTP, without a socket (the engine of the contract
   * serving when asked).
   */
  public TypedApi api() {
    return new TypedApi(gate.served().engine(), config.apiKeys().get(0));
  }

  /** The WireMock server, for adding stubs in code (the admin API at /__admin does the same). */
  public WireMockServer wireMock() {
    return wiremock.server();
  }

  /** Whether WireMock was built (it is, when first needed). */
  boolean wireMockBuilt() {
    return wiremock.built();
  }

  ResourceStore store() {
    return store;
  }

  Door door() {
    return door;
  }

  /** How many exchanges a road was given so far. */
  long answered(Road road) {
    return gate.answered(road);
  }

  /** The exchanges of the API the mock answered, judged when read (as {@code /__mock/traffic}). */
  public Traffic traffic() {
    return recorder.traffic();
  }

  /**
   * Back to the seeded state, with an empty request journal and no traffic, as {@code POST
   * /__mock/reset}; users' stubs stay.
   */
  public void reset() {
    store.reset();
    recorder.clear();
  }

  /** The ids the seed put in place, by resource name (for the banner and tests). */
  public Map<String, List<String>> seededIds() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ResourceModel m : contract().resources()) {
      out.put(m.name(), store.all(m.name()).stream().map(ResourceState::id).toList());
    }
    return out;
  }

  /** The token the admin surface requires: given, or made at start when bound beyond loopback. */
  public Optional<String> adminToken() {
    return door.policy().adminToken();
  }

  /** Completes once the server has stopped: {@link #close()}, or {@code POST /__admin/shutdown}. */
  public CompletableFuture<Void> stopped() {
    return door.stopped();
  }

  @Override
  public void close() {
    watcher.ifPresent(SpecWatcher::close);
    wiremock.stop(); // stops the door too
    door.close();
    proxy.ifPresent(ProxyRoad::close);
  }
}
