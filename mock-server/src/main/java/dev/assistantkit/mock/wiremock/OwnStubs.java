package dev.assistantkit.mock.wiremock;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Errors;
import com.github.tomakehurst.wiremock.common.InvalidInputException;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.common.NotPermittedException;
import com.github.tomakehurst.wiremock.extension.StubLifecycleListener;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The mock's own stubs (the contract, {@code /__mock}, {@code /docs}, the JSON 404): added before
 * the port opens, put back whenever WireMock's stubs are reset ({@code POST /__admin/reset}, {@code
 * DELETE /__admin/mappings}), and never saved as a user's stubs ({@code POST
 * /__admin/mappings/save}) nor loaded back from a mappings directory. Each has a stable id (derived
 * from its definition) and the metadata {@code "assistant-mock": "own"}.
 *
 * <p>Also refuses stubs that proxy or call out (webhooks), created over HTTP (admin API,
 * recordings), unless allowed.
 */
final class OwnStubs implements StubLifecycleListener {

  /** The metadata key (and value) that marks the mock's own stubs. */
  static final String METADATA = "assistant-mock";

  static final String OWN = "own";

  private final boolean allowAdminProxy;
  private final java.util.function.BooleanSupplier overHttp;
  private volatile WireMockServer server;
  private volatile List<StubMapping> stubs = List.of();
  private volatile Set<String> fingerprints = Set.of();
  private volatile boolean onlyOwn;
  private int changing;
  private boolean unsettled;
  private long recounts;

  /**
   * @param overHttp whether a request of the admin API is being handled now: a stub that proxies,
   *     created then, is refused unless allowed
   */
  OwnStubs(boolean allowAdminProxy, java.util.function.BooleanSupplier overHttp) {
    this.allowAdminProxy = allowAdminProxy;
    this.overHttp = overHttp;
  }

  /** Whether a stub carries the mark of the mock's own. */
  static boolean isMarkedOwn(StubMapping stub) {
    return stub != null
        && stub.getMetadata() != null
        && OWN.equals(stub.getMetadata().get(METADATA));
  }

  @Override
  public String getName() {
    return "assistant-own-stubs";
  }

  /** The mock's own stubs, known before WireMock loads any mappings directory. */
  void define(List<StubMapping> own) {
    List<StubMapping> marked =
        own.stream()
            .map(
                s -> {
                  StubMapping copy = StubMapping.buildFrom(StubMapping.buildJsonStringFor(s));
                  copy.setId(
                      UUID.nameUUIDFromBytes(fingerprint(s).getBytes(StandardCharsets.UTF_8)));
                  copy.setMetadata(Metadata.metadata().attr(METADATA, OWN).build());
                  return copy;
                })
            .toList();
    this.fingerprints = own.stream().map(OwnStubs::fingerprint).collect(Collectors.toSet());
    this.stubs = marked;
  }

  /** Adds the stubs now (before the server starts) and after every reset. */
  void install(WireMockServer target) {
    this.server = target;
    addMissing();
    recount();
  }

  /** Is this one of the mock's own stubs, or a copy of one saved by an earlier version? */
  boolean isOwn(StubMapping stub) {
    if (stub == null) {
      return false;
    }
    if (isMarkedOwn(stub)) {
      return true;
    }
    return stubs.stream().anyMatch(s -> s.getId().equals(stub.getId()))
        || fingerprints.contains(fingerprint(stub));
  }

  /** The mock's own stub of this name (as WireMock reports it when it matches). */
  Optional<StubMapping> named(String name) {
    return stubs.stream().filter(s -> name.equals(s.getName())).findFirst();
  }

  /** The mock's own stubs, as installed. */
  List<StubMapping> all() {
    return stubs;
  }

  /**
   * Whether WireMock holds the mock's own stubs and nothing else, each as installed: then its
   * answer to any API request is the contract's, and the request may be answered without it. False
   * while a stub is being added, edited or removed.
   */
  boolean onlyOwn() {
    return onlyOwn;
  }

