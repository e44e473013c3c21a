package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.testsupport.ReservedPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting (ready before the first answer, quiet), and WireMock's save, reset and restart with the
 * mock's own stubs (never saved, never doubled). Each start is a separate JVM, as {@code java -jar}
 * runs it.
 */
class StartAndStateTest {

  static final String PATCH =
      "PATCH /assistant/update/"
          + MockHttp.EXAMPLE
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization:"
          + " Bearer mock-dev-key\r\nContent-Length: 24\r\nConnection: close\r\n\r\n"
          + "{\"assistant_name\":\"rdy\"}";

  static final String HEALTH =
      "GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

  @Test
  void no_answer_before_the_contract_answers_correctly_across_starts() throws Exception {
    List<Long> readyMillis = new ArrayList<>();
    for (int start = 0; start < 3; start++) {
      // held for the mock until it listens: a port picked free and closed could be taken by
      // anything running beside the build, and its answers taken for the mock's
      try (ReservedPort reserved = ReservedPort.forServer();
          ForkedMock mock = ForkedMock.start("--port", Integer.toString(reserved.port()))) {
        int port = reserved.port();
        // hammer the port from before it opens: every answer must be the contract's
        List<String> answers = new ArrayList<>();
        long firstAnswer = -1;
        // a guard against a hang only: a start takes seconds, a minute means it never answers
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int afterFirst = 0;
        while (System.nanoTime() < deadline && afterFirst < 40) {
          String request = afterFirst % 2 == 0 ? PATCH : HEALTH;
          String answer = exchange(port, request);
          if (answer == null) {
            if (!mock.process.isAlive()) {
              throw new AssertionError("the mock ended: " + mock.stdout() + mock.stderr());
            }
            continue; // not listening yet
          }
          if (firstAnswer < 0) {
            firstAnswer = System.nanoTime();
          }
          answers.add(answer);
          afterFirst++;
        }
        readyMillis.add((firstAnswer - mock.startedNanos) / 1_000_000);
        assertEquals(40, answers.size(), "too few answers");
        for (int i = 0; i < answers.size(); i++) {
          String a = answers.get(i);
          if (i % 2 == 0) {
            assertTrue(a.startsWith("HTTP/1.1 200"), () -> "start, answer: " + a);
            assertTrue(a.contains("\"success\":true"), a);
          } else {
            assertTrue(a.startsWith("HTTP/1.1 200") && a.contains("healthy"), a);
          }
        }
      }
    }
    System.out.println(
        "JVM start to first (correct) answer, ms (a C1-only test JVM, not the benchmark): "
            + readyMillis);
  }

