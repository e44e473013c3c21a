package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The served spec's first server is the address the docs were opened by, so "Try it out" goes to
 * the mock from wherever a browser reaches it; a Host that is no host name does not get in.
 */
class DocsAddressTest {

  static MockServer mock;

  @BeforeAll
  static void start() {
    mock = MockServer.start(MockConfig.defaults().withPort(0));
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "another address        | Host: 127.0.0.2:{port}~                            | http://127.0.0.2:{port}",
        "a LAN name             | Host: devbox.lan:9000~                             | http://devbox.lan:9000",
        "an IPv6 literal        | Host: [::1]:{port}~                                | http://[::1]:{port}",
        "behind a proxy         | Host: x~X-Forwarded-Proto: https~X-Forwarded-Host: docs.example.com | https://docs.example.com",
        "a forged scheme        | Host: a.example~X-Forwarded-Proto: javascript~   | http://a.example",
        "YAML in the Host       | Host: evil/ - url: http://attacker~               | refused",
        "a quote in the Host    | Host: a\"b.example~                                | refused",
        "a bad forwarded host   | Host: b.example~X-Forwarded-Host: a b/c~           | http://b.example",
      })
  void the_first_server_is_the_address_the_docs_were_opened_by(
      String name, String headers, String expected) {
    String port = String.valueOf(mock.port());
    String head =
        ("GET /openapi.yaml HTTP/1.1~"
                + headers.strip().replaceAll("~+$", "")
                + "~Connection: close~~")
            .replace("~", "\r\n")
            .replace("{port}", port);
    RawHttp.Answer a;
    try (RawHttp raw = new RawHttp(mock.port())) {
      a = raw.send(head).read();
    }
    if (expected.equals("refused")) {
      // Jetty refuses a Host that is no host name before the docs see it: 400 in the error shape
      assertEquals(400, a.status(), a::toString);
      assertEquals("request.malformed", a.rule(), a::toString);
      return;
    }
    assertEquals(200, a.status(), a::toString);
    String spec = a.text();
    int servers = spec.indexOf("\nservers:\n");
    String first = spec.substring(servers).split("\n")[2].strip();
    assertEquals("- url: " + expected.replace("{port}", port), first, spec.substring(servers));
    // the answer depends on these headers: a cache in front of the mock (the reverse proxy above)
    // must not serve one address's spec to another, nor keep one a forged header chose
    String vary = String.valueOf(a.header("Vary")).toLowerCase(java.util.Locale.ROOT);
    for (String h : java.util.List.of("host", "x-forwarded-host", "x-forwarded-proto")) {
      org.junit.jupiter.api.Assertions.assertTrue(vary.contains(h), () -> "Vary: " + vary);
    }
    assertEquals("no-cache", a.header("Cache-Control"), a::toString);
  }
}