  /** Counts again, after a change: every stub WireMock holds is one of ours, unchanged. */
  private synchronized void recount() {
    recounts++;
    WireMockServer target = server;
    if (target == null || changing > 0) {
      onlyOwn = false;
      return;
    }
    List<StubMapping> all = target.listAllStubMappings().getMappings();
    Set<UUID> ids = stubs.stream().map(StubMapping::getId).collect(Collectors.toSet());
    Set<String> installed = stubs.stream().map(OwnStubs::whole).collect(Collectors.toSet());
    onlyOwn =
        all.size() == stubs.size()
            && all.stream().allMatch(s -> ids.contains(s.getId()) && installed.contains(whole(s)));
  }

  /**
   * How many times every stub was counted so far: once per admin request that changed stubs, never
   * once per stub it changed (an import of 10,000 stubs counted 10,000 times was quadratic).
   */
  synchronized long recounts() {
    return recounts;
  }

  private synchronized void changing() {
    changing++;
    onlyOwn = false;
  }

  private synchronized void changed() {
    changing--;
    if (overHttp.getAsBoolean()) {
      // counting lists every stub: once per stub of a 10,000-stub import was quadratic in time
      // and garbage; the admin request counts once when it ends (settle)
      unsettled = true;
      onlyOwn = false;
    } else {
      recount();
    }
  }

  /**
   * Counts again if stubs changed while admin requests ran (the last one has ended, or is about to
   * answer).
   *
   * @param restore whether stubs WireMock never matched were removed: the mock's own are among them
   *     (the engine answers in their place), and go back
   */
  synchronized void settle(boolean restore) {
    if (restore) {
      addMissing();
      unsettled = true;
    }
    if (unsettled) {
      unsettled = false;
      recount();
    }
  }

  /**
   * Adds each own stub that is missing, as a fresh copy (WireMock keeps per-stub state such as its
   * insertion index). Synchronized: two resets at once would otherwise both add the same stub, and
   * WireMock refuses a duplicate id.
   */
  private synchronized void addMissing() {
    WireMockServer target = server;
    if (target == null) {
      return;
    }
    for (StubMapping stub : stubs) {
      if (!target.getStubMapping(stub.getId()).isPresent()) {
        target.addStubMapping(StubMapping.buildFrom(StubMapping.buildJsonStringFor(stub)));
      }
    }
  }

  @Override
  public void beforeStubsReset() {
    changing();
  }

  @Override
  public synchronized void afterStubsReset() {
    addMissing();
    changed();
  }

  @Override
  public void beforeStubCreated(StubMapping stub) {
    refuseProxyOverHttp(stub);
    refuseBadResponse(stub);
    changing();
  }

  @Override
  public void afterStubCreated(StubMapping stub) {
    changed();
  }

  @Override
  public void beforeStubEdited(StubMapping oldStub, StubMapping newStub) {
    refuseProxyOverHttp(newStub);
    refuseBadResponse(newStub);
    changing();
  }

  @Override
  public void afterStubEdited(StubMapping oldStub, StubMapping newStub) {
    changed();
  }

  @Override
  public void beforeStubRemoved(StubMapping stub) {
    changing();
  }

  @Override
  public void afterStubRemoved(StubMapping stub) {
    changed();
  }

  /** A stub that proxies, asked for over HTTP (the admin API, a recording), when not allowed. */
  private void refuseProxyOverHttp(StubMapping stub) {
    if (!allowAdminProxy && overHttp.getAsBoolean() && (proxies(stub) || callsOut(stub))) {
      throw new NotPermittedException(
          Errors.single(
              403,
              "stubs that proxy or call out (webhooks) are off for the admin API; start the mock with"
                  + " --allow-admin-proxy to turn them on"));
    }
  }

  /**
   * A stub whose answer the mock could not give, refused as WireMock refuses a stub it cannot read
   * (422), from any source: a status that is not that of a final HTTP answer (200 to 599; Jetty
   * wrote 99999 as the status line "99 99"), or a body file that is not a plain path below the
   * files root (an absolute path, a {@code ..} segment; a templated one is judged when it answers).
   */
  private static void refuseBadResponse(StubMapping stub) {
    if (stub.getResponse() == null) {
      return;
    }
    if (!isFinalStatus(stub.getResponse().getStatus())) {
      throw new InvalidInputException(
          Errors.validation(
              "/response/status",
              "a stub's status must be a final HTTP status, from 200 to 599, not "
                  + stub.getResponse().getStatus()));
    }
    String file = stub.getResponse().getBodyFileName();
    if (file != null && !file.contains("{{") && !AdminChecks.belowFilesRoot(file)) {
      throw new InvalidInputException(
          Errors.validation(
              "/response/bodyFileName",
              "a stub's body file must be a path below the files root (no leading /, no ..)"));
    }
  }

