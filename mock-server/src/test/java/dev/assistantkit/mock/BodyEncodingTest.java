package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies as the edge reads them: limits before reading and while streaming (inflated bytes
 * counted), the content codings the mock reads and those it refuses, chunked framing. Every refusal
 * is a 4xx in the error shape, and the assistant is unchanged. A refusal "before reading" or "as it
 * streams" is shown by what was sent: the answer comes while the rest of the body never will, so
 * the edge cannot have waited for it (it would have answered 408 after its 5 s).
 */
class BodyEncodingTest {

  static final String PATH = "/assistant/update/" + MockHttp.EXAMPLE;
  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String head(String extra) {
    return RawHttp.head(
        "PATCH",
        PATH,
        "Content-Type: application/json\r\nAuthorization: Bearer " + MockHttp.KEY + "\r\n" + extra);
  }

  private static RawHttp.Answer send(String extra, byte[] body) {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(head(extra));
      raw.sendQuietly(body);
      return raw.read();
    }
  }

  private static void assertRefused(RawHttp.Answer a, int status, String rule) {
    assertEquals(status, a.status(), a::toString);
    assertEquals("application/json", a.header("Content-Type"), a::toString);
    assertEquals(false, a.json().get("success").asBoolean(), a::toString);
    assertEquals(rule, a.rule(), a::toString);
  }

  @Test
  void gzip_and_deflate_bodies_are_inflated_by_the_edge() {
    for (String[] c : new String[][] {{"gzip", "g"}, {"x-gzip", "x"}, {"deflate", "z"}}) {
      byte[] plain = Bodies.utf8("{\"assistant_name\":\"coded-" + c[1] + "\"}");
      byte[] coded = c[0].equals("deflate") ? Bodies.deflate(plain, true) : Bodies.gzip(plain);
      var a =
          send("Content-Encoding: " + c[0] + "\r\nContent-Length: " + coded.length + "\r\n", coded);
      assertEquals(200, a.status(), a::toString);
      assertEquals("coded-" + c[1], http.state(MockHttp.EXAMPLE).get("assistant_name").asString());
    }
    // raw deflate (no zlib wrapper), as some clients send it
    byte[] raw = Bodies.deflate(Bodies.utf8("{\"assistant_name\":\"raw\"}"), false);
    assertEquals(
        200,
        send("Content-Encoding: deflate\r\nContent-Length: " + raw.length + "\r\n", raw).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "compress", "zstd", "gzip, gzip", "identity, br", "bogus"})
  void other_content_codings_are_400_content_encoding(String coding) {
    byte[] body = Bodies.utf8("{\"assistant_name\":\"never\"}");
    var before = http.state(MockHttp.EXAMPLE);
    var a =
        send("Content-Encoding: " + coding + "\r\nContent-Length: " + body.length + "\r\n", body);
    assertRefused(a, 400, "body.content-encoding");
    assertEquals("/Content-Encoding", a.json().get("errors").get(0).get("pointer").asString());
    assertEquals(before, http.state(MockHttp.EXAMPLE));
  }

  @Test
  void a_body_that_is_not_valid_in_its_coding_is_400_content_encoding() {
    byte[] gz = Bodies.gzip(Bodies.utf8("{\"assistant_name\":\"truncated\"}"));
    byte[] truncated = Arrays.copyOf(gz, gz.length - 6);
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 1;
    byte[] notGzip = Bodies.utf8("{\"assistant_name\":\"plain\"}");
    for (byte[] body : List.of(truncated, badCrc, notGzip)) {
      var a = send("Content-Encoding: gzip\r\nContent-Length: " + body.length + "\r\n", body);
      assertRefused(a, 400, "body.content-encoding");
    }
    byte[] notDeflate = Bodies.utf8("not deflate at all");
    assertRefused(
        send(
            "Content-Encoding: deflate\r\nContent-Length: " + notDeflate.length + "\r\n",
            notDeflate),
        400,
        "body.content-encoding");
  }

  @Test
  void a_content_length_over_the_limit_is_refused_before_a_byte_is_read() {
    try (RawHttp raw = new RawHttp(server.port())) {
      // 100 MiB announced, not a byte sent: a 400 body.limits, not the 408 of a body waited for
      raw.send(head("Content-Length: 104857600\r\n"));
      var a = raw.read();
      assertRefused(a, 400, "body.limits");
      assertEquals("close", a.header("Connection"));
    }
  }

  @Test
  void a_chunked_body_is_cut_at_the_limit_as_it_streams() {
    byte[] chunk = new byte[16 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(head("Transfer-Encoding: chunked\r\n"));
      raw.send(Bodies.chunk(Bodies.utf8("{\"assistant_name\":\"x\""), 0, 21));
      // far more than the limit is offered; the edge answers once it has seen 64 KiB
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0;
                    i < 6400 && raw.sendQuietly(Bodies.chunk(chunk, 0, chunk.length));
                    i++) {
                  // 100 MiB at most
                }
              });
      writer.setDaemon(true);
      writer.start();
      var a = raw.read();
      assertRefused(a, 400, "body.limits");
      raw.hangUp();
      join(writer);
    }
  }

  /** The writer stops once the connection is closed; the minute guards against a hang only. */
  private static void join(Thread writer) {
    try {
      writer.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertFalse(writer.isAlive(), "the writer is still sending");
  }

  @Test
  void a_gzip_bomb_is_cut_at_the_limit_of_inflated_bytes() {
    byte[] bomb = Bodies.gzipBomb(1024); // about 1 MB inflating to 1 GiB
    assertTrue(bomb.length < 1_200_000, () -> "bomb of " + bomb.length);
    // with its Content-Length: over the limit as sent, refused before reading
    assertRefused(
        send("Content-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n", new byte[0]),
        400,
        "body.limits");
    // chunked: cut as soon as the inflated bytes pass the limit
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(head("Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"));
      // the whole bomb, but never its last chunk: an edge that read to the end of the body before
      // judging it would wait for that chunk and answer 408; the 400 says it cut the bomb as it
      // streamed
      Thread writer =
          new Thread(
              () -> {
                for (int off = 0; off < bomb.length; off += 8192) {
                  if (!raw.sendQuietly(
                      Bodies.chunk(bomb, off, Math.min(8192, bomb.length - off)))) {
                    return;
                  }
                }
              });
      writer.setDaemon(true);
      writer.start();
      var a = raw.read();
      assertRefused(a, 400, "body.limits");
      raw.hangUp();
      join(writer);
    }
    // a small bomb under the limit as sent (60 KiB of gzip, 60 MiB inflated)
    byte[] small = Bodies.gzipBomb(60);
    assertTrue(small.length < 65_536);
    assertRefused(
        send("Content-Encoding: gzip\r\nContent-Length: " + small.length + "\r\n", small),
        400,
        "body.limits");
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"after\"}").status());
  }

  @Test
  void an_admin_body_that_is_gzip_without_saying_so_never_reaches_wiremock() {
    // WireMock inflates any body that starts like gzip, whole: the edge refuses it first
    byte[] bomb = Bodies.gzipBomb(1024);
    for (String coding : List.of("", "Content-Encoding: gzip\r\n")) {
      byte[] body = coding.isEmpty() ? bomb : Bodies.gzip(Bodies.gzip(Bodies.utf8("{}")));
      try (RawHttp raw = new RawHttp(server.port())) {
        raw.send(
            RawHttp.head(
                "POST",
                "/__admin/mappings",
                coding
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n"));
        raw.sendQuietly(body);
        assertRefused(raw.read(), 400, "body.content-encoding");
      }
    }
  }

  @Test
  void the_test_bomb_is_valid_gzip() throws Exception {
    byte[] bomb = Bodies.gzipBomb(3);
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bomb))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      assertEquals(3 << 20, out.size());
    }
  }

  @Test
  void a_small_chunked_body_arriving_in_pieces_is_read_normally() throws Exception {
    byte[] body = Bodies.utf8("{\"assistant_name\":\"pieces\"}");
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(head("Transfer-Encoding: chunked\r\n"));
      for (int i = 0; i < body.length; i += 5) {
        raw.send(Bodies.chunk(body, i, Math.min(5, body.length - i)));
        Thread.sleep(20);
      }
      raw.send(Bodies.LAST_CHUNK);
      var a = raw.read();
      assertEquals(200, a.status(), a::toString);
    }
    assertEquals("pieces", http.state(MockHttp.EXAMPLE).get("assistant_name").asString());
  }

  @Test
  void a_body_arriving_after_its_head_is_answered_once_and_the_connection_goes_on()
      throws Exception {
    byte[] stub =
        Bodies.utf8(
            "{\"request\":{\"method\":\"GET\",\"url\":\"/late\"},\"response\":{\"status\":200}}");
    byte[] patch = Bodies.utf8("{\"assistant_name\":\"late\"}");
    try (RawHttp raw = new RawHttp(server.port())) {
      for (int i = 0; i < 5; i++) {
        raw.send(
            RawHttp.head(
                "POST",
                "/__admin/mappings",
                "Content-Type: application/json\r\nContent-Length: " + stub.length + "\r\n"));
        Thread.sleep(30);
        raw.send(stub);
        assertEquals(201, raw.read().status());
        raw.send(head("Content-Length: " + patch.length + "\r\n"));
        Thread.sleep(30);
        raw.send(patch);
        assertEquals(200, raw.read().status());
        raw.send(RawHttp.head("GET", "/__admin/mappings", ""));
        assertEquals(200, raw.read().status());
      }
    }
    http.send(
        "DELETE",
        "/__admin/mappings",
        java.net.http.HttpRequest.BodyPublishers.noBody(),
        java.util.Map.of());
  }

  @Test
  void methods_are_case_sensitive_so_lower_case_patch_is_400() {
    var before = http.state(MockHttp.EXAMPLE);
    byte[] body = Bodies.utf8("{\"assistant_name\":\"lower\"}");
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          RawHttp.head(
              "patch",
              PATH,
              "Content-Type: application/json\r\nAuthorization: Bearer "
                  + MockHttp.KEY
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\n"));
      raw.send(body);
      assertRefused(raw.read(), 400, "request.malformed");
    }
    assertEquals(before, http.state(MockHttp.EXAMPLE));
    assertFalse(
        http.get("/__admin/requests").text().contains("lower"), "WireMock saw a lower-case patch");
  }

  @Test
  void a_body_sent_in_pieces_with_a_content_length_is_read_normally() throws Exception {
    byte[] body = Bodies.utf8("{\"assistant_name\":\"slow but complete\"}");
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(head("Content-Length: " + body.length + "\r\n"));
      raw.send(Arrays.copyOf(body, 10));
      Thread.sleep(300);
      raw.send(Arrays.copyOfRange(body, 10, body.length));
      assertEquals(200, raw.read().status());
    }
    assertEquals(0, server.door().pendingBodies());
  }
}
