package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large import through {@code POST /__admin/mappings/import}, as the admin checks read it (a
 * stream of tokens, no tree): one stub that calls out, last of 10,000, refuses the whole import; an
 * import cut short is a 400 in the kit's error shape, not WireMock's 422; the door's 4 MiB cap
 * still holds, as sent and once a gzip-encoded import is decoded; and the same import, clean (or
 * gzip-encoded), is taken whole.
 */
class AdminImportTest {

  static final int STUBS = 10_000;
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

  @BeforeEach
  void fresh() {
    assertEquals(200, http.post("/__admin/reset", "").status());
  }

  /** {@value #STUBS} stubs as a recorded suite holds them, then {@code last} (a stub, or none). */
  static String importOf(String last) {
    StringBuilder b = new StringBuilder(STUBS * 300).append("{\"mappings\": [");
    for (int i = 0; i < STUBS; i++) {
      b.append(i == 0 ? "" : ",")
          .append(
              """
              {"request": {"method": "GET", "urlPath": "/things/%d",
                           "headers": {"Accept": {"contains": "json"}}},
               "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                            "jsonBody": {"id": %d, "name": "thing %d", "tags": ["a", "b"]}}}"""
                  .formatted(i, i, i));
    }
    b.append(last.isEmpty() ? "" : ",").append(last);
    return b.append(
            "], \"importOptions\": {\"duplicatePolicy\": \"IGNORE\","
                + " \"deleteAllNotInImport\": false}}")
        .toString();
  }

  static RawHttp.Answer post(String target, byte[] body) {
    return post(target, body, "");
  }

  /** A POST of a body as given, with further header lines (each ending in CRLF). */
  static RawHttp.Answer post(String target, byte[] body, String headers) {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          RawHttp.head(
              "POST",
              target,
              "Content-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n"
                  + headers));
      raw.send(body);
      return raw.read();
    }
  }

  static byte[] gzip(byte[] plain) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(plain);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static int mappings() {
    return http.get("/__admin/mappings?limit=1").json().path("meta").path("total").asInt();
  }

  @Test
  void a_webhook_last_of_ten_thousand_stubs_refuses_the_import_whole() {
    int before = mappings();
    String webhook =
        """
        {"request": {"method": "GET", "url": "/hook"}, "response": {"status": 204},
         "serveEventListeners": [{"name": "webhook",
           "parameters": {"method": "POST", "url": "http://127.0.0.1:9/planted"}}]}""";
    byte[] body = importOf(webhook).getBytes(StandardCharsets.UTF_8);
    assertEquals(true, body.length > 2_500_000, "a large import: " + body.length + " bytes");
    RawHttp.Answer a = post("/__admin/mappings/import", body);
    assertEquals(403, a.status(), a::toString);
    ErrorShapeTest.assertShape(a, "admin.disabled");
    assertEquals(before, mappings(), "no stub of the import was added");
    assertEquals(404, http.get("/hook").status());

    String proxy =
        "{\"request\": {\"url\": \"/relay\"}, \"response\": {\"proxyBaseUrl\": \"http://x\"}}";
    a = post("/__admin/mappings/import", importOf(proxy).getBytes(StandardCharsets.UTF_8));
    assertEquals(403, a.status(), a::toString);
    assertEquals(before, mappings(), "no stub of the import was added");
  }

  @Test
  void the_same_import_without_it_is_taken_whole() {
    int before = mappings();
    RawHttp.Answer a =
        post("/__admin/mappings/import", importOf("").getBytes(StandardCharsets.UTF_8));
    assertEquals(200, a.status(), a::toString);
    assertEquals(before + STUBS, mappings());
  }

  @Test
  void an_import_cut_short_is_a_400_in_the_kits_shape_and_changes_nothing() {
    int before = mappings();
    String whole = importOf("");
    for (String broken :
        List.of(
            whole.substring(0, whole.length() - 3),
            whole.substring(0, whole.length() / 2),
            whole.replace("\"thing 9999\"", "thing 9999"),
            "garbage")) {
      RawHttp.Answer a = post("/__admin/mappings/import", broken.getBytes(StandardCharsets.UTF_8));
      assertEquals(400, a.status(), a::toString);
      ErrorShapeTest.assertShape(a, "admin.invalid-request");
    }
    assertEquals(before, mappings(), "no stub of a broken import was added");
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"up\"}").status());
  }

  @Test
  void an_import_over_the_admin_cap_is_refused_before_it_is_read() {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          RawHttp.head(
              "POST",
              "/__admin/mappings/import",
              "Content-Type: application/json\r\nContent-Length: "
                  + (4 * 1024 * 1024 + 1)
                  + "\r\n"));
      RawHttp.Answer a = raw.read();
      assertEquals(400, a.status(), a::toString);
      ErrorShapeTest.assertShape(a, "body.limits");
    }
  }

  @Test
  void a_gzip_encoded_import_is_read_as_decoded_and_judged_alike() {
    int before = mappings();
    String hello =
        "{\"mappings\": [{\"request\": {\"method\": \"GET\", \"url\": \"/gz-hello\"},"
            + " \"response\": {\"status\": 200, \"body\": \"hi\"}}]}";
    RawHttp.Answer a =
        post(
            "/__admin/mappings/import",
            gzip(hello.getBytes(StandardCharsets.UTF_8)),
            "Content-Encoding: gzip\r\n");
    assertEquals(200, a.status(), a::toString);
    assertEquals(before + 1, mappings());
    assertEquals(200, http.get("/gz-hello").status());

    // compressed, a stub that calls out is refused as it is uncompressed
    String webhook =
        "{\"mappings\": [{\"request\": {\"url\": \"/hook\"}, \"response\": {\"status\": 204},"
            + " \"serveEventListeners\": [{\"name\": \"webhook\", \"parameters\":"
            + " {\"method\": \"POST\", \"url\": \"http://127.0.0.1:9/planted\"}}]}]}";
    a =
        post(
            "/__admin/mappings/import",
            gzip(webhook.getBytes(StandardCharsets.UTF_8)),
            "Content-Encoding: gzip\r\n");
    assertEquals(403, a.status(), a::toString);
    ErrorShapeTest.assertShape(a, "admin.disabled");
    assertEquals(before + 1, mappings(), "the compressed webhook was not added");
  }

  @Test
  void a_gzip_bomb_of_an_import_is_refused_at_the_decoded_cap_and_changes_nothing() {
    int before = mappings();
    // 200 KB on the wire, 64 MiB once decoded: over the 4 MiB admin cap only as decoded
    byte[] padding = new byte[64 * 1024 * 1024];
    java.util.Arrays.fill(padding, (byte) ' ');
    java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
    plain.writeBytes("{\"mappings\": [".getBytes(StandardCharsets.UTF_8));
    plain.writeBytes(padding);
    plain.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    byte[] bomb = gzip(plain.toByteArray());
    assertEquals(true, bomb.length < 4 * 1024 * 1024, "under the cap as sent: " + bomb.length);
    RawHttp.Answer a = post("/__admin/mappings/import", bomb, "Content-Encoding: gzip\r\n");
    assertEquals(400, a.status(), a::toString);
    ErrorShapeTest.assertShape(a, "body.limits");
    assertEquals(before, mappings());
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"up\"}").status());
  }
}
