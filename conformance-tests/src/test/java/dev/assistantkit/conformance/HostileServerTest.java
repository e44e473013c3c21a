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
    ConformanceMainTest.Outcome o = null;
    long written = 0;
    int requests = 0;
    long retained = 0;
    // Short timeouts keep the stalling modes short. The modes whose outcome needs an answer (the
    // probes of PROBES_THEN_STALL, the HTML of STATIC_HTML) answer at once; a machine too loaded
    // to bring it within 2 s (the run then stops at its probe, as for a server that never
    // answers) is given the run again with timeouts ten times as long. A server that is
    // misjudged fails both.
    for (int[] timeouts : new int[][] {{2, 4}, {20, 40}}) {
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      long start = System.nanoTime();
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
                Integer.toString(timeouts[0]),
                "--request-timeout",
                Integer.toString(timeouts[1]),
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
      retained = memory.getHeapMemoryUsage().getUsed() - heapBefore;
      System.out.printf(
          "%s (timeouts %d s / %d s): %d requests, %d ms, %d bytes written, %d bytes of heap"
              + " kept%n",
          mode, timeouts[0], timeouts[1], requests, took.toMillis(), written, retained);
      if (!answeredTooLate(mode, o)) {
        break;
      }
    }
    verify(mode, o, requests, written, retained);
  }

  /** Whether a mode that answers at once met a probe with no answer in time: a loaded machine. */
  private static boolean answeredTooLate(HostileServer.Mode mode, ConformanceMainTest.Outcome o) {
    return (mode == HostileServer.Mode.PROBES_THEN_STALL || mode == HostileServer.Mode.STATIC_HTML)
        && o.out().contains("Stopped before the checks: no answer");
  }

  private static void verify(
      HostileServer.Mode mode,
      ConformanceMainTest.Outcome o,
      int requests,
      long written,
      long retained) {
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
