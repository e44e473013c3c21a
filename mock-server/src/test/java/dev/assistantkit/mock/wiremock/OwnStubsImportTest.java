package dev.assistantkit.mock.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubImport;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Importing many stubs through the admin API costs the kit nothing per stub beyond WireMock's own:
 * the mock's own stubs are counted again once when the admin request ends, not once per stub it
 * added (each count lists every stub: an import of 10,000 was 10,000 lists of up to 10,000, in time
 * and in garbage). Counted, not timed.
 */
class OwnStubsImportTest {

  @Test
  void an_import_over_http_counts_the_stubs_once_not_once_per_stub() {
    AtomicBoolean overHttp = new AtomicBoolean();
    OwnStubs own = new OwnStubs(false, overHttp::get);
    own.define(
        List.of(
            any(anyUrl())
                .atPriority(WireMockRoad.CONTRACT_PRIORITY)
                .willReturn(aResponse().withStatus(404))
                .build()));
    WireMockServer server = new WireMockServer(options().dynamicPort().extensions(own));
    try {
      own.install(server);
      assertTrue(own.onlyOwn(), "only the mock's own stub before the import");
      long before = own.recounts();

      int n = 2_000;
      List<StubMapping> stubs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        stubs.add(
            get(urlPathEqualTo("/things/" + i)).willReturn(aResponse().withBody("" + i)).build());
      }
      overHttp.set(true); // as while the admin request runs
      server.importStubs(new StubImport(stubs, StubImport.Options.DEFAULTS));
      overHttp.set(false);
      own.settle(false); // as when the admin request answers

      assertEquals(n + 1, server.listAllStubMappings().getMappings().size());
      assertEquals(1, own.recounts() - before, "counted once for the whole import");
      assertFalse(own.onlyOwn(), "users' stubs are in: WireMock answers");
    } finally {
      server.stop();
    }
  }
}
