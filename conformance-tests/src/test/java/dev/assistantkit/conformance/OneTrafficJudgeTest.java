package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One traffic judge: a deployment whose break only earlier exchanges reveal (a token it refused and
 * then accepts, an id it said does not exist and then updates, a mode it switched to and then
 * leaves without what the page requires) is judged alike by the proxy's live views and by {@code
 * --har} on the proxy's recording, which holds no token: the learning from earlier exchanges is the
 * same on both sides. The upstream is scripted (an answer per request, in order), so each verdict
 * depends only on the exchanges, never on timing.
 */
class OneTrafficJudgeTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  private static final String KEY = SuiteRuns.KEY;
  private static final String GIVEN = SuiteRuns.ASSISTANT;
  private static final String UNKNOWN = "00000000-0000-4000-8000-0000000000ab";
  private static final String NAME = "{\"assistant_name\":\"Nova\"}";
  private static final String REALTIME =
      "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":"
          + "{\"provider\":\"gemini\",\"model\":\"gemini-3.1-flash-live-preview\",\"voice\":\"Puck\"}}";
  private static final String PIPELINE_ALONE = "{\"assistant_llm_mode\":\"pipeline\"}";
  private static final String PIPELINE_SARVAM =
      "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"sarvam\","
          + "\"assistant_tts_config\":{\"speaker\":\"anushka\"}}";
  private static final String PIPELINE_PAGE =
      "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"elevenlabs\","
          + "\"assistant_tts_config\":{\"voice_id\":\"JBFqnCBv7z4s9ByuOnH\"}}";
  private static final String REFUSED = "refused-token-7d3e91";
  private static final String OTHER = "not-the-key-5b20c4";

  /**
   * One exchange of a script: the request the client sends, and the status the upstream answers.
   */
  record Step(String id, String token, String body, int status) {}

  /**
   * A scripted deployment's traffic.
   *
   * @param name what the upstream does
   * @param keys the keys the proxy is given (empty: it learns from the answers)
   * @param breaks the rule its traffic breaks in the documented profile; empty for a conformant one
   * @param decided the decided rules its traffic breaks besides: failures in strict only
   */
  record Script(
      String name, List<String> keys, Set<String> breaks, Set<String> decided, List<Step> steps) {
    Script(String name, List<String> keys, Set<String> breaks, List<Step> steps) {
      this(name, keys, breaks, Set.of(), steps);
    }

    @Override
    public String toString() {
      return name + (keys.isEmpty() ? "" : " (the proxy given the key)");
    }
  }

  static Stream<Arguments> scripts() {
    List<Script> scripts =
        List.of(
            new Script(
                "accepts a token it refused before",
                List.of(),
                Set.of("auth.bearer"),
                List.of(
                    new Step(GIVEN, KEY, NAME, 200),
                    new Step(GIVEN, REFUSED, NAME, 401),
                    new Step(GIVEN, REFUSED, NAME, 200))),
            new Script(
                "accepts a token that is not the key",
                List.of(KEY),
                Set.of("auth.bearer"),
                List.of(new Step(GIVEN, KEY, NAME, 200), new Step(GIVEN, OTHER, NAME, 200))),
            new Script(
                "updates an assistant it said does not exist",
                List.of(),
                Set.of("assistant.exists"),
                List.of(new Step(UNKNOWN, KEY, NAME, 404), new Step(UNKNOWN, KEY, NAME, 200))),
            new Script(
                "switches to pipeline without TTS after a switch to realtime",
                List.of(),
                Set.of("mode.pipeline-requires-tts"),
                List.of(
                    new Step(GIVEN, KEY, REALTIME, 200),
                    new Step(GIVEN, KEY, PIPELINE_ALONE, 200))),
            new Script(
                "refuses what the page says it must and accepts the rest",
                List.of(),
                Set.of(),
                List.of(
                    new Step(GIVEN, KEY, NAME, 200),
                    new Step(GIVEN, REFUSED, NAME, 401),
                    new Step(GIVEN, REFUSED, NAME, 401),
                    new Step(UNKNOWN, KEY, NAME, 404),
                    new Step(UNKNOWN, KEY, NAME, 404),
                    new Step(GIVEN, KEY, REALTIME, 200),
                    new Step(GIVEN, KEY, PIPELINE_ALONE, 400))),
            new Script(
                "accepts a token that is not the key",
                List.of(),
                Set.of(),
                List.of(new Step(GIVEN, KEY, NAME, 200), new Step(GIVEN, OTHER, NAME, 200))),
            // the page shows one TTS config: other settings may be refused (advice in documented,
            // tts-config.provider-settings in strict), and the refusal changes no mode
            new Script(
                "refuses TTS settings other than the page's and accepts the page's",
                List.of(),
                Set.of(),
                Set.of("tts-config.provider-settings"),
                List.of(
                    new Step(GIVEN, KEY, REALTIME, 200),
                    new Step(GIVEN, KEY, PIPELINE_SARVAM, 400),
                    new Step(GIVEN, KEY, PIPELINE_PAGE, 200),
                    new Step(GIVEN, KEY, PIPELINE_ALONE, 400))));
    return scripts.stream().flatMap(s -> Stream.of(Profile.values()).map(p -> Arguments.of(s, p)));
  }

  @ParameterizedTest(name = "a deployment that {0}, judged {1}")
  @MethodSource("scripts")
  void the_proxys_live_verdicts_equal_har_on_its_recording(
      Script script, Profile profile, @TempDir Path dir) throws Exception {
    HttpServer upstream = scripted(script.steps());
    try (MockServer proxy =
        MockServer.start(
            MockConfig.defaults()
                .withProfile(profile)
                .withProxy(
                    new MockConfig.Proxy(
                        URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()),
                        Duration.ofSeconds(30),
                        script.keys())))) {
      for (Step s : script.steps()) {
        assertEquals(s.status(), send(proxy, s), () -> script + ": the upstream's answer");
      }
      Set<String> live = ThroughProxy.failedLive(ThroughProxy.traffic(proxy));
      ThroughProxy.Recorded recorded = ThroughProxy.judgeRecording(proxy, profile, dir);
      assertEquals(live, recorded.failed(), () -> script + ": live vs --har");
      assertTrue(live.containsAll(script.breaks()), () -> script + ": the proxy failed " + live);
      if (profile == Profile.STRICT) {
        assertTrue(live.containsAll(script.decided()), () -> script + ": strict failed " + live);
      }
      if (script.breaks().isEmpty() && profile == Profile.DOCUMENTED) {
        assertEquals(Set.of(), live, () -> script + " follows the page");
        assertEquals(0, recorded.outcome().status(), recorded.outcome()::out);
      } else if (!script.breaks().isEmpty()) {
        assertEquals(1, recorded.outcome().status(), recorded.outcome()::out);
      }
      String har = Files.readString(dir.resolve("proxy.har"));
      // what stands for each token: whether it is the key the proxy was given, else a name
      Set<String> labels = new TreeSet<>();
      SpecBodies.JSON
          .readTree(har)
          .path("log")
          .path("entries")
          .forEach(e -> labels.add(e.path("request").path("_credentialLabel").asString("")));
      if (script.keys().isEmpty()) {
        assertEquals(tokens(script).size(), labels.size(), labels::toString);
        assertTrue(labels.stream().allMatch(l -> l.matches("token-\\d+")), labels::toString);
      } else {
        assertEquals(Set.of("given-key", "other-key"), labels);
      }
      for (String token : tokens(script)) {
        for (String form : encodings(token)) {
          assertFalse(har.contains(form), () -> script + ": a token in the recording");
          assertFalse(
              recorded.outcome().out().contains(form), () -> script + ": a token in the report");
        }
      }
    } finally {
      upstream.stop(0);
    }
  }

  private static Set<String> tokens(Script script) {
    Set<String> out = new TreeSet<>();
    script.steps().forEach(s -> out.add(s.token()));
    return out;
  }

  /** A token as it could leak: as sent, percent-encoded, base64 and as basic credentials. */
  private static List<String> encodings(String token) {
    return List.of(
        token,
        URLEncoder.encode(token, StandardCharsets.UTF_8),
        Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)),
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static int send(MockServer proxy, Step s) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/assistant/update/" + s.id()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + s.token())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(s.body()))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** An upstream that answers each request with the next step's status, in order. */
  private static HttpServer scripted(List<Step> steps) {
    Queue<Step> next = new ArrayDeque<>(steps);
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            Step s;
            synchronized (next) {
              s = next.poll();
            }
            int status = s == null ? 500 : s.status();
            String body =
                status == 200
                    ? "{\"success\":true,\"message\":\"Assistant updated successfully\","
                        + "\"data\":{\"assistant_id\":\""
                        + s.id()
                        + "\"}}"
                    : "{\"success\":false,\"message\":\"rejected\",\"errors\":[]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