  /** Whether a status is one of a final HTTP answer. */
  static boolean isFinalStatus(int status) {
    return status >= 200 && status <= 599;
  }

  private static boolean proxies(StubMapping stub) {
    return stub.getResponse() != null && stub.getResponse().isProxyResponse();
  }

  /** Whether a stub sends a request of its own when it answers (a webhook). */
  static boolean callsOut(StubMapping stub) {
    boolean listeners =
        stub.getServeEventListeners() != null
            && stub.getServeEventListeners().stream()
                .anyMatch(l -> "webhook".equalsIgnoreCase(l.getName()));
    boolean actions =
        stub.getPostServeActions() != null
            && stub.getPostServeActions().stream()
                .anyMatch(a -> "webhook".equalsIgnoreCase(a.getName()));
    return listeners || actions;
  }

  /** WireMock's mappings source, without the mock's own stubs in either direction. */
  MappingsSource mappingsSource(MappingsSource files) {
    return new WithoutOwnStubs(files);
  }

  /**
   * A stub as a whole, as WireMock writes it, but for its ids: an own stub edited in any part (its
   * name, scenario, listeners, metadata) is no longer the one installed.
   */
  private static String whole(StubMapping stub) {
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.node(Json.write(stub));
    tree.remove("id");
    tree.remove("uuid");
    return tree.toString();
  }

  /** What identifies a stub's behaviour: its request, response and priority, not its id. */
  private static String fingerprint(StubMapping stub) {
    return Json.write(stub.getRequest()) + Json.write(stub.getResponse()) + stub.getPriority();
  }

  private final class WithoutOwnStubs implements MappingsSource {
    private final MappingsSource files;

    WithoutOwnStubs(MappingsSource files) {
      this.files = files;
    }

    @Override
    public void save(List<StubMapping> mappings) {
      files.save(mappings.stream().filter(s -> !isOwn(s)).toList());
    }

    @Override
    public void save(StubMapping mapping) {
      if (!isOwn(mapping)) {
        files.save(mapping);
      }
    }

    @Override
    @SuppressWarnings("removal")
    public void remove(StubMapping mapping) {
      if (!isOwn(mapping)) {
        files.remove(mapping);
      }
    }

    @Override
    public void remove(UUID id) {
      if (stubs.stream().noneMatch(s -> s.getId().equals(id))) {
        files.remove(id);
      }
    }

    @Override
    public void removeAll() {
      files.removeAll();
    }

    @Override
    public void loadMappingsInto(StubMappings target) {
      files.loadMappingsInto(new SkippingOwn(target));
    }
  }

  /** The stubs WireMock holds, as a loader sees them: the mock's own stubs are not added again. */
  private final class SkippingOwn implements StubMappings {
    private final StubMappings target;

    SkippingOwn(StubMappings target) {
      this.target = target;
    }

    @Override
    public void addMapping(StubMapping mapping) {
      if (!isOwn(mapping)) {
        target.addMapping(mapping);
      }
    }

    @Override
    public ServeEvent serveFor(ServeEvent request) {
      return target.serveFor(request);
    }

    @Override
    public void removeMapping(StubMapping mapping) {
      target.removeMapping(mapping);
    }

    @Override
    public void editMapping(StubMapping stubMapping) {
      target.editMapping(stubMapping);
    }

    @Override
    public void reset() {
      target.reset();
    }

    @Override
    public void resetScenarios() {
      target.resetScenarios();
    }

    @Override
    public List<StubMapping> getAll() {
      return target.getAll();
    }

    @Override
    public Optional<StubMapping> get(UUID id) {
      return target.get(id);
    }

    @Override
    public List<Scenario> getAllScenarios() {
      return target.getAllScenarios();
    }

    @Override
    public List<StubMapping> findByMetadata(StringValuePattern pattern) {
      return target.findByMetadata(pattern);
    }
  }
}
