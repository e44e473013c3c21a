package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.MockServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The suite ends, in bounded time and memory, with exit 1 or 2 and a clear last line, against every
 * kind of hostile server: an endless body, a 50 MB body, headers and then nothing, a body that
 * trickles in for ever, a static file server, a server that stalls after the probes. The time is
 * bounded by what the run does, checked whatever the machine's speed: each request ends at its
 * deadline (2 s idle, 4 s in all; ApiClientTest), and the run sends only its two probes and at most
 * {@link LiveChecker#MAX_SILENT} requests that stall before it gives up. How long it took is
 * printed.
 */
class HostileServerTest {

  /** The most requests a run sends to a server that stops answering: the probes, then stalls. */
  static final int MOST_REQUESTS = 2 + LiveChecker.MAX_SILENT;

  /**
   * REST-Assured's first request in a JVM loads its classes: seconds on a loaded machine, which the
   * 4 s deadline of a run's first probe would count, and a probe with no answer stops a run for
   * another reason than the one a mode checks. Done once here, against the mock, first.
   */
  @BeforeAll
  static void warmUp() {
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of());
        ApiClient client =
            new ApiClient(m.baseUrl(), Duration.ofSeconds(60), Duration.ofSeconds(60), 4096, 0)) {
      ApiClient.Call ex =
          client.send(
              new ApiRequest(
                  "PATCH",
                  "/assistant/update/" + SuiteRuns.ASSISTANT,
                  Headers.of(Map.of("Authorization", "Bearer " + SuiteRuns.KEY)),
                  new byte[0]));
      assertTrue(ex.answered(), ex::toString);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(HostileServer.Mode.class)
  void the_suite_ends_in_bounded_time_and_memory_with_a_clear_last_line(HostileServer.Mode mode)
      throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long start = System.nanoTime();
    ConformanceMainTest.Outcome o;
    long written;
    int requests;
    try (HostileServer server = HostileServer.start(mode)) {
      o =
          ConformanceMainTest.main(
              "--base-url",
              server.baseUrl(),
              "--api-key",
              "k-hostile-5b1e",
              "--assistant-id",
              SuiteRuns.ASSISTANT,
              "--allow-writes",
              "--timeout",
              "2",
              "--request-timeout",
              "4",
              "--rate",
              "0",
              "--fuzz",
              "2",
              "--progress",
              "1");
      written = server.written();
      requests = server.requests();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.gc();
    long retained = memory.getHeapMemoryUsage().getUsed() - heapBefore;
    System.out.printf(
        "%s: %d requests, %d ms, %d bytes written, %d bytes of heap kept%n",
        mode, requests, took.toMillis(), written, retained);
    assertTrue(
        requests <= MOST_REQUESTS,
        () -> mode + ": " + requests + " requests, the run did not stop\n" + o.out());
    assertTrue(Set.of(1, 2).contains(o.status()), () -> mode + " exited " + o.status());
    assertTrue(
        ConformanceMainTest.CLOSING.matcher(o.lastLine()).matches(), () -> "last line: " + o.out());
    if (mode == HostileServer.Mode.PROBES_THEN_STALL) {
      // the probes passed; then every request stalled: the rest is skipped, nothing was judged
      assertEquals(2, o.status(), o::out);
      assertTrue(o.out().contains("the server stopped answering"), o::out);
      assertTrue(o.lineBeforeLast().contains("nothing was tested"), o::out);
    } else {
      assertEquals(2, o.status(), o::out);
      assertTrue(
          o.lineBeforeLast().startsWith("Stopped before the checks: "), () -> "why: " + o.out());
    }
    if (mode == HostileServer.Mode.STATIC_HTML) {
      assertTrue(o.lineBeforeLast().contains("does not look like this API"), o::lineBeforeLast);
    }
    // the client stopped reading: at most the 1 MiB cap and what the socket buffers held
    assertTrue(
        written < 16L * 1024 * 1024, () -> mode + ": the server wrote " + written + " bytes");
    assertTrue(
        retained < 64L * 1024 * 1024, () -> mode + ": the run kept " + retained + " bytes of heap");
  }
}
