package dev.assistantkit.mock.wiremock;

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
import com.github.tomakehurst.wiremock.global.GlobalSettings;
import com.github.tomakehurst.wiremock.http.HttpResponder;
import com.github.tomakehurst.wiremock.http.RequestListener;
import com.github.tomakehurst.wiremock.http.client.ApacheHttpClientFactory;
import com.github.tomakehurst.wiremock.http.client.LazyHttpClient;
import com.github.tomakehurst.wiremock.security.NotAuthorisedException;
import com.github.tomakehurst.wiremock.standalone.JsonFileMappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.mock.door.DoorRules;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Surface;
import dev.assistantkit.mock.recorder.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * The WireMock adapter: WireMock without a socket of its own, with the mock's own stubs in place (a
 * low-priority stub per operation of the spec and a fallback, both answered by the contract; one
 * for {@code /__mock} and the docs), so that any stub a user adds wins, as WireMock users expect.
 * It answers the admin API always, and everything else while WireMock could answer otherwise than
 * the contract ({@link #mustAnswer()}). Nothing outside this package knows WireMock's types but the
 * composition root, which hands out the {@link WireMockServer} to users.
 */
public final class WireMockRoad {

  /**
   * The most bytes of an answer's body a journal entry keeps (requests' bodies are at most the
   * door's limit, 64 KiB for the API).
   */
  public static final int KEPT_BODY_BYTES = 64 * 1024;

  /** Priority of the contract stubs: below WireMock's default (5), so users' stubs win. */
  public static final int CONTRACT_PRIORITY = 10;

  /** Priority of /__mock and /docs: their URLs never overlap the operations'. */
  static final int TOOLS_PRIORITY = 20;

  /** Priority of the engine's answer for every other path (404 or 405 in the error shape). */
  static final int FALLBACK_PRIORITY = 100;

  /**
   * How it is set up.
   *
   * @param operations each operation's method and path template
   * @param journalSize how many requests the journal keeps
   * @param allowAdminProxy whether stubs created over HTTP may proxy or call out
   * @param verbose log WireMock's informational messages
   * @param mask masks free text for a log line
   * @param extra further WireMock extensions of the caller's
   * @param root WireMock's root (its mappings/ and __files/)
   */
  public record Setup(
      List<OperationRoute> operations,
      int journalSize,
      boolean allowAdminProxy,
      boolean verbose,
      UnaryOperator<String> mask,
      List<Extension> extra,
      Path root) {}

  /** An operation's method and path template (as in the spec's {@code paths}). */
  public record OperationRoute(String method, String pathTemplate) {}

  /** WireMock once built: its server, its socketless serving and the mock's own stubs in it. */
  private record Built(
      WireMockServer server, NoSocketServer socketless, OwnStubs own, JournalPages pages) {}

  private final Setup setup;
  private final IntSupplier port;
  private final Runnable onStop;
  private volatile Built built;
  private boolean stopped;
  private final boolean mappingFiles;
  private final WireMockJournal journal;
  private final InFlight inFlight = new InFlight();
  private final AtomicInteger adminRequests = new AtomicInteger();
  private final AdminChecks adminChecks;
  private final ScheduledExecutorService timer;
  private final boolean extra;
  private volatile boolean listened;

  /**
   * WireMock is built after the door opens ({@link #warmUp}), or when first needed before that: at
   * once when the caller gave extensions or mapping files wait in WireMock's root (WireMock loads
   * them at start and answers from the first request). Until then no stub of a user's can exist,
   * and the contract answers without waiting for WireMock's classes to load.
   *
   * @param port the door's port (WireMock reports it)
   * @param onStop what WireMock's shutdown does (stops the mock)
   * @param timer for delayed answers
   */
  public WireMockRoad(
      Setup setup, IntSupplier port, Runnable onStop, ScheduledExecutorService timer) {
    this.setup = setup;
    this.port = port;
    this.onStop = onStop;
    this.timer = timer;
    this.extra = !setup.extra().isEmpty();
    this.adminChecks = new AdminChecks(setup.allowAdminProxy());
    this.mappingFiles = hasFiles(setup.root().resolve(WireMockApp.MAPPINGS_ROOT));
    this.journal = new WireMockJournal(setup.journalSize(), () -> wireMock().own().all());
    if (extra || mappingFiles) {
      wireMock();
    }
  }

  private static boolean hasFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      return files.findAny().isPresent();
    } catch (java.io.IOException e) {
      return true; // WireMock may read what this could not list: it answers, to be safe
    }
  }

  private Built build() {
    OwnStubs own = new OwnStubs(setup.allowAdminProxy(), () -> adminRequests.get() > 0);
    own.define(ownStubs(setup.operations()));
    NoSocketServer socketless = new NoSocketServer(port, onStop);
    // the binder first: it must see WireMock's view as the door made it
    List<Extension> extensions = new ArrayList<>();
    extensions.add(new ExchangeBinder(inFlight));
    extensions.addAll(setup.extra());
    extensions.add(own);
    extensions.add(new OwnStubTransformer(OwnStubTransformer.CONTRACT, inFlight));
    extensions.add(new OwnStubTransformer(OwnStubTransformer.TOOLS, inFlight));
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .usingFilesUnderDirectory(setup.root().toString())
            .extensions(extensions.toArray(Extension[]::new))
            .httpServerFactory(socketless)
            // admin requests reach WireMock only through the door, which has judged them
            .adminAuthenticator(view -> inFlight.holds(view.getId()))
            .notifier(new WireMockNotifier(setup.verbose(), setup.mask()))
            .gzipDisabled(true)
            // the journal keeps answers' bodies up to the size the traffic keeps: a stub's 10 MB
            // body journaled a thousand times was 10 GB
            .maxLoggedResponseSize(KEPT_BODY_BYTES)
            // the recorder logs every answer itself, masked (--verbose)
            .stubRequestLoggingDisabled(true)
            // WireMock builds its proxy clients (Apache HttpClient, TLS) at start, used only by
            // proxy stubs: built on first use instead, start-up is shorter
            .httpClientFactory(
                (opts, trustAll, trustedHosts, systemProperties) ->
                    new LazyHttpClient(
                        () ->
                            new ApacheHttpClientFactory()
                                .buildHttpClient(opts, trustAll, trustedHosts, systemProperties)));
    options.withStores(journal.stores(options.filesRoot()));
    // saved and reloaded mappings never include the mock's own stubs
    options.mappingSource(
        own.mappingsSource(
            new JsonFileMappingsSource(
                options.filesRoot().child(WireMockApp.MAPPINGS_ROOT), options.getFilenameMaker())));
    WireMockServer server = new ListenedServer(options);
    own.install(server);
    server.start();
    return new Built(server, socketless, own, new JournalPages(server));
  }

  /**
   * Builds WireMock on a thread of its own once the mock has answered its first request, or after
   * {@code quiet} with none: the contract answers without WireMock, and a start-up is short of
   * cores (two here) while classes load, so the first answer does not share them with WireMock's
   * build. The first request to the admin API then seldom waits for it; whatever needs it first
   * waits for the one build.
   *
   * @param firstAnswer completes when the first answer has gone out
   */
  public void warmUp(CompletionStage<?> firstAnswer, Duration quiet) {
    if (built != null) {
      return;
    }
    AtomicBoolean started = new AtomicBoolean();
    Runnable build =
        () -> {
          if (!started.compareAndSet(false, true) || built != null) {
            return;
          }
          Thread t =
              new Thread(
                  () -> {
                    try {
                      wireMock();
                    } catch (RuntimeException e) {
                      // stopped meanwhile, or it failed: the first use says so
                    }
                  },
                  "wiremock-build");
          t.setDaemon(true);
          t.setPriority(Thread.MIN_PRIORITY);
          t.start();
        };
    firstAnswer.thenRun(build);
    try {
      timer.schedule(build, quiet.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the door closed meanwhile: nothing to build for
    }
  }

  /** Whether WireMock was built. */
  public boolean built() {
    return built != null;
  }

  /** WireMock, built now if it was not yet. */
  private Built wireMock() {
    Built b = built;
    if (b != null) {
      return b;
    }
    synchronized (this) {
      if (built == null) {
        if (stopped) {
          throw new IllegalStateException("the mock has stopped");
        }
        built = build();
      }
      return built;
    }
  }

  /** The WireMock server, for adding stubs in code (the admin API at /__admin does the same). */
  public WireMockServer server() {
    return wireMock().server();
  }

  /** Where the recorder journals what the other roads answered. */
  public Journal journal() {
    return journal;
  }

  /**
   * Whether WireMock must answer requests that are not for its admin API: it could answer otherwise
   * than the contract (a stub of a user's, or an own stub edited; a global delay; a request
   * listener; extensions of the caller's; mapping files it loads at start).
   */
  public boolean mustAnswer() {
    Built b = built;
    if (b == null) {
      return extra || mappingFiles;
    }
    return extra || listened || !b.own().onlyOwn() || delayed(b.server());
  }

  private static boolean delayed(WireMockServer server) {
    GlobalSettings s = server.getGlobalSettings().getSettings();
    return s != null && (s.getFixedDelay() != null || s.getDelayDistribution() != null);
  }

  /**
   * Answers an exchange: the admin API's, or any other with the mock's own stubs in place.
   *
   * @param answers the mock's own answers, for where its own stubs match
   */
  public void answer(Exchange x, OwnAnswers answers) {
    Built wm = wireMock();
    NoSocketServer socketless = wm.socketless();
    OwnStubs own = wm.own();
    ExchangeResponder responder = new ExchangeResponder(x, timer);
    if (x.surface() == Surface.ADMIN) {
      if (adminChecks.refused(x)) {
        return;
      }
      if (JournalPages.lists(x.method(), x.rawPath())) {
        x.reply(wm.pages().page(new KitRequest(x.arrival(), true)));
        return;
      }
      adminRequests.incrementAndGet();
      inFlight.enter(x, answers);
      boolean restore = AdminChecks.removesUnmatched(x);
      // the stubs are counted again (and the contract's put back, when stubs nothing matched
      // were removed) before the answer goes out: a client's next request sees the new count
      HttpResponder answering =
          (request, response, attributes) -> {
            own.settle(restore);
            responder.respond(request, response, attributes);
          };
      try {
        socketless.admin().handle(new KitRequest(x.arrival(), true), answering, null);
      } catch (RuntimeException | LinkageError e) {
        // WireMock's admin tasks throw on input they cannot take (a null body, a negative limit, a
        // pattern that does not compile) and answer 500: the client's mistake, a 400
        if (x.answered()) {
          throw e;
        }
        x.refuse(
            400,
            DoorRules.ADMIN_INVALID,
            "body",
            "",
            "WireMock could not take this "
                + x.method()
                + " of its admin API: its body or query is not what the endpoint reads");
      } finally {
        inFlight.leave(x);
        if (adminRequests.decrementAndGet() == 0) {
          own.settle(false);
        }
      }
      return;
    }
    inFlight.enter(x, answers);
    try {
      socketless.stubs().handle(new KitRequest(x.arrival(), false), responder, null);
    } catch (NotAuthorisedException e) {
      // a stub's body file outside the files root, its name perhaps templated from the request
      if (x.answered()) {
        throw e;
      }
      x.refuse(
          404,
          DoorRules.UNKNOWN_PATH,
          "path",
          "",
          "no file of the mock's files root has this path");
    } finally {
      inFlight.leave(x);
    }
  }

  /** Stops WireMock (not the door), if it was built. */
  public void stop() {
    Built b;
    synchronized (this) {
      stopped = true;
      b = built;
    }
    if (b != null) {
      b.server().stop();
    }
  }

  /** The mock's own stubs: one per operation, /__mock, /docs and the fallback. */
  private static List<StubMapping> ownStubs(List<OperationRoute> operations) {
    List<StubMapping> out = new ArrayList<>();
    for (OperationRoute op : operations) {
      out.add(
          request(op.method(), urlPathTemplate(op.pathTemplate()))
              .atPriority(CONTRACT_PRIORITY)
              .willReturn(aResponse().withTransformers(OwnStubTransformer.CONTRACT))
              .withName("contract: " + op.method() + " " + op.pathTemplate())
              .build());
    }
    out.add(
        any(urlPathMatching("/__mock(/.*)?"))
            .atPriority(TOOLS_PRIORITY)
            .willReturn(aResponse().withTransformers(OwnStubTransformer.TOOLS))
            .withName("mock state")
            .build());
    out.add(
        get(urlPathMatching("/docs(/.*)?|/openapi\\.yaml"))
            .atPriority(TOOLS_PRIORITY)
            .willReturn(aResponse().withTransformers(OwnStubTransformer.TOOLS))
            .withName("mock docs")
            .build());
    out.add(
        any(anyUrl())
            .atPriority(FALLBACK_PRIORITY)
            .willReturn(aResponse().withTransformers(OwnStubTransformer.CONTRACT))
            .withName("contract: every other path")
            .build());
    return out;
  }

  /** WireMock's server, noting when a request listener is added (it must see every request). */
  private final class ListenedServer extends WireMockServer {

    ListenedServer(WireMockConfiguration options) {
      super(options);
    }

    @Override
    public void addMockServiceRequestListener(RequestListener listener) {
      listened = true;
      super.addMockServiceRequestListener(listener);
    }
  }
}
