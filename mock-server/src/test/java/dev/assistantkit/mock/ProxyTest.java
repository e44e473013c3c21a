package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.testsupport.ReservedPort;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Proxy mode: requests reach the upstream unchanged and its answers come back unchanged; both are
 * judged, rule by rule, at /__mock/traffic (JSON, HAR, HTML), with secrets masked.
 */
class ProxyTest {

  static final String KEY = "proxy-key-5b8e2c91";
  static final String SECRET = "sk-live-proxied-0xA1";

  /**
   * The proxy's timeout is a guard against a hang only: every upstream here answers, and a loaded
   * machine may take seconds to (the cold proxy client's first exchange above all).
   */
  private static MockServer proxyTo(MockServer upstream) {
    return MockServer.start(
        MockConfig.defaults()
            .withApiKeys(List.of("not-used-by-the-proxy"))
            .withProxy(
                new MockConfig.Proxy(URI.create(upstream.baseUrl()), Duration.ofSeconds(60))));
  }

  private static MockHttp.Answer patch(MockHttp http, String json) {
    return http.patch(
        MockHttp.EXAMPLE,
        json.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY));
  }

  @Test
  void requests_and_answers_pass_unchanged_and_each_exchange_is_judged() {
    try (MockServer upstream = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)));
        MockServer proxy = proxyTo(upstream)) {
      MockHttp http = new MockHttp(proxy.baseUrl());
      var ok =
          patch(
              http,
              "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\",\"api_key\":\""
                  + SECRET
                  + "\"}}");
      assertEquals(200, ok.status(), ok::text);
      // the upstream applied it: the proxy forwarded the request as sent, key included
      var upstreamState = new MockHttp(upstream.baseUrl()).state(MockHttp.EXAMPLE);
      assertEquals("realtime", upstreamState.get("assistant_llm_mode").asString());
      var broken = patch(http, "{\"assistant_tts_model\":\"cartesia\"}");
      assertEquals(400, broken.status());
      assertEquals(java.util.Set.of("tts.pair"), broken.rules());
      var wrongKey =
          http.patch(
              MockHttp.EXAMPLE,
              "{\"assistant_name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
              Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY + "x"));
      assertEquals(401, wrongKey.status());

      JsonNode t = http.get("/__mock/traffic").json();
      assertTrue(t.get("mode").asString().startsWith("proxy to http://127.0.0.1:"), t::toString);
      JsonNode ex = t.get("exchanges");
      assertEquals(3, ex.size(), t::toString);
      assertEquals("ok", ex.get(0).at("/verdicts/outcome").asString(), ex.get(0)::toString);
      assertEquals("request-broke-rules", ex.get(1).at("/verdicts/outcome").asString());
      assertEquals("request-broke-rules", ex.get(2).at("/verdicts/outcome").asString());
      String har = http.get("/__mock/traffic.har").text();
      String html = http.get("/__mock/traffic.html").text();
      for (String view : List.of(t.toString(), har, html)) {
        assertFalse(view.contains(KEY), "the key leaked into a traffic view");
        assertFalse(view.contains(SECRET), "api_key leaked into a traffic view");
      }
    }
  }

  @Test
  void an_upstream_that_breaks_a_rule_is_recorded_under_that_rule() {
    // an upstream that accepts a broken TTS pair: 200 where the page says 400
    Extension acceptsBrokenPair =
        new ResponseTransformerV2() {
          @Override
          public Response transform(Response response, ServeEvent serveEvent) {
            String body = serveEvent.getRequest().getBodyAsString();
            if (response.getStatus() == 400
                && body.contains("assistant_tts_model")
                && !body.contains("assistant_tts_config")) {
              return Response.Builder.like(response)
                  .but()
                  .status(200)
                  .body(
                      ("{\"success\":true,\"message\":\"ok\",\"data\":{\"assistant_id\":\""
                              + MockHttp.EXAMPLE
                              + "\"}}")
                          .getBytes(StandardCharsets.UTF_8))
                  .build();
            }
            return response;
          }

          @Override
          public String getName() {
            return "accepts-broken-pair";
          }
        };
    try (MockServer upstream =
            MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)), acceptsBrokenPair);
        MockServer proxy = proxyTo(upstream)) {
      MockHttp http = new MockHttp(proxy.baseUrl());
      assertEquals(200, patch(http, "{\"assistant_name\":\"first\"}").status());
      assertEquals(200, patch(http, "{\"assistant_tts_model\":\"cartesia\"}").status());
      JsonNode ex = http.get("/__mock/traffic").json().get("exchanges");
      assertEquals("ok", ex.get(0).at("/verdicts/outcome").asString(), ex.get(0)::toString);
      JsonNode v = ex.get(1).get("verdicts");
      assertEquals("answer-broke-rules", v.get("outcome").asString(), v::toString);
      assertEquals("tts.pair", v.at("/response/0/rule").asString(), v::toString);
      assertEquals("failure", v.at("/response/0/level").asString());
      assertTrue(v.get("expected").asString().startsWith("400"), v::toString);
    }
  }

  @Test
  void an_unreachable_upstream_is_a_502_in_the_error_shape() throws Exception {
    // held where nothing listens: a port picked free and closed could be taken meanwhile
    try (ReservedPort closed = ReservedPort.refusing();
        MockServer proxy =
            MockServer.start(
                MockConfig.defaults()
                    .withProxy(
                        new MockConfig.Proxy(
                            // refused at once; a timeout would end it in the same 502
                            URI.create(closed.baseUrl()), Duration.ofSeconds(3))))) {
      MockHttp http = new MockHttp(proxy.baseUrl());
      var a = patch(http, "{\"assistant_name\":\"x\"}");
      assertEquals(502, a.status());
      assertEquals(java.util.Set.of("proxy.upstream-unreachable"), a.rules());
      assertEquals(200, http.get("/docs/").status(), "the docs stay the proxy's own");
    }
  }

  @Test
  void a_large_answer_streams_through_byte_for_byte_and_headers_stay_the_upstreams() {
    try (MockServer upstream = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)));
        MockServer proxy = proxyTo(upstream)) {
      byte[] big = new byte[2 * 1024 * 1024];
      new java.util.Random(5).nextBytes(big);
      String b64 = java.util.Base64.getEncoder().encodeToString(big);
      var stub =
          new MockHttp(upstream.baseUrl())
              .post(
                  "/__admin/mappings",
                  "{\"request\":{\"method\":\"GET\",\"urlPath\":\"/big\"},\"response\":{\"status\":200,"
                      + "\"headers\":{\"Content-Type\":\"application/octet-stream\",\"X-Upstream\":\"yes\"},"
                      + "\"base64Body\":\""
                      + b64
                      + "\"}}");
      assertEquals(201, stub.status(), stub::text);
      var got = new MockHttp(proxy.baseUrl()).get("/big");
      assertEquals(200, got.status());
      assertEquals("yes", got.headers().firstValue("X-Upstream").orElse(""));
      assertArrayEquals(big, got.body());
      assertTrue(got.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
      JsonNode ex = new MockHttp(proxy.baseUrl()).get("/__mock/traffic").json().get("exchanges");
      assertEquals("undocumented", ex.get(0).at("/verdicts/outcome").asString());
    }
  }
}
