package dev.assistantkit.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockApp;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.RequestListener;
import com.github.tomakehurst.wiremock.http.client.ApacheHttpClientFactory;
import com.github.tomakehurst.wiremock.http.client.LazyHttpClient;
import com.github.tomakehurst.wiremock.standalone.JsonFileMappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.mock.edge.Edge;
import dev.assistantkit.mock.edge.EdgePolicy;
import dev.assistantkit.mock.proxy.UpstreamProxy;
import dev.assistantkit.mock.traffic.Traffic;
import dev.assistantkit.mock.traffic.TrafficViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reference mock: WireMock behind the mock's HTTP edge, with the contract on a low-priority
 * stub per operation of the spec (and on the fallback for every other path), the state and traffic
 * endpoints under {@code /__mock}, and the docs under {@code /docs}. Its stubs are in place before
 * the port opens, and the edge holds requests until the mock can answer them correctly.
 */
public final class MockServer implements AutoCloseable {

  /** Priority of the contract stubs: below WireMock's default (5), so users' stubs win. */
  static final int CONTRACT_PRIORITY = 10;

  /** Priority of /__mock and /docs: their URLs never overlap the operations'. */
  static final int TOOLS_PRIORITY = 20;

  /** Priority of the engine's answer for every other path (404 or 405 in the error shape). */
  static final int FALLBACK_PRIORITY = 100;

  /** How much of each answer's body the traffic view keeps. */
  static final int TRAFFIC_BODY_BYTES = 64 * 1024;

  /** A contract being loaded ahead of any start (see {@link #preloadContract()}); taken once. */
  private static final AtomicReference<CompletableFuture<Contract>> PRELOADED =
      new AtomicReference<>();

  private final WireMockServer wireMock;
  private final MockConfig config;
  private final Contract contract;
  private final ResourceStore store;
  private final MockEngine engine;
  private final Edge edge;
  private final Traffic traffic;
  private final Optional<UpstreamProxy> upstream;
  private final Optional<DirectAnswers> direct;

