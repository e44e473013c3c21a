package dev.assistantkit.mock;

import dev.assistantkit.contract.masking.QuotedSources;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.SpecLimits;
import dev.assistantkit.contract.spec.SpecLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar mock-server.jar}: starts the mock and waits for Ctrl-C or SIGTERM. */
@Command(
    name = "mock-server",
    mixinStandardHelpOptions = true,
    version = "assistant mock 1.0",
    description =
        "Reference mock of PATCH /assistant/update/{assistant_id}, validating every request against openapi.yaml.")
public final class MockMain implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port to listen on (0: a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "A bearer token to accept; repeatable. Without it the development key '"
              + MockConfig.DEV_KEY
              + "' is accepted.")
  List<String> apiKeys = new ArrayList<>();

  @Option(
      names = "--seed",
      paramLabel = "FILE",
      description = "JSON array of assistants to preload instead of the example assistant.")
  Path seed;

  @Option(
      names = "--latency",
      paramLabel = "MS|MIN-MAX",
      description = "Delay added to every contract response, e.g. 200 or 100-500 (ms).")
  String latency;

  @Option(
      names = "--journal-size",
      defaultValue = "1000",
      description =
          "Requests kept in WireMock's journal (/__admin/requests). Default: ${DEFAULT-VALUE}.")
  int journalSize;

  @Option(
      names = "--verbose",
      description = "Log every request (secrets masked), and Jetty's own lines.")
  boolean verbose;

  @Option(
      names = "--profile",
      paramLabel = "documented|strict",
      defaultValue = "strict",
      description =
          "strict: the page and this project's decisions; documented: only what the page states"
              + " (lenient where it is silent). Default: ${DEFAULT-VALUE}.")
  String profile;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description =
          "Serve another OpenAPI 3.0/3.1 document (any, with or without the kit's extensions)"
              + " instead of the kit's.")
  Path spec;

  @Option(
      names = "--stateful",
      description =
          "Keep resources for a document without x-resource: POST /things stores, GET"
              + " /things/{id} reads (404 when absent, or the 410 the document declares"
              + " instead), PUT replaces, PATCH merges, DELETE removes, GET /things lists;"
              + " /owners/{ownerId}/pets lives under an owner that must exist, and goes with"
              + " it.")
  boolean stateful;

  @Option(
      names = "--watch",
      description =
          "Read the spec (--spec FILE, or the kit's openapi.yaml when it is a file) and every file"
              + " it refers to again when one changes; the state is kept. An edit that does not"
              + " load keeps the last contract that did answering, and the log and GET"
              + " /__mock/health (503) say what is wrong and where.")
  boolean watch;

  @Option(
      names = "--proxy-to",
      paramLabel = "URL",
      description =
          "Run as a validating proxy: forward every API request to this deployment, return its"
              + " answer unchanged, and judge both (see /__mock/traffic).")
  java.net.URI proxyTo;

  @Option(
      names = "--proxy-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "In proxy mode, the most one exchange may take, from the arrival of the request to"
              + " the last byte of the answer."
              + " Default: ${DEFAULT-VALUE}.")
  double proxyTimeout;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "Token /__admin and /__mock require (Authorization: Bearer TOKEN). Bound beyond loopback"
              + " without it, the mock makes one and prints it once.")
  String adminToken;

  @Option(
      names = "--allow-admin-files",
      description = "Let the admin API write and delete files (PUT/DELETE /__admin/files/**).")
  boolean allowAdminFiles;

  @Option(
      names = "--root-dir",
      paramLabel = "DIR",
      description =
          "WireMock's root: stubs in DIR/mappings are loaded at start (and saved there), files"
              + " served from DIR/__files (default: src/test/resources, as WireMock).")
  Path rootDir;

  @Option(
      names = "--allow-admin-proxy",
      description = "Let stubs created through the admin API proxy (proxyBaseUrl, recordings).")
  boolean allowAdminProxy;

  public static void main(String[] args) {
    MockServer.preloadContract();
    System.exit(new CommandLine(new MockMain()).execute(args));
  }

  @Override
  public Integer call() {
    long started = System.nanoTime();
    MockConfig config;
    try {
      config =
          MockConfig.defaults()
              .withHost(host)
              .withPort(port)
              .withApiKeys(apiKeys.isEmpty() ? List.of(MockConfig.DEV_KEY) : apiKeys)
              .withLatency(
                  latency == null ? MockConfig.Latency.NONE : MockConfig.Latency.parse(latency))
              .withVerbose(verbose)
              .withStateful(stateful)
              .withWatch(watch)
              .withJournalSize(journalSize)
              .withProfile(dev.assistantkit.contract.rules.Profile.parse(profile))
              .withAdmin(
                  new MockConfig.Admin(
                      java.util.Optional.ofNullable(adminToken),
                      allowAdminFiles,
                      allowAdminProxy,
                      rootDir == null ? MockConfig.Admin.DEFAULT_ROOT : rootDir));
      if (seed != null) {
        config = config.withSeed(seed);
      }
      if (spec != null) {
        config = config.withSpec(spec);
      }
      if (proxyTo != null) {
        // in proxy mode the keys given are the ones the upstream accepts: the judge knows them
        config =
            config.withProxy(
                new MockConfig.Proxy(
                    proxyTo,
                    java.time.Duration.ofMillis(Math.round(proxyTimeout * 1000)),
                    apiKeys));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    if (verbose) {
      // Jetty's loggers are made when its classes load, in MockServer.start: raise them first
      System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "info");
    }
    MockServer server;
    try {
      server = MockServer.start(config);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + startError(config, e));
      return 1;
    } catch (RuntimeException e) {
      if (causedByBind(e)) {
        System.err.println(
            "error: port "
                + port
                + " on "
                + host
                + " is already in use; choose another with --port");
      } else {
        System.err.println("error: the mock could not start: " + e.getClass().getSimpleName());
      }
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "mock-shutdown"));
    // POST /__admin/shutdown stops the server: the process ends with it
    server.stopped().thenRun(stopped::countDown);
    System.out.println(banner(server, config, (System.nanoTime() - started) / 1_000_000));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static String banner(MockServer server, MockConfig config, long startMillis) {
    String url = server.baseUrl();
    String key =
        config.apiKeys().get(0).equals(MockConfig.DEV_KEY)
            ? MockConfig.DEV_KEY
            : "<one of your --api-key values>";
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add(
        server.contract().spec().node("#/info/title").map(t -> t.asString()).orElse("API")
            + " mock listening on "
            + url
            + " (started in "
            + startMillis
            + " ms, profile "
            + config.profile().wireName()
            + ")");
    lines.add("  config : " + config.describe());
    java.util.List<dev.assistantkit.contract.rules.Operation> ops = server.contract().operations();
    int shown = ops.size() > 8 ? 6 : ops.size();
    for (dev.assistantkit.contract.rules.Operation op : ops.subList(0, shown)) {
      lines.add(
          "  API    : " + op.method() + " " + url + op.pathTemplate() + credentialHint(op, key));
    }
    if (shown < ops.size()) {
      lines.add(
          "  API    : ... and "
              + (ops.size() - shown)
              + " more operations (all at "
              + url
              + "/docs)");
    }
    String collections =
        server.contract().resources().stream()
            .map(m -> url + "/__mock/" + m.collection())
            .collect(java.util.stream.Collectors.joining(" "));
    lines.add(
        (collections.isEmpty() ? "  docs   : " : "  state  : " + collections + "   docs: ")
            + url
            + "/docs   WireMock admin: "
            + url
            + "/__admin");
    if (config.proxy().isPresent()) {
      lines.add(
          "  proxy  : every API request goes to "
              + config.proxy().get().upstreamShown()
              + "; judged exchanges at "
              + url
              + "/__mock/traffic.html (.har, JSON)");
    } else {
      TryCommand.of(server, key).ifPresent(lines::addAll);
      lines.add("  traffic: " + url + "/__mock/traffic.html   (also /__mock/traffic, .har)");
    }
    if (config.watch()) {
      List<Path> files = server.watchedFiles();
      lines.add(
          "  watch  : "
              + config.spec().map(Object::toString).orElse(files.get(0).toString())
              + (files.size() > 1 ? " and the " + (files.size() - 1) + " files it refers to" : "")
              + ": an edit reloads the contract, the state kept (health at "
              + url
              + "/__mock/health)");
    }
    lines.add(adminLine(server, config));
    lines.add("Ctrl-C stops it.");
    return String.join("\n", lines);
  }

  /** How a client sends the key to an operation, for the banner. */
  private static String credentialHint(dev.assistantkit.contract.rules.Operation op, String key) {
    if (op.bearer()) {
      return "   (Authorization: Bearer " + key + ")";
    }
    var security = op.security();
    if (security.optional() || security.alternatives().get(0).schemes().isEmpty()) {
      return "";
    }
    var scheme = security.alternatives().get(0).schemes().get(0);
    return switch (scheme.kind()) {
      case BEARER -> "   (Authorization: Bearer " + key + ")";
      case BASIC -> "   (Authorization: Basic, any user, password " + key + ")";
      case API_KEY_HEADER -> "   (" + scheme.carrier() + ": " + key + ")";
      case API_KEY_QUERY -> "   (?" + scheme.carrier() + "=" + key + ")";
      case API_KEY_COOKIE -> "   (Cookie: " + scheme.carrier() + "=" + key + ")";
      default -> "";
    };
  }

  /** How to reach the admin surface; a token the mock made is printed here, once. */
  private static String adminLine(MockServer server, MockConfig config) {
    if (server.adminToken().isEmpty()) {
      return "  admin  : no token needed on loopback; other origins are refused";
    }
    String token =
        config.admin().token().isPresent() ? "<your --admin-token>" : server.adminToken().get();
    return "  admin  : /__admin and /__mock need  Authorization: Bearer " + token;
  }

  /**
   * Why the mock did not start, masked as the log is: the reason may quote the spec or the seed,
   * which may hold a key given on the command line (whole, or cut short in a quote).
   */
  static String startError(MockConfig config, RuntimeException e) {
    List<String> secrets = new ArrayList<>(config.apiKeys());
    config.admin().token().ifPresent(secrets::add);
    config.proxy().ifPresent(p -> secrets.addAll(p.keys()));
    List<Path> files = new ArrayList<>();
    if (e instanceof SpecLoadException s && !s.files().isEmpty()) {
      files.addAll(s.files());
    } else {
      config.spec().ifPresent(files::add);
    }
    config.seed().ifPresent(files::add);
    return QuotedSources.read(
            SecretMasker.standard().withSecrets(secrets), files, SpecLimits.DEFAULT.maxBytes())
        .mask(String.valueOf(e.getMessage()));
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }
}
