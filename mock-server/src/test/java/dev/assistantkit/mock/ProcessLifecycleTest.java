package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The mock as a separate process: starts, answers, and stops cleanly on SIGTERM. */
class ProcessLifecycleTest {

  @Test
  void sigterm_stops_the_mock_and_frees_its_port() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    javaBin,
                    "-cp",
                    System.getProperty("java.class.path"),
                    MockMain.class.getName(),
                    "--port",
                    "0"))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");
      String baseUrl = null;
      int port = -1;
      // a guard against a hang only: the banner comes in seconds
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
        Matcher m = listening.matcher(line);
        if (m.find()) {
          baseUrl = m.group(1);
          port = Integer.parseInt(m.group(2));
          break;
        }
      }
      assertNotNull(baseUrl, "the banner never showed the URL");
      MockHttp http = new MockHttp(baseUrl);
      assertEquals(401, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"x\"}").status());
      // the rest of the output, read as it comes (a SIGTERM closes the pipe)
      StringBuffer rest = new StringBuffer();
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (String line; (line = out.readLine()) != null; ) {
                    rest.append(line).append('\n');
                  }
                } catch (java.io.IOException closed) {
                  // the pipe closed with the process
                }
              });
      reader.setDaemon(true);
      reader.start();
      try (RawHttp raw = new RawHttp(port)) {
        raw.send(
            RawHttp.head(
                "PATCH",
                "/assistant/update/" + MockHttp.EXAMPLE,
                "Prefer: code=500\r\nContent-Length: 0\r\n"));
        assertEquals(500, raw.read().status(), "a 500 asked for");
        // the next answer on the same connection comes once the server is done with the 500,
        // log lines included: then a log line of it would be in the pipe
        raw.send(RawHttp.head("GET", "/__admin/health", ""));
        assertEquals(200, raw.read().status());
      }
      p.destroy(); // SIGTERM
      // a guard against a hang only: a stop takes a second
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the mock did not stop on SIGTERM");
      // the process has ended: the reader meets the end of its output
      reader.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(reader.isAlive(), "the mock's output did not end with it");
      // quiet: the forced 500 is an answer, not an error of the mock; a stop logs nothing
      assertTrue(rest.indexOf("ERROR") < 0 && rest.indexOf("Exception") < 0, rest::toString);
      try (ServerSocket again =
          new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
        assertEquals(port, again.getLocalPort());
      }
    } finally {
      p.destroyForcibly();
    }
  }
}
