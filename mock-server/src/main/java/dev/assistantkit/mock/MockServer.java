package dev.assistantkit.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockApp;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.client.ApacheHttpClientFactory;
import com.github.tomakehurst.wiremock.http.client.LazyHttpClient;
import com.github.tomakehurst.wiremock.standalone.JsonFileMappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.mock.edge.Edge;
import dev.assistantkit.mock.edge.EdgePolicy;
import dev.assistantkit.mock.edge.EdgeRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference mock: WireMock with the contract in a transformer on a low-priority catch-all stub
 * of the operation, the state endpoints under {@code /__mock}, and the docs under {@code /docs}.
 */
public final class MockServer implements AutoCloseable {

  /** The page's example assistant, present after start unless a seed file replaces it. */
  public static final String EXAMPLE_ASSISTANT = "550e8400-e29b-41d4-a716-446655440000";

  /** Priority of the contract stub: below WireMock's default (5), so users' stubs win. */
  static final int CONTRACT_PRIORITY = 10;

  /**
   * Priority of /__mock and /docs: after the contract stub, so an update request is matched by the
   * first stub WireMock tries (their URLs never overlap, so the order is only about speed).
   */
  static final int TOOLS_PRIORITY = 20;

  /** Priority of the JSON 404 for everything else (instead of WireMock's plain-text one). */
  static final int FALLBACK_PRIORITY = 100;

  private final WireMockServer wireMock;
  private final MockConfig config;
  private final AssistantStore store;
  private final Edge edge;

  private MockServer(WireMockServer wireMock, MockConfig config, AssistantStore store, Edge edge) {
    this.wireMock = wireMock;
    this.config = config;
    this.store = store;
    this.edge = edge;
  }

  /**
   * Starts the mock.
   *
   * @param extra further WireMock extensions (for example response transformers applied globally)
   * @throws IllegalArgumentException when the seed file is unreadable or breaks the contract
   * @throws com.github.tomakehurst.wiremock.common.FatalStartupException when the port is taken
   */
  public static MockServer start(MockConfig config, Extension... extra) {
    MockRuntime.Loading runtime = MockRuntime.loadInBackground(seedBytes(config));
    String[] baseUrl = new String[1];
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
    own.define(ownStubs(edge));
    List<Extension> extensions = new ArrayList<>(List.of(extra));
    extensions.add(own);
    extensions.add(new ContractTransformer(runtime, config));
    extensions.add(new AdminTransformer(runtime, () -> self[0].resetRequests()));
    extensions.add(new DocsTransformer(() -> baseUrl[0]));
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
    options.withStores(BoundedJournalStore.stores(options.filesRoot(), config.journalSize()));
    // saved and reloaded mappings never include the mock's own stubs
    options.mappingSource(
        own.mappingsSource(
            new JsonFileMappingsSource(
                options.filesRoot().child(WireMockApp.MAPPINGS_ROOT), options.getFilenameMaker())));
    WireMockServer server = new WireMockServer(options);
    self[0] = server;
    // the mock's own stubs are in place before the port opens, and the edge holds requests until
    // the contract is loaded: no answer before the contract answers correctly
    own.install(server);
    server.start();
    MockRuntime loaded;
    try {
      loaded = runtime.get();
    } catch (RuntimeException e) {
      edge.abort(e);
      server.stop();
      throw e;
    }
    baseUrl[0] = "http://" + hostForUrl(config.host()) + ":" + server.port();
    edge.open(loaded.contract().masker(), loaded.contract().spec().limits().maxBodyBytes());
    return new MockServer(server, config, loaded.store(), edge);
  }

  private static List<StubMapping> ownStubs(Edge edge) {
    return List.of(
        patch(urlPathMatching("/assistant/update/[^/]*"))
            .atPriority(CONTRACT_PRIORITY)
            .willReturn(aResponse().withTransformers(ContractTransformer.NAME))
            .build(),
        any(urlPathMatching("/__mock(/.*)?"))
            .atPriority(TOOLS_PRIORITY)
            .willReturn(aResponse().withTransformers(AdminTransformer.NAME))
            .build(),
        get(urlPathMatching("/docs(/.*)?|/openapi\\.yaml"))
            .atPriority(TOOLS_PRIORITY)
            .willReturn(aResponse().withTransformers(DocsTransformer.NAME))
            .build(),
        any(anyUrl())
            .atPriority(FALLBACK_PRIORITY)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        edge.errors()
                            .render(
                                404,
                                EdgeRules.UNKNOWN_PATH,
                                "path",
                                "",
                                "no such endpoint; this mock serves PATCH"
                                    + " /assistant/update/{assistant_id}, /__mock/assistants,"
                                    + " /docs and /__admin")))
            .build());
  }

  private static byte[] seedBytes(MockConfig config) {
    if (config.seed().isEmpty()) {
      return AssistantAdmin.EXAMPLE_SEED.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Files.readAllBytes(config.seed().get());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the seed file " + config.seed().get() + ": " + e.getMessage());
    }
  }

  private static String hostForUrl(String host) {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
  }

  public int port() {
    return wireMock.port();
  }

  public String baseUrl() {
    return "http://" + hostForUrl(config.host()) + ":" + port();
  }

  public MockConfig config() {
    return config;
  }

  /** The WireMock server, for adding stubs in code (the admin API at /__admin does the same). */
  public WireMockServer wireMock() {
    return wireMock;
  }

  AssistantStore store() {
    return store;
  }

  Edge edge() {
    return edge;
  }

  /** The token the admin surface requires: given, or made at start when bound beyond loopback. */
  public java.util.Optional<String> adminToken() {
    return edge.policy().adminToken();
  }

  /** Completes once the server has stopped: {@link #close()}, or {@code POST /__admin/shutdown}. */
  public java.util.concurrent.CompletableFuture<Void> stopped() {
    return edge.stopped();
  }

  @Override
  public void close() {
    wireMock.stop();
  }
}
