package dev.assistantkit.mock.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.door.Arrival;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Surface;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An exchange as the journal keeps it until it is shown gives back all that arrived and went out:
 * every header in order (repeats, empty values, any character), the addresses (or none), the
 * bodies, and the same masked view the request itself would have shown.
 */
class KeptExchangeTest {

  static final Contract CONTRACT = TrafficPagesTest.CONTRACT;
  static final String KEY = "kept-key-4f1c";

  @Test
  void what_is_kept_is_what_arrived_and_went_out_shown_masked() {
    byte[] body =
        ("{\"assistant_name\":\"Nova\",\"assistant_prompt\":\"" + KEY + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> headers =
        List.of(
            Map.entry("Host", "mock.test:8080"),
            Map.entry("Authorization", "Bearer " + KEY),
            Map.entry("X-Twice", "1:2;3"),
            Map.entry("x-twice", ""),
            Map.entry("X-Odd", "~ \u00e9 \ud83d\ude00 " + KEY),
            Map.entry("Content-Type", "application/json"));
    SecretMasker masker = SecretMasker.standard().withSecrets(List.of(KEY));
    Arrival a =
        new Arrival(
            UUID.randomUUID(),
            Surface.API,
            "PATCH",
            "/assistant/update/" + TrafficPagesTest.ID + "?q=~1:2",
            headers,
            body,
            masker,
            1_700_000_000_123L,
            "http",
            null,
            8080,
            null,
            "HTTP/1.1");
    List<Map.Entry<String, String>> answerHeaders =
        List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-Echo", KEY));
    byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
    KeptExchange kept =
        new KeptExchange(
            new Chunks(),
            7,
            Road.ENGINE,
            CONTRACT,
            a,
            1500,
            new Exchange.Sent(200, answerHeaders, answer, false, Optional.empty(), false),
            true,
            null,
            null);
    kept.judgedBy(CONTRACT.predict(Recorder.asSent(a), TrafficPagesTest.KNOWS), Recorder.asSent(a));

    assertEquals(Recorder.asSent(a).headers().entries(), kept.request().headers().entries());
    assertArrayEquals(body, kept.request().body());
    assertEquals(a.rawTarget(), kept.request().target());

    ExchangeRecord r = kept.get();
    assertEquals(7, r.seq());
    assertEquals(a.id(), r.id());
    assertEquals(a.arrived(), r.started());
    assertEquals(a.shown().method(), r.request().method());
    assertEquals(a.shown().target(), r.request().target());
    assertEquals(a.shown().headers(), r.request().headers(), "the same masked view");
    assertArrayEquals(a.shown().body(), r.request().body());
    assertEquals(a.absoluteUrl(), r.url());
    assertEquals(a.clientIp(), r.clientIp());
    assertEquals(200, r.response().status());
    assertEquals(
        List.of("Content-Type", "X-Echo"),
        r.response().headers().stream().map(Map.Entry::getKey).toList());
    assertTrue(r.verdict(Profile.STRICT).judged());
    assertEquals("200", r.verdict(Profile.STRICT).expected(), r.verdict(Profile.STRICT)::toString);
    String shown = r.request() + " " + r.response().headers() + new String(r.request().body());
    assertFalse(shown.contains(KEY), shown);
    assertTrue(kept.get() == r, "made once");
    assertTrue(kept.decisionKeptAsText(), "an ordinary decision is kept as a text, no object");
  }

  @Test
  void exchanges_sharing_small_chunks_each_give_back_their_own() {
    // chunks of 600 bytes: the exchanges below fill several, and the largest get arrays of their
    // own
    Chunks chunks = new Chunks(600);
    List<KeptExchange> kept = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      kept.add(keep(chunks, i));
    }
    for (int i = 0; i < 40; i++) {
      KeptExchange k = kept.get(i);
      assertEquals(target(i), k.request().target());
      assertEquals(headers(i), k.request().headers().entries());
      assertArrayEquals(body(i), k.request().body());
      ExchangeRecord r = k.get();
      assertArrayEquals(answer(i), r.response().body(), "answer " + i);
      assertEquals(i, r.seq());
      assertEquals(i, k.seq());
      assertTrue(k.decisionKeptAsText(), "exchange " + i);
      assertTrue(k.is(r.id()) && k.id().equals(r.id()));
      assertFalse(k.is(kept.get((i + 1) % 40).id()), "another exchange's id");
      assertEquals(java.time.Instant.ofEpochMilli(1_700_000_000_000L + i), r.started());
      assertEquals(10L * i, r.micros());
      assertEquals(200 + i, r.response().status());
      assertEquals("http://mock.test:" + (8080 + i) + target(i), r.url());
      // the state the decision saw, kept with the exchange's bytes, is what it judges by
      assertEquals(
          "200", r.verdict(Profile.STRICT).expected(), r.verdict(Profile.STRICT)::toString);
    }
  }

  private static String target(int i) {
    return "/assistant/update/" + TrafficPagesTest.ID + "?n=" + i + (i % 3 == 0 ? "&w=\u20ac" : "");
  }

  private static List<Map.Entry<String, String>> headers(int i) {
    return List.of(
        Map.entry("Content-Type", "application/json"),
        Map.entry("Authorization", "Bearer " + KEY),
        Map.entry("X-N", "n".repeat(i) + (i % 2 == 0 ? "\u00e9" : "\u2603")));
  }

  private static byte[] body(int i) {
    return ("{\"assistant_name\":\"" + "b".repeat(i * 3) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] answer(int i) {
    return ("{\"success\":true,\"n\":\"" + "a".repeat(i * 2) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static KeptExchange keep(Chunks chunks, int i) {
    Arrival a =
        new Arrival(
            UUID.randomUUID(),
            Surface.API,
            "PATCH",
            target(i),
            headers(i),
            body(i),
            SecretMasker.standard(),
            1_700_000_000_000L + i,
            "http",
            "mock.test",
            8080 + i,
            "127.0.0.1",
            "HTTP/1.1");
    KeptExchange k =
        new KeptExchange(
            chunks,
            i,
            Road.ENGINE,
            CONTRACT,
            a,
            10L * i,
            new Exchange.Sent(
                200 + i,
                List.of(Map.entry("Content-Type", "application/json")),
                answer(i),
                false,
                Optional.empty(),
                false),
            true,
            null,
            null);
    k.judgedBy(CONTRACT.predict(Recorder.asSent(a), TrafficPagesTest.KNOWS), Recorder.asSent(a));
    return k;
  }
}
