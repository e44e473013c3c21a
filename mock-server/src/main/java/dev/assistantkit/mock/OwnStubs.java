package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.StubLifecycleListener;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.List;

/**
 * The mock's own stubs (the contract, {@code /__mock}, {@code /docs}, the JSON 404), put back
 * whenever WireMock's stubs are reset ({@code POST /__admin/reset}, {@code DELETE
 * /__admin/mappings}): a reset clears a user's stubs and the journal, not the mock itself.
 */
final class OwnStubs implements StubLifecycleListener {

  private volatile WireMockServer server;
  private volatile List<StubMapping> stubs = List.of();

  @Override
  public String getName() {
    return "assistant-own-stubs";
  }

  /** Adds the stubs now and after every reset. */
  void install(WireMockServer target, List<StubMapping> own) {
    this.stubs = List.copyOf(own);
    this.server = target;
    afterStubsReset();
  }

  /**
   * Adds each own stub that is missing, as a fresh copy (WireMock keeps per-stub state such as its
   * insertion index). Synchronized: two resets at once would otherwise both add the same stub, and
   * WireMock refuses a duplicate id.
   */
  @Override
  public synchronized void afterStubsReset() {
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
}
