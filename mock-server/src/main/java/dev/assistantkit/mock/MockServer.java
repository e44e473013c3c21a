package dev.assistantkit.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.client.ApacheHttpClientFactory;
import com.github.tomakehurst.wiremock.http.client.LazyHttpClient;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.Operation;
import dev.assistantkit.contract.ResourceModel;
import dev.assistantkit.contract.ResourceState;
import dev.assistantkit.mock.traffic.Traffic;
import dev.assistantkit.mock.traffic.TrafficViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reference mock: WireMock with the contract on a low-priority stub per operation of the spec
 * (and on the fallback for every other path), the state endpoints under {@code /__mock}, and the
 * docs under {@code /docs}. Its stubs are in place before the port opens.
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

  private MockServer(
      WireMockServer wireMock,
      MockConfig config,
      Contract contract,
      ResourceStore store,
      MockEngine engine) {
    this.wireMock = wireMock;
    this.config = config;
    this.contract = contract;
    this.store = store;
    this.engine = engine;
  }

  /**
   * The mock's operations as the generated Java API (openapi-generator's interface), for code in
   * the same JVM: the same engine and state as HTTP, without a socket.
   */
  public TypedApi api() {
    return new TypedApi(engine, config.apiKeys().get(0));
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
    TrafficViews views = new TrafficViews(contract, config.profile(), "mock");
    WireMockServer[] self = new WireMockServer[1];
    // extra extensions first: a caller's request filter sees the request as the client sent it
    List<Extension> extensions = new ArrayList<>(List.of(extra));
    OwnStubs own = new OwnStubs();
    extensions.add(own);
    // before the credential filter: its clean-up after a request comes after the recording
    MockEngine engine = new MockEngine(contract, store, config);
    extensions.add(new TrafficRecorder(contract, engine.knowledge(), traffic, TRAFFIC_BODY_BYTES));
    extensions.add(new CredentialFilter(contract, config.apiKeys()));
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
            views));
    extensions.add(new DocsTransformer(contract));
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress(config.host())
            .port(config.port())
            .extensions(extensions.toArray(Extension[]::new))
            .stubCorsEnabled(true)
            .notifier(new MockNotifier(config.verbose(), contract, config.apiKeys()))
            .gzipDisabled(true)
            // WireMock would log each request as it arrived, secrets included, and formats it even
            // when nothing is printed: the contract transformer logs requests itself (--verbose)
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
    options.withStores(BoundedJournalStore.stores(options.filesRoot(), config.journalSize()));
    WireMockServer server = new WireMockServer(options);
    self[0] = server;
    // the stubs first, the port last: no request is answered before the contract is in place
    own.install(server, stubs(contract));
    server.start();
    return new MockServer(server, config, contract, store, engine);
  }

  /** The mock's own stubs: one per operation, /__mock, /docs and the fallback. */
  private static List<StubMapping> stubs(Contract contract) {
    List<StubMapping> out = new ArrayList<>();
    for (Operation op : contract.operations()) {
      out.add(
          request(op.method(), urlPathTemplate(op.pathTemplate()))
              .atPriority(CONTRACT_PRIORITY)
              .willReturn(aResponse().withTransformers(ContractTransformer.NAME))
              .withName("contract: " + op.method() + " " + op.pathTemplate())
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

  /** The WireMock server, for adding stubs in code (the admin API at /__admin does the same). */
  public WireMockServer wireMock() {
    return wireMock;
  }

  ResourceStore store() {
    return store;
  }

  /** The ids the seed put in place, by resource name (for the banner and tests). */
  public Map<String, List<String>> seededIds() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ResourceModel m : contract.resources()) {
      out.put(m.name(), store.all(m.name()).stream().map(ResourceState::id).toList());
    }
    return out;
  }

  @Override
  public void close() {
    wireMock.stop();
  }
}