  private MockServer(
      WireMockServer wireMock,
      MockConfig config,
      Contract contract,
      ResourceStore store,
      MockEngine engine,
      Edge edge,
      Traffic traffic,
      Optional<UpstreamProxy> upstream,
      Optional<DirectAnswers> direct) {
    this.wireMock = wireMock;
    this.config = config;
    this.contract = contract;
    this.store = store;
    this.engine = engine;
    this.edge = edge;
    this.traffic = traffic;
    this.upstream = upstream;
    this.direct = direct;
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
   * @throws com.github.tomakehurst.wiremock.common.FatalStartupException when the port is taken
   */
  public static MockServer start(MockConfig config, Extension... extra) {
    Contract contract;
    if (config.spec().isPresent()) {
      contract = Contract.fromFile(config.spec().get());
    } else {
      CompletableFuture<Contract> preloaded = PRELOADED.getAndSet(null);
      contract = preloaded != null ? preloaded.join() : Contract.load();
    }
    return start(config, contract, extra);
  }

  /** Starts the mock on a loaded contract. */
  public static MockServer start(MockConfig config, Contract contract, Extension... extra) {
    ResourceStore store = new InMemoryResourceStore(Seeds.load(contract, config));
    Traffic traffic = new Traffic(config.journalSize());
    MockEngine engine = new MockEngine(contract, store, config);
    WireMockServer[] self = new WireMockServer[1];
    // the edge reads, bounds and masks every request before WireMock sees it (edge.EdgeHandler)
    Edge edge =
        new Edge(
            EdgePolicy.of(
                config.host(),
                config.admin().token(),
                config.admin().allowFiles(),
                config.admin().allowProxy(),
                config.apiKeys(),
                config.verbose()));
    OwnStubs own = new OwnStubs(config.admin().allowProxy());
    own.define(ownStubs(contract));
    // extra extensions first: a caller's request filter sees the request as the client sent it
    List<Extension> extensions = new ArrayList<>(List.of(extra));
    extensions.add(own);
    extensions.add(new TrafficRecorder(contract, engine.knowledge(), traffic, TRAFFIC_BODY_BYTES));
    extensions.add(new ContractTransformer(engine, config));
    extensions.add(
        new AdminTransformer(
            contract,
            store,
            config.profile(),
            () -> {
              self[0].resetRequests();
              traffic.clear();
            },
            traffic,
            new TrafficViews(
                contract,
                config.profile(),
                config.proxy().map(p -> "proxy to " + p.upstreamShown()).orElse("mock"))));
    extensions.add(new DocsTransformer(contract));
    extensions.add(edge.answers());
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress(config.host())
            .port(config.port())
            .extensions(extensions.toArray(Extension[]::new))
            .httpServerFactory(edge.serverFactory())
            .adminAuthenticator(edge.adminAuthenticator())
            .notifier(new MockNotifier(config.verbose(), edge::maskLog))
            .gzipDisabled(true)
            // WireMock would log each request as it arrived, and formats it even when nothing is
            // printed: the edge logs every answer itself, masked (--verbose)
            .stubRequestLoggingDisabled(true)
            .jettyAcceptors(1)
            // WireMock builds its proxy clients (Apache HttpClient, TLS) at start, used only by
            // proxy stubs: built on first use instead, start-up is 150-200 ms shorter
            .httpClientFactory(
                (opts, trustAll, trustedHosts, systemProperties) ->
                    new LazyHttpClient(
                        () ->
                            new ApacheHttpClientFactory()
                                .buildHttpClient(opts, trustAll, trustedHosts, systemProperties)));
    // the journal bounds itself (config.journalSize()); WireMock is given no bound to enforce
    BoundedJournalStore journal = new BoundedJournalStore(config.journalSize());
    options.withStores(journal.stores(options.filesRoot()));
    // saved and reloaded mappings never include the mock's own stubs
    options.mappingSource(
        own.mappingsSource(
            new JsonFileMappingsSource(
                options.filesRoot().child(WireMockApp.MAPPINGS_ROOT), options.getFilenameMaker())));
    // requests for an operation are answered without WireMock's per-request work while it would
    // answer them the same (DirectAnswers): not with extensions of a caller's, a delay or --verbose
    boolean direct =
        extra.length == 0
            && config.latency().maxMillis() == 0
            && !config.verbose()
            && config.proxy().isEmpty();
    DirectAnswers[] directAnswers = new DirectAnswers[1];
    WireMockServer server =
        new WireMockServer(options) {
          @Override
          public void addMockServiceRequestListener(RequestListener listener) {
            if (directAnswers[0] != null) {
              directAnswers[0].off(); // a listener sees every request: WireMock answers them all
            }
            super.addMockServiceRequestListener(listener);
          }
        };
    self[0] = server;
    Optional<UpstreamProxy> upstream =
        config.proxy().map(p -> new UpstreamProxy(p.upstream(), p.timeout(), TRAFFIC_BODY_BYTES));
    upstream.ifPresent(
        u ->
            edge.forwardTo(
                new ProxyForwarder(
                    contract, u, config.proxy().get().keys(), traffic, TRAFFIC_BODY_BYTES)));
    // the stubs first, the port last; the edge holds requests until it is opened
    own.install(server);
    if (direct) {
      directAnswers[0] =
          new DirectAnswers(
              engine,
              own,
              journal,
              traffic,
              TRAFFIC_BODY_BYTES,
              () -> server.getGlobalSettings().getSettings());
      edge.answerDirectly(directAnswers[0]);
    }
    server.start();
    edge.open(contract.masker(), maxBodyBytes(contract));
    return new MockServer(
        server,
        config,
        contract,
        store,
        engine,
        edge,
        traffic,
        upstream,
        Optional.ofNullable(directAnswers[0]));
  }

  /** The largest body any operation takes: the edge refuses larger ones before reading them. */
  private static long maxBodyBytes(Contract contract) {
    return contract.operations().stream()
        .filter(Operation::hasBody)
        .mapToLong(o -> o.limits().maxBodyBytes())
        .max()
        .orElse(64 * 1024);
  }

  /** The mock's own stubs: one per operation, /__mock, /docs and the fallback. */
  private static List<StubMapping> ownStubs(Contract contract) {
    List<StubMapping> out = new ArrayList<>();
    for (Operation op : contract.operations()) {
      out.add(
          request(op.method(), urlPathTemplate(op.pathTemplate()))
              .atPriority(CONTRACT_PRIORITY)
              .willReturn(aResponse().withTransformers(ContractTransformer.NAME))
              .withName(contractStubName(op))
              .build());
    }
    out.add(
        any(urlPathMatching("/__mock(/.*)?"))
            .atPriority(TOOLS_PRIORITY)
            .willReturn(aResponse().withTransformers(AdminTransformer.NAME))
            .withName("mock state")
            .build());
    out.add(
        get(urlPathMatching("/docs(/.*)?|/openapi\\.yaml"))
            .atPriority(TOOLS_PRIORITY)
            .willReturn(aResponse().withTransformers(DocsTransformer.NAME))
            .withName("mock docs")
            .build());
    out.add(
        any(anyUrl())
            .atPriority(FALLBACK_PRIORITY)
            .willReturn(aResponse().withTransformers(ContractTransformer.NAME))
            .withName("contract: every other path")
            .build());
    return out;
  }

  /** The name of an operation's contract stub (WireMock sends it as Matched-Stub-Name). */
  static String contractStubName(Operation op) {
    return "contract: " + op.method() + " " + op.pathTemplate();
  }

  public int port() {
    return wireMock.port();
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

  public Contract contract() {
    return contract;
  }

  /**
   * The mock's operations as the generated Java API (openapi-generator's interface), for code in
   * the same JVM: the same engine and state as HTTP, without a socket.
   */
  public TypedApi api() {
    return new TypedApi(engine, config.apiKeys().get(0));
  }

  /** The WireMock server, for adding stubs in code (the admin API at /__admin does the same). */
  public WireMockServer wireMock() {
    return wireMock;
  }

  ResourceStore store() {
    return store;
  }

  /** How many API requests were answered without WireMock ({@link DirectAnswers}). */
  long directlyAnswered() {
    return direct.map(DirectAnswers::answered).orElse(0L);
  }

  Edge edge() {
    return edge;
  }

  Traffic traffic() {
    return traffic;
  }

  /** The ids the seed put in place, by resource name (for the banner and tests). */
  public Map<String, List<String>> seededIds() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ResourceModel m : contract.resources()) {
      out.put(m.name(), store.all(m.name()).stream().map(ResourceState::id).toList());
    }
    return out;
  }

  /** The token the admin surface requires: given, or made at start when bound beyond loopback. */
  public Optional<String> adminToken() {
    return edge.policy().adminToken();
  }

  /** Completes once the server has stopped: {@link #close()}, or {@code POST /__admin/shutdown}. */
  public CompletableFuture<Void> stopped() {
    return edge.stopped();
  }

  @Override
  public void close() {
    wireMock.stop();
    upstream.ifPresent(UpstreamProxy::close);
  }
}