  /** One request on a fresh connection; null when nothing listens yet. */
  private static String exchange(int port, String request) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      ForkedMock.sleep(2);
      return null;
    }
  }

  @Test
  void a_start_prints_the_banner_and_nothing_else_and_verbose_adds_jetty() {
    try (ForkedMock quiet = ForkedMock.start("--port", "0")) {
      String url = quiet.awaitBaseUrl();
      new MockHttp(url).patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"q\"}");
      // all the process ever wrote, however late: stopped, and its output read to the end
      quiet.stop();
      assertEquals("", quiet.stderr(), "a quiet start wrote to stderr");
      assertTrue(
          quiet
              .stdout()
              .startsWith(
                  TestContract.CONTRACT.spec().require("#/info/title").asString()
                      + " mock listening on http://"),
          quiet.stdout());
      assertTrue(quiet.stdout().strip().endsWith("Ctrl-C stops it."), quiet.stdout());
    }
    try (ForkedMock verbose = ForkedMock.start("--port", "0", "--verbose")) {
      verbose.awaitBaseUrl();
      verbose.awaitStderr("org.eclipse.jetty");
    }
  }

  @Test
  void a_port_in_use_is_one_line_on_stderr_and_nothing_else() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      try (ForkedMock mock = ForkedMock.start("--port", Integer.toString(taken.getLocalPort()))) {
        assertTrue(mock.awaitExit(60)); // and its output read to the end
        assertEquals(1, mock.process.exitValue());
        List<String> lines = mock.stderr().lines().toList();
        assertEquals(1, lines.size(), mock.stderr());
        assertTrue(lines.get(0).startsWith("error: port") && lines.get(0).contains("in use"));
        assertEquals("", mock.stdout());
      }
    }
  }

  @Test
  void save_reset_and_restart_keep_the_own_stubs_once_and_never_save_them(@TempDir Path dir)
      throws Exception {
    String userStub =
        """
        {"request": {"method": "GET", "url": "/saved"}, "response": {"status": 299}}
        """;
    Path mappings = dir.resolve("src/test/resources/mappings");
    try (ForkedMock mock = ForkedMock.start(List.of(), dir, "--port", "0")) {
      MockHttp http = new MockHttp(mock.awaitBaseUrl());
      assertEquals(201, http.post("/__admin/mappings", userStub).status());
      assertEquals(200, http.post("/__admin/mappings/save", "").status());
      assertEquals(1, jsonFiles(mappings), "only the user's stub is saved");
      for (int i = 0; i < 2; i++) {
        var reset = http.post("/__admin/reset", "");
        assertEquals(200, reset.status(), reset::text);
        assertEquals(5, mappingCount(http), "own four plus the saved one");
      }
      assertEquals(200, http.post("/__admin/mappings/reset", "").status());
      assertEquals(299, http.get("/saved").status());
      assertEquals(200, devPatch(http).status());
    }
    // another file in the directory is loaded as it is
    Files.writeString(
        mappings.resolve("other.json"),
        """
        {"id": "11111111-2222-3333-4444-555555555555", "priority": 100, "persistent": true,
         "request": {"method": "ANY", "url": "/nothing"},
         "response": {"status": 404}}
        """);
    try (ForkedMock again = ForkedMock.start(List.of(), dir, "--port", "0")) {
      MockHttp http = new MockHttp(again.awaitBaseUrl());
      assertEquals(6, mappingCount(http), "own four, the saved one, the other file");
      assertEquals(299, http.get("/saved").status());
      assertEquals(200, http.post("/__admin/reset", "").status());
      assertEquals(6, mappingCount(http));
      assertEquals(200, http.post("/__admin/mappings/save", "").status());
      assertEquals(2, jsonFiles(mappings));
      assertEquals(200, devPatch(http).status());
    }
  }

  private static MockHttp.Answer devPatch(MockHttp http) {
    return http.patch(
        MockHttp.EXAMPLE,
        "{\"assistant_name\":\"saved\"}".getBytes(StandardCharsets.UTF_8),
        java.util.Map.of(
            "Content-Type", "application/json", "Authorization", "Bearer " + MockConfig.DEV_KEY));
  }

  private static int mappingCount(MockHttp http) {
    return http.get("/__admin/mappings").json().get("mappings").size();
  }

  private static long jsonFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void own_stubs_are_recognised_in_a_saved_file_of_an_earlier_version(@TempDir Path dir)
      throws Exception {
    // write what the old mock saved: its own stubs with random ids and no marker
    try (MockServer reference = MockServer.start(MockConfig.defaults())) {
      Path mappings = dir.resolve("src/test/resources/mappings");
      Files.createDirectories(mappings);
      int i = 0;
      for (var stub : reference.wireMock().getStubMappings()) {
        var old = StubMapping.buildFrom(StubMapping.buildJsonStringFor(stub));
        old.setId(java.util.UUID.randomUUID());
        old.setMetadata(null);
        old.setPersistent(true);
        Files.writeString(
            mappings.resolve("old-" + i++ + ".json"), StubMapping.buildJsonStringFor(old));
      }
    }
    try (ForkedMock mock = ForkedMock.start(List.of(), dir, "--port", "0")) {
      MockHttp http = new MockHttp(mock.awaitBaseUrl());
      assertEquals(4, mappingCount(http), http.get("/__admin/mappings").text());
      assertEquals(200, http.post("/__admin/reset", "").status());
      assertEquals(4, mappingCount(http));
      mock.stop(); // all it wrote, however late, read to the end
      assertFalse(mock.stderr().contains("Duplicate"), mock.stderr());
    }
  }
}
