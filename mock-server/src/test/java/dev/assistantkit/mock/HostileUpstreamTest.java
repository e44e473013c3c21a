package dev.assistantkit.mock;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Proxy mode facing an upstream that misbehaves on purpose: a raw socket on 127.0.0.1 that never
 * answers, stops after its head or in its body, never stops, sends a megabyte of headers, speaks
 * another protocol, redirects to a metadata address, or echoes the client's token. One proxy (its
 * own JVM, {@code -Xmx128m --proxy-timeout 2 --verbose}) faces them all in turn: every exchange
 * ends, with the documented 502 or a visibly cut answer, nothing grows without bound, no secret
 * reaches the traffic views or the log, and at the end a well-behaved answer still passes and
 * stderr holds no stack trace. The upstream holds what it holds for two minutes, so an exchange
 * ends early only because the proxy ended it; one the proxy does not end fails as a hang (after
 * {@link #HANG_MS}). How long each exchange took is printed, not asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileUpstreamTest {

  static final long TIMEOUT_MS = 2000;

  /**
   * A guard against a hang only: thirty times the proxy's timeout, and half of what the upstream
   * holds a connection ({@link HostileUpstream#HOLD_MS}). An exchange still going then is one the
   * proxy did not end: a broken timeout, however slow the machine.
   */
  static final int HANG_MS = 60_000;

  static final String TOKEN = "hostile-upstream-token-3f9c7a1e";
  static final String UNREACHABLE = "proxy.upstream-unreachable";

  static final String WELL_BEHAVED_BODY =
      "{\"success\":true,\"message\":\"Assistant updated successfully\",\"data\":{\"assistant_id\":\""
          + MockHttp.EXAMPLE
          + "\"}}";

  private HostileUpstream upstream;
  private ForkedMock proxy;
  private int port;
  private MockHttp http;
  private long threadsAtStart;

  @BeforeAll
  void start() {
    upstream = new HostileUpstream();
    proxy =
        ForkedMock.start(
            List.of("-Xmx128m"),
            null,
            "--port",
            "0",
            "--proxy-to",
            "http://127.0.0.1:" + upstream.port(),
            "--proxy-timeout",
            Double.toString(TIMEOUT_MS / 1000.0),
            "--verbose");
    port = proxy.awaitPort();
    http = new MockHttp("http://127.0.0.1:" + port);
    warmUp();
    assertServesNormally();
    threadsAtStart = proxyThreads();
  }

  @AfterAll
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  // ---------------------------------------------------------------------------------- the cases

  @Test
  @Order(1)
  void an_upstream_that_accepts_and_never_answers_is_a_502_once_the_timeout_is_up() {
    upstream.answer("never answers", (s, request) -> upstream.holdOpen(s));
    ExchangeEnd e = exchange();
    assertProxyError(e, UNREACHABLE);
    assertTrue(e.millis() >= TIMEOUT_MS - 200, "answered before the timeout: " + e);
    // the traffic says there was no answer, not that the request named no operation
    JsonNode x = lastRecorded();
    assertEquals(502, x.get("status").asInt(), x::toString);
    assertEquals("no-answer", x.at("/verdicts/outcome").asString(), x::toString);
    assertTrue(x.path("incomplete").asString().contains(UNREACHABLE), x::toString);
  }

  @ParameterizedTest(name = "framed by {0}")
  @Order(2)
  @CsvSource(
      delimiter = '|',
      value = {
        "Content-Length | Content-Length: 64",
        "chunks         | Transfer-Encoding: chunked",
        "the close      | ''"
      })
  void an_upstream_that_stops_after_its_head_is_cut_at_the_timeout_and_the_proxy_goes_on(
      String framedBy, String framing) {
    String field = framing.isEmpty() ? "" : framing + "\r\n";
    upstream.answer(
        "head then nothing (" + framedBy + ")",
        (s, request) -> {
          HostileUpstream.write(
              s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + field + "\r\n");
          upstream.holdOpen(s);
        });
    ExchangeEnd e = exchange();
    // the head went on as it came; the end of the answer never did: the client sees it cut
    assertEquals(200, e.status(), e::toString);
    assertEquals("application/json", e.header("content-type"));
    assertFalse(e.complete(), "a cut answer reached the client as if complete: " + e);
    assertTrue(e.millis() >= TIMEOUT_MS - 200, "cut before the timeout: " + e);
    assertTrue(lastRecorded().has("incomplete"), lastRecorded()::toString);
    assertServesNormally();
  }

  @Test
  @Order(3)
  void a_body_that_stalls_after_10_of_its_1000_bytes_is_cut_and_recorded_as_incomplete() {
    byte[] first = "{\"success\"".getBytes(UTF_8);
    upstream.answer(
        "10 of 1000 bytes",
        (s, request) -> {
          HostileUpstream.write(
              s,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
          s.getOutputStream().write(first);
          s.getOutputStream().flush();
          upstream.holdOpen(s);
        });
    ExchangeEnd e = exchange();
    assertEquals(200, e.status(), e::toString);
    assertArrayEquals(first, e.body(), "the client got what the upstream sent, no more");
    assertFalse(e.complete(), "a cut answer reached the client as if complete: " + e);
    assertTrue(e.millis() >= TIMEOUT_MS - 200, "cut before the timeout: " + e);

    JsonNode x = lastRecorded();
    assertEquals(200, x.get("status").asInt(), x::toString);
    assertTrue(x.path("incomplete").asString().contains("10 bytes"), x::toString);
    JsonNode v = x.get("verdicts");
    assertEquals("answer-incomplete", v.get("outcome").asString(), v::toString);
    // 10 bytes of JSON are not judged as the whole body (which would break response.json)
    for (JsonNode f : v.path("response")) {
      assertFalse(
          f.get("rule").asString().equals("response.json")
              || f.get("rule").asString().equals("response.success-body"),
          v::toString);
    }
    String har = http.get("/__mock/traffic.har").text();
    assertTrue(har.contains("incomplete"), "the HAR does not say the answer was cut");
  }

  @Test
  @Order(4)
  void an_endless_body_is_cut_at_the_timeout_and_only_its_first_bytes_are_kept() {
    AtomicLong written = new AtomicLong();
    upstream.answer(
        "endless body",
        (s, request) -> {
          HostileUpstream.write(
              s,
              "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n");
          byte[] chunk = chunk(64 * 1024);
          OutputStream out = s.getOutputStream();
          long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HostileUpstream.HOLD_MS);
          while (System.nanoTime() < until) {
            out.write(chunk); // until the proxy hangs up (an IOException ends this thread)
            written.addAndGet(64 * 1024);
          }
        });
    ExchangeEnd e = exchange();
    assertEquals(200, e.status(), e::toString);
    assertFalse(e.complete(), "an endless answer reached the client as if complete: " + e);
    assertEquals("chunked", e.header("transfer-encoding"), "an unknown length goes on chunked");
    assertTrue(e.millis() >= TIMEOUT_MS - 200, "cut before the timeout: " + e);
    // it streamed: a proxy waiting for the end of an endless body would have passed on nothing.
    // How much passed in the proxy's 2 s is this machine's speed, printed (megabytes here)
    assertTrue(e.bodyBytes() > 0, "it did not stream: " + e);
    System.out.printf(
        "the endless body: %d bytes written, %d passed on%n", written.get(), e.bodyBytes());
    assertTrue(proxy.process.isAlive());

    JsonNode x = lastRecorded();
    assertTrue(x.has("incomplete"), x::toString);
    byte[] json = http.get("/__mock/traffic").body();
    byte[] har = http.get("/__mock/traffic.har").body();
    byte[] html = http.get("/__mock/traffic.html").body();
    // the kept copy is capped (64 KiB, base64 in the HAR), whatever the upstream sent
    assertTrue(har.length < 512 * 1024, "the HAR holds " + har.length + " bytes");
    assertTrue(json.length < 256 * 1024, "the JSON holds " + json.length + " bytes");
    assertTrue(html.length < 256 * 1024, "the page holds " + html.length + " bytes");
    // the caps prove something only if more went through than the largest of them: a machine
    // too slow to pass a megabyte in 2 s leaves this part unproven (skipped), not failed
    Assumptions.assumeTrue(
        e.bodyBytes() > 1024 * 1024 && written.get() > 2L * har.length,
        "too little streamed in the proxy's 2 s to prove the caps: " + e.bodyBytes() + " bytes");
  }

  @ParameterizedTest(name = "{0} headers of {1} bytes")
  @Order(5)
  @CsvSource({"1024, 1024", "1, 1048576", "40, 1024"})
  void a_huge_header_block_is_a_502_in_the_error_shape(int count, int size) {
    // a MiB of headers, a MiB in one header, and 40 KiB: over what Jetty sends (32 KiB of head)
    upstream.answer(
        "huge head",
        (s, request) -> {
          OutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536);
          out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".getBytes(ISO_8859_1));
          String value = "v".repeat(size);
          for (int i = 0; i < count; i++) {
            out.write(("X-Filler-" + i + ": " + value + "\r\n").getBytes(ISO_8859_1));
          }
          out.write("Content-Length: 2\r\nConnection: close\r\n\r\n{}".getBytes(ISO_8859_1));
          out.flush();
          upstream.holdOpen(s);
        });
    ExchangeEnd e = exchange();
    assertProxyError(e, UNREACHABLE);
    assertTrue(proxy.process.isAlive());
  }

  @ParameterizedTest(name = "garbage #{index}")
  @Order(6)
  @ValueSource(strings = {"SSH-2.0-OpenSSH_9.6p1 Debian-3\r\n", "\u0016\u0003\u0001\u0002\u0000"})
  void an_upstream_that_does_not_speak_http_is_a_502_in_the_error_shape(String garbage) {
    upstream.answer("not HTTP", (s, request) -> HostileUpstream.write(s, garbage)); // and close
    ExchangeEnd e = exchange();
    assertProxyError(e, UNREACHABLE);
  }

  @Test
  @Order(7)
  void answers_that_are_not_http_leave_no_socket_open_in_the_proxy() {
    // the JDK's HTTP client never closes a connection whose head it cannot parse, even once the
    // upstream has closed its side: one socket a hostile answer, until the proxy has none left
    upstream.answer(
        "not HTTP, twenty times", (s, request) -> HostileUpstream.write(s, "SSH-2.0-x\r\n"));
    long before = proxySockets();
    for (int i = 0; i < 20; i++) {
      assertProxyError(exchange(), UNREACHABLE);
    }
    // closed as the proxy lets go of them; the minute is a guard against a hang only
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (proxySockets() > before + 3 && System.nanoTime() < until) {
      ForkedMock.sleep(50);
    }
    assertTrue(
        proxySockets() <= before + 3, "sockets before: " + before + ", after: " + proxySockets());
  }

  @Test
  @Order(8)
  void a_redirect_goes_back_to_the_client_unchanged_and_is_not_followed() {
    for (String location :
        List.of(
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "http://127.0.0.1:" + upstream.port() + "/followed-by-the-proxy")) {
      upstream.answer(
          "redirect",
          (s, request) ->
              HostileUpstream.write(
                  s,
                  "HTTP/1.1 302 Found\r\nLocation: "
                      + location
                      + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
      int before = upstream.requests.size();
      ExchangeEnd e = exchange();
      assertEquals(302, e.status(), e::toString);
      assertEquals(location, e.header("location"));
      assertTrue(e.complete());
      assertEquals(before + 1, upstream.requests.size(), upstream.requests::toString);
    }
    assertTrue(
        upstream.requests.stream().noneMatch(r -> r.contains("/followed-by-the-proxy")),
        upstream.requests::toString);
  }

  @Test
  @Order(9)
  void an_upstreams_own_502_passes_unchanged_and_is_judged_as_its_answer() {
    byte[] body = "{\"success\":false,\"message\":\"Bad gateway\",\"errors\":[]}".getBytes(UTF_8);
    upstream.answer(
        "its own 502",
        (s, request) -> {
          HostileUpstream.write(
              s,
              "HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n");
          s.getOutputStream().write(body);
          s.getOutputStream().flush();
        });
    ExchangeEnd e = exchange();
    assertEquals(502, e.status(), e::toString);
    assertTrue(e.complete(), e::toString);
    assertArrayEquals(body, e.body());
    JsonNode v = lastRecorded().get("verdicts");
    // a 502 the page does not declare, from the server itself: a finding, not "no answer"
    assertEquals("answer-broke-rules", v.get("outcome").asString(), v::toString);
    List<String> rules = new ArrayList<>();
    v.get("response").forEach(f -> rules.add(f.get("rule").asString()));
    assertTrue(rules.contains("response.status-declared"), v::toString);
  }

  @ParameterizedTest
  @Order(10)
  @ValueSource(strings = {"application/json", "text/plain"})
  void an_echoed_token_and_cookies_reach_the_client_unchanged_but_no_traffic_view(String type) {
    String body =
        type.equals("application/json")
            ? "{\"success\":true,\"message\":\"hello Bearer "
                + TOKEN
                + "\",\"data\":{\"assistant_id\":\""
                + MockHttp.EXAMPLE
                + "\",\"seen\":\""
                + TOKEN
                + "\"}}"
            : "you sent Authorization: Bearer " + TOKEN + "\n";
    byte[] bytes = body.getBytes(UTF_8);
    upstream.answer(
        "echo",
        (s, request) -> {
          HostileUpstream.write(
              s,
              "HTTP/1.1 200 OK\r\nContent-Type: "
                  + type
                  + "\r\nSet-Cookie: session="
                  + TOKEN
                  + "; Path=/; HttpOnly\r\nX-Echo: Bearer "
                  + TOKEN
                  + "\r\nX-Seen-"
                  + TOKEN
                  + ": yes\r\nContent-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n");
          s.getOutputStream().write(bytes);
          s.getOutputStream().flush();
        });
    ExchangeEnd e = exchange();
    String sent = upstream.requests.get(upstream.requests.size() - 1);
    assertTrue(sent.contains("Bearer " + TOKEN), "the token was not forwarded: " + sent);
    assertEquals(200, e.status(), e::toString);
    assertTrue(e.complete());
    assertArrayEquals(bytes, e.body(), "the body did not reach the client unchanged");
    assertEquals("session=" + TOKEN + "; Path=/; HttpOnly", e.header("set-cookie"));
    assertEquals("Bearer " + TOKEN, e.header("x-echo"));
    assertEquals("yes", e.header("x-seen-" + TOKEN));

    for (String view : List.of("/__mock/traffic", "/__mock/traffic.har", "/__mock/traffic.html")) {
      String text = http.get(view).text();
      int at = text.indexOf(TOKEN);
      assertTrue(
          at < 0,
          () ->
              "the token leaked into "
                  + view
                  + ": ..."
                  + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80)));
    }
    String har = http.get("/__mock/traffic.har").text();
    assertTrue(
        har.toLowerCase(Locale.ROOT).contains("x-echo"), "the answer's headers are not in the HAR");
  }

  @Test
  @Order(11)
  void after_all_that_a_well_behaved_upstream_is_served_and_nothing_leaked() {
    assertServesNormally();
    // the cookie an upstream set for one client is not kept and sent for another
    String sent = upstream.requests.get(upstream.requests.size() - 1);
    assertFalse(sent.toLowerCase(Locale.ROOT).contains("cookie:"), sent);
    // every connection the hostile upstream held open was closed by the proxy, not left to leak:
    // the upstream holds them for two minutes, so those still open after one were left open
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANG_MS);
    while (!upstream.open.isEmpty() && System.nanoTime() < until) {
      ForkedMock.sleep(50);
    }
    assertEquals(List.of(), List.copyOf(upstream.open.values()), "connections the proxy left open");
    assertEquals(List.of(), upstream.leftOpen, "upstream connections the proxy left open");
    assertTrue(proxy.process.isAlive(), proxy::stderr);
    // nothing a hostile answer started still runs: the thread count comes back to what it was (30
    // here) as the threads end; the minute is a guard against a hang only
    long threadsUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANG_MS);
    while (proxyThreads() > threadsAtStart + 5 && System.nanoTime() < threadsUntil) {
      ForkedMock.sleep(50);
    }
    assertTrue(
        proxyThreads() <= threadsAtStart + 5,
        "threads at the start: " + threadsAtStart + ", now: " + proxyThreads());
    proxy.stop(); // all it wrote, however late, read to the end
    String log = proxy.stdout() + proxy.stderr();
    assertFalse(log.contains("\tat "), "a stack trace in the proxy's output:\n" + log);
    assertFalse(log.contains("Exception in thread"), log);
    assertFalse(log.contains("OutOfMemoryError"), log);
    assertFalse(log.contains(TOKEN), "the token leaked into the proxy's output:\n" + log);
  }

  // ------------------------------------------------------------------------------------ helpers

  /** The well-behaved upstream's answer. */
  private static final HostileUpstream.Answer WELL_BEHAVED =
      (s, request) -> {
        byte[] b = WELL_BEHAVED_BODY.getBytes(UTF_8);
        HostileUpstream.write(
            s,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + b.length
                + "\r\nConnection: close\r\n\r\n");
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
      };

  /**
   * The proxy's first exchanges load its HTTP client's classes: on a loaded machine that can take
   * longer than the 2 s it gives an upstream, and the answer is its 502. Well-behaved exchanges are
   * sent until one passes (a minute at most, a guard against a hang); from then on each is asserted
   * at once. How many it took is printed.
   */
  private void warmUp() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int tries = 1; ; tries++) {
      upstream.answer("well-behaved (warm-up)", WELL_BEHAVED);
      ExchangeEnd e = exchange();
      if (e.status() == 200 && e.complete()) {
        System.out.println("the proxy was warm after " + tries + " exchange(s)");
        return;
      }
      assertTrue(System.nanoTime() < deadline, "no well-behaved answer passed in a minute: " + e);
    }
  }

  /** A well-behaved upstream's answer passes through whole. */
  private void assertServesNormally() {
    upstream.answer("well-behaved", WELL_BEHAVED);
    ExchangeEnd e = exchange();
    assertEquals(200, e.status(), e::toString);
    assertTrue(e.complete(), e::toString);
    assertEquals(WELL_BEHAVED_BODY, new String(e.body(), UTF_8));
    // framed as the upstream framed it: a known length passes on, so the answer ends in one write
    assertEquals(
        String.valueOf(WELL_BEHAVED_BODY.getBytes(UTF_8).length),
        e.header("content-length"),
        e::toString);
  }

  /** A 502 of the proxy in the error shape, under this rule. */
  private static void assertProxyError(ExchangeEnd e, String rule) {
    assertEquals(502, e.status(), e::toString);
    assertTrue(e.complete(), e::toString);
    assertTrue(e.header("content-type").startsWith("application/json"), e::toString);
    JsonNode b = MockHttp.JSON.readTree(e.body());
    assertFalse(b.get("success").asBoolean(), e::toString);
    assertFalse(b.get("message").asString().isEmpty(), e::toString);
    assertEquals(1, b.get("errors").size(), e::toString);
    JsonNode x = b.get("errors").get(0);
    assertEquals(rule, x.get("rule").asString(), e::toString);
    for (String field : List.of("in", "pointer", "message")) {
      assertTrue(x.has(field), field + " missing: " + e);
    }
  }

  /** The newest exchange at /__mock/traffic; it is recorded before the client sees the end. */
  private JsonNode lastRecorded() {
    JsonNode ex = http.get("/__mock/traffic").json().get("exchanges");
    assertTrue(ex.size() > 0, "nothing recorded");
    return ex.get(ex.size() - 1);
  }

  /** The proxy process's threads (Linux: /proc/PID/status). */
  private long proxyThreads() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + proxy.process.pid() + "/status"))) {
        if (line.startsWith("Threads:")) {
          return Long.parseLong(line.substring(8).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no thread count for " + proxy.process.pid());
  }

  /** The proxy process's open sockets (Linux: /proc/PID/fd). */
  private long proxySockets() {
    try (var fds = Files.list(Path.of("/proc/" + proxy.process.pid() + "/fd"))) {
      return fds.filter(
              f -> {
                try {
                  return Files.readSymbolicLink(f).toString().startsWith("socket:");
                } catch (IOException e) {
                  return false; // closed meanwhile
                }
              })
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] chunk(int size) {
    byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(ISO_8859_1);
    byte[] out = new byte[head.length + size + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    java.util.Arrays.fill(out, head.length, head.length + size, (byte) 'x');
    out[out.length - 2] = '\r';
    out[out.length - 1] = '\n';
    return out;
  }

  /**
   * A PATCH carrying the client's bearer token, through the proxy; read to the end the answer's
   * framing announces, or to the close. A proxy that neither ends nor closes within {@link
   * #HANG_MS} (silent or streaming) fails the test. How long it took is printed.
   */
  private ExchangeEnd exchange() {
    byte[] json = "{\"assistant_name\":\"hostile\"}".getBytes(UTF_8);
    String head =
        RawHttp.head(
            "PATCH",
            "/assistant/update/" + MockHttp.EXAMPLE,
            "Content-Type: application/json\r\nAuthorization: Bearer "
                + TOKEN
                + "\r\nContent-Length: "
                + json.length
                + "\r\nConnection: close\r\n");
    long t0 = System.nanoTime();
    AtomicBoolean hung = new AtomicBoolean();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), HANG_MS);
      s.setSoTimeout(HANG_MS);
      // an answer that streams for ever never times out a read: the socket is closed instead
      CompletableFuture<Void> guard =
          CompletableFuture.runAsync(
              () -> {
                hung.set(true);
                closeQuietly(s);
              },
              CompletableFuture.delayedExecutor(HANG_MS, TimeUnit.MILLISECONDS));
      ExchangeEnd e;
      try {
        s.getOutputStream().write(head.getBytes(ISO_8859_1));
        s.getOutputStream().write(json);
        s.getOutputStream().flush();
        e = ExchangeEnd.read(new BufferedInputStream(s.getInputStream()), t0);
      } finally {
        guard.cancel(false);
      }
      if (hung.get()) {
        throw new AssertionError("the proxy hung: no end after " + HANG_MS + " ms: " + e);
      }
      System.out.printf(
          "exchange ended: %d complete=%s after %d ms, %d bytes%n",
          e.status(), e.complete(), e.millis(), e.bodyBytes());
      return e;
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "the proxy hung: no end after " + (System.nanoTime() - t0) / 1_000_000 + " ms", e);
    } catch (IOException e) {
      if (hung.get()) {
        throw new AssertionError("the proxy hung: no end after " + HANG_MS + " ms", e);
      }
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }
}
