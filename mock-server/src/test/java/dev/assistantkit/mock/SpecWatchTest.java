package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --watch}: an edit of a copy of the spec changes the answers within seconds and keeps the
 * state; an edit that does not load leaves the last contract that did answering, while the log and
 * {@code GET /__mock/health} (503) say what is wrong and where; the next edit that loads serves
 * again. A file the spec refers to is watched as well, a missing one included. Every wait is a
 * bounded poll on what the mock answers, never a sleep.
 */
class SpecWatchTest {

  /** Generous: the reload itself takes well under a second on an idle machine. */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  static final String TTS_ENUM = "enum: [cartesia, sarvam, elevenlabs, mistral]";
  static final String TTS_ENUM_WIDER = "enum: [cartesia, sarvam, elevenlabs, mistral, deepgram]";
  static final String DEEPGRAM =
      """
      {"assistant_tts_model": "deepgram", "assistant_tts_config": {"voice_id": "v1"}}""";
  static final String RENAME =
      """
      {"assistant_name": "Named before the edit"}""";

  @TempDir Path dir;

  Path spec;
  String kit;
  MockServer server;
  MockHttp http;

  @BeforeEach
  void copy() throws IOException {
    kit = Files.readString(Path.of("..", "openapi.yaml"));
    assertTrue(kit.contains(TTS_ENUM), "the kit's spec has changed: pick another enum to widen");
    spec = dir.resolve("openapi.yaml");
    Files.writeString(spec, kit);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(MockConfig config) {
    server = MockServer.start(config.withApiKeys(List.of(MockHttp.KEY)));
    http = new MockHttp(server.baseUrl());
  }

  private void startWatching() {
    start(MockConfig.defaults().withSpec(spec).withWatch(true));
  }

  /** Saves as editors do: a new file renamed over the old one. */
  static void save(Path file, String text) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(temp, text);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Polls until the probe's value passes, or fails naming the last value seen. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        fail("not within " + DEADLINE.toSeconds() + " s: " + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = probe.get();
    }
    return last;
  }

  private MockHttp.Answer health() {
    return http.get("/__mock/health");
  }

  private JsonNode awaitHealth(int status) {
    MockHttp.Answer a =
        await(
            "GET /__mock/health answers " + status,
            this::health,
            h -> h.status() == status && h.json().path("status").isString());
    return a.json();
  }

  private int deepgram() {
    return http.patchJson(MockHttp.EXAMPLE, DEEPGRAM).status();
  }

  private String name() {
    return http.state(MockHttp.EXAMPLE).path("assistant_name").asString();
  }

  /** Runs the body with System.err captured: slf4j-simple, the mock's log, writes there. */
  static String capturingTheLog(Runnable body) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void an_enum_value_added_to_the_spec_is_accepted_within_seconds_and_the_state_is_kept()
      throws IOException {
    startWatching();
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, RENAME).status());
    MockHttp.Answer refused = http.patchJson(MockHttp.EXAMPLE, DEEPGRAM);
    assertEquals(400, refused.status(), refused::text);
    int trafficBefore = server.traffic().kept().size();

    String log =
        capturingTheLog(
            () -> {
              try {
                Files.writeString(spec, kit.replace(TTS_ENUM, TTS_ENUM_WIDER)); // in place
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              await("the PATCH with the new enum value is accepted", this::deepgram, s -> s == 200);
            });
    assertTrue(log.contains("spec reloaded from openapi.yaml (1 operation), the state kept"), log);

    assertEquals("Named before the edit", name(), "the state is kept");
    assertEquals("deepgram", http.state(MockHttp.EXAMPLE).path("assistant_tts_model").asString());
    assertTrue(
        server.traffic().kept().size() > trafficBefore, "the traffic before the edit is kept");
    assertEquals("ready", awaitHealth(200).get("status").asString());
    assertTrue(
        http.get("/openapi.yaml").text().contains(TTS_ENUM_WIDER),
        "the docs serve the spec reloaded");
    assertTrue(server.contract().spec().text().contains(TTS_ENUM_WIDER));
  }

  @Test
  void an_edit_that_is_not_yaml_keeps_the_last_contract_answering_and_health_says_where()
      throws IOException {
    startWatching();
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, RENAME).status());
    String broken = kit.replace(TTS_ENUM, TTS_ENUM_WIDER.replace("]", "")); // an unclosed list
    JsonNode[] health = new JsonNode[1];
    String log =
        capturingTheLog(
            () -> {
              try {
                save(spec, broken);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              health[0] = awaitHealth(503);
            });

    JsonNode h = health[0];
    assertEquals("reload-failed", h.get("status").asString());
    assertEquals("openapi.yaml", h.at("/reload/file").asString());
    assertEquals("not-yaml", h.at("/reload/reason").asString());
    assertTrue(h.at("/reload/message").asString().contains("line "), h::toString);
    assertTrue(h.get("operations").asInt() >= 1, "it counts the contract still serving");
    assertFalse(h.toString().contains(MockHttp.KEY), "nothing secret in it");
    assertTrue(log.contains("spec not reloaded"), log);
    assertTrue(log.contains("not-yaml") && log.contains("openapi.yaml"), log);

    // the last contract that loaded keeps answering, with the state
    assertEquals(400, deepgram(), "the broken edit's new value is not served");
    assertEquals("Named before the edit", name());
    assertEquals(
        200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\": \"Still served\"}").status());

    save(spec, kit.replace(TTS_ENUM, TTS_ENUM_WIDER));
    assertEquals("ready", awaitHealth(200).get("status").asString());
    assertEquals(200, deepgram(), "the fixed spec serves");
    assertEquals("Still served", name());
  }

  /** A key the mock is given, and an admin token with a slash (escaped ~1 in a pointer). */
  static final String GIVEN_KEY = "sk-watch-Q7f3Zr9LmW2xK8pT4vN6";

  static final String GIVEN_TOKEN = "adm/Token+9Xq2Lp7Zs";

  /** The forms of the two the edits below write, each looked for as any 8 characters in a row. */
  static List<String> givenForms() {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(("user:" + GIVEN_KEY).getBytes(StandardCharsets.UTF_8));
    return List.of(
        GIVEN_KEY,
        GIVEN_KEY.replace("-", "%2D"),
        basic.substring(8), // past "user:" and the key's first character
        "\\u0073" + GIVEN_KEY.substring(1),
        GIVEN_TOKEN,
        GIVEN_TOKEN.replace("/", "~1"));
  }

  static void assertShowsNoPartOfTheGivenKeys(String text) {
    for (String form : givenForms()) {
      for (int i = 0; i + 8 <= form.length(); i++) {
        String part = form.substring(i, i + 8);
        assertFalse(text.contains(part), () -> "shows " + part + " of " + form + ": " + text);
      }
    }
  }

  @Test
  void a_broken_edit_that_holds_the_mocks_keys_shows_no_part_of_them_in_health_or_the_log()
      throws IOException {
    // not start(): it gives the mock MockHttp's key
    server =
        MockServer.start(
            MockConfig.defaults()
                .withSpec(spec)
                .withWatch(true)
                .withAdmin(new MockConfig.Admin(java.util.Optional.of(GIVEN_TOKEN), false, false))
                .withApiKeys(List.of(GIVEN_KEY)));
    http = new MockHttp(server.baseUrl());
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(("user:" + GIVEN_KEY).getBytes(StandardCharsets.UTF_8));
    String ref = "$ref: '#/components/schemas/TtsModel'";
    assertTrue(kit.contains(ref));
    List<String> edits =
        List.of(
            // a YAML reader quotes the line at fault, cut short after about 30 characters
            kit + "x-fixture:\n\tapi_key: " + GIVEN_KEY + "\n",
            kit + "x-fixture: \"Bearer " + GIVEN_KEY + "\n",
            kit + "x-fixture:\n\tauth: Basic " + basic + "\n",
            kit + "x-fixture:\n\turl: http://h/?k=" + GIVEN_KEY.replace("-", "%2D") + "\n",
            kit + "x-fixture: \"ppp \\u0073" + GIVEN_KEY.substring(1) + "\n",
            kit.replace(
                ref, "$ref: '#/components/schemas/" + GIVEN_TOKEN.replace("/", "~1") + "'"));
    for (String edit : edits) {
      JsonNode[] health = new JsonNode[1];
      String log =
          capturingTheLog(
              () -> {
                try {
                  save(spec, edit);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                health[0] = awaitHealth(503);
              });
      assertEquals("reload-failed", health[0].get("status").asString());
      assertTrue(health[0].at("/reload/message").asString().contains("openapi.yaml"), log);
      assertShowsNoPartOfTheGivenKeys(health().text());
      assertTrue(log.contains("spec not reloaded"), log);
      assertShowsNoPartOfTheGivenKeys(log);
      save(spec, kit);
      awaitHealth(200);
    }
  }

  @Test
  void a_spec_that_does_not_load_at_start_is_reported_without_the_keys_given() throws IOException {
    save(spec, kit + "x-fixture:\n\tapi_key: " + GIVEN_KEY + "\n");
    MockConfig config =
        MockConfig.defaults().withSpec(spec).withWatch(true).withApiKeys(List.of(GIVEN_KEY));
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> MockServer.start(config));
    assertTrue(e.getMessage().contains(GIVEN_KEY.substring(0, 12)), "the case shows a part");
    String shown = MockMain.startError(config, e);
    assertTrue(shown.contains("line "), shown);
    assertShowsNoPartOfTheGivenKeys(shown);
  }

  @Test
  void a_yaml_that_is_no_loadable_spec_is_refused_naming_the_dangling_reference()
      throws IOException {
    startWatching();
    String ref = "$ref: '#/components/schemas/TtsModel'";
    assertTrue(kit.contains(ref));
    String log =
        capturingTheLog(
            () -> {
              try {
                save(spec, kit.replace(ref, "$ref: '#/components/schemas/NoSuchSchema'"));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              JsonNode h = awaitHealth(503);
              assertEquals("missing-target", h.at("/reload/reason").asString(), h::toString);
              assertEquals("openapi.yaml", h.at("/reload/file").asString());
              assertTrue(
                  h.at("/reload/where")
                      .asString()
                      .startsWith("openapi.yaml#/components/schemas/AssistantUpdateRequest/"),
                  h::toString);
            });
    assertTrue(log.contains("missing-target"), log);
    assertTrue(log.contains("#/components/schemas/AssistantUpdateRequest/"), log);
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, RENAME).status(), "the last one answers");

    save(spec, kit.replace(TTS_ENUM, TTS_ENUM_WIDER));
    awaitHealth(200);
    assertEquals(200, deepgram());
    assertEquals("Named before the edit", name());
  }

  @Test
  void state_the_new_spec_no_longer_allows_is_kept_as_stored_until_a_reset() throws IOException {
    startWatching();
    save(spec, kit.replace(TTS_ENUM, TTS_ENUM_WIDER));
    await("the wider enum serves", this::deepgram, s -> s == 200);
    String narrower = kit.replace("assistant_name: Example Assistant", "assistant_name: Reseeded");
    assertTrue(!narrower.equals(kit), "the kit's seed has changed: pick another field");
    save(spec, narrower);
    await("the narrower enum serves again", this::deepgram, s -> s == 400);

    JsonNode kept = http.state(MockHttp.EXAMPLE);
    assertEquals("deepgram", kept.path("assistant_tts_model").asString(), "kept as stored");
    assertEquals("Example Assistant", kept.path("assistant_name").asString());
    // a request is judged by the new contract; the stored value it does not touch stays
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, RENAME).status());
    assertEquals("deepgram", http.state(MockHttp.EXAMPLE).path("assistant_tts_model").asString());
    assertEquals("Named before the edit", name());

    assertEquals(200, http.post("/__mock/reset", "").status());
    JsonNode seeded = http.state(MockHttp.EXAMPLE);
    assertEquals("Reseeded", seeded.path("assistant_name").asString(), "the new spec's seed");
    assertEquals("elevenlabs", seeded.path("assistant_tts_model").asString());
  }

  @Test
  void stubs_and_the_request_journal_outlive_a_reload() throws IOException {
    startWatching();
    MockHttp.Answer stub =
        http.post(
            "/__admin/mappings",
            """
            {"request": {"method": "GET", "url": "/stubbed"},
             "response": {"status": 200, "body": "from a stub"}}""");
    assertEquals(201, stub.status(), stub::text);
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, RENAME).status());
    assertEquals(400, deepgram());

    save(spec, kit.replace(TTS_ENUM, TTS_ENUM_WIDER));
    // with a stub in place WireMock answers every request: its road serves the new contract too
    await("the new enum value is accepted", this::deepgram, s -> s == 200);
    assertEquals("from a stub", http.get("/stubbed").text());
    String journal = http.get("/__admin/requests").text();
    assertTrue(journal.contains("Named before the edit"), "the journal before the edit is kept");
  }

  @Test
  void a_spec_whose_seed_breaks_its_own_rules_is_refused_as_not_a_contract() throws IOException {
    startWatching();
    String seedName = "assistant_name: Example Assistant";
    assertTrue(kit.contains(seedName));
    save(spec, kit.replace(seedName, "assistant_name: 42"));
    JsonNode h = awaitHealth(503);
    assertEquals("not-a-contract", h.at("/reload/reason").asString(), h::toString);
    assertEquals("openapi.yaml", h.at("/reload/file").asString());
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, RENAME).status(), "the last one answers");
    save(spec, kit);
    awaitHealth(200);
  }

  /**
   * Requests sent without pause while the spec is reloaded back and forth: each is answered and
   * judged by one contract, the old or the new: never a 5xx, every refusal names the enum's rule,
   * and each exchange the traffic keeps passes the judgement of the contract that answered it.
   */
  @Test
  void requests_under_way_during_reloads_are_each_judged_by_one_contract() throws Exception {
    startWatching();
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.Queue<String> odd = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicInteger sent =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread client =
        new Thread(
            () -> {
              MockHttp own = new MockHttp(server.baseUrl());
              while (!stop.get()) {
                MockHttp.Answer a = own.patchJson(MockHttp.EXAMPLE, DEEPGRAM);
                sent.incrementAndGet();
                if (a.status() != 200 && (a.status() != 400 || a.rules().size() != 1)) {
                  odd.add(a.status() + " " + a.text());
                }
              }
            },
            "watch-test-client");
    client.start();
    try {
      for (int round = 0; round < 3; round++) {
        save(spec, kit.replace(TTS_ENUM, TTS_ENUM_WIDER));
        await("the wider enum serves", this::deepgram, s -> s == 200);
        save(spec, kit);
        await("the narrower enum serves", this::deepgram, s -> s == 400);
      }
    } finally {
      stop.set(true);
      client.join(DEADLINE.toMillis());
    }
    assertEquals(List.of(), List.copyOf(odd));
    assertTrue(sent.get() > 0);
    JsonNode traffic = http.get("/__mock/traffic?limit=10000").json();
    java.util.Set<String> outcomes = new java.util.TreeSet<>();
    traffic.path("exchanges").forEach(x -> outcomes.add(x.at("/verdicts/outcome").asString()));
    // accepted, or refused for the rule it broke: the answer always what its contract says
    assertTrue(
        java.util.Set.of("ok", "request-broke-rules").containsAll(outcomes),
        () -> "outcomes " + outcomes);
    assertTrue(
        outcomes.contains("ok") && outcomes.contains("request-broke-rules"), outcomes::toString);
  }

  // ------------------------------------------------------------------ a spec split across files

  static final String MAIN =
      """
      openapi: 3.1.0
      info: {title: Pets, version: "1"}
      paths:
        /pets:
          post:
            operationId: addPet
            requestBody:
              required: true
              content:
                application/json:
                  schema: {$ref: '%s'}
            responses:
              '201':
                description: Created
                content:
                  application/json:
                    schema: {$ref: '%1$s'}
              '400': {description: Invalid}
      """;

  static final String PET =
      """
      type: object
      required: [name, kind]
      properties:
        name: {type: string}
        kind: {type: string, enum: [%s]}
      """;

  private int postBird() {
    return http.post("/pets", "{\"name\": \"Tweety\", \"kind\": \"bird\"}").status();
  }

  @Test
  void a_change_in_a_file_the_spec_refers_to_reloads_it_and_a_missing_one_is_watched_too()
      throws IOException {
    Files.createDirectories(dir.resolve("schemas"));
    Path pet = dir.resolve("schemas/pet.yaml");
    Files.writeString(pet, PET.formatted("cat, dog"));
    Files.writeString(spec, MAIN.formatted("schemas/pet.yaml"));
    startWatching();
    assertTrue(
        server.watchedFiles().stream().anyMatch(f -> f.endsWith(Path.of("schemas", "pet.yaml"))),
        () -> "watched: " + server.watchedFiles());
    assertEquals(400, postBird());

    save(pet, PET.formatted("cat, dog, bird"));
    await("a bird is accepted", this::postBird, s -> s / 100 == 2);

    // the main file now refers to a file that is not there yet: refused, and that file watched
    save(spec, MAIN.formatted("schemas/bird.yaml"));
    JsonNode h = awaitHealth(503);
    assertEquals("missing-file", h.at("/reload/reason").asString(), h::toString);
    assertEquals("openapi.yaml", h.at("/reload/file").asString());
    assertEquals(2, postBird() / 100, "the last contract that loaded answers");
    Files.writeString(dir.resolve("schemas/bird.yaml"), PET.formatted("bird"));
    awaitHealth(200);
    assertEquals(400, http.post("/pets", "{\"name\": \"Tom\", \"kind\": \"cat\"}").status());
    assertEquals(2, postBird() / 100);
  }

  // ------------------------------------------------------------------ the watcher itself

  static List<Thread> watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("mock-spec-watch") && t.isAlive())
        .toList();
  }

  @Test
  void the_watcher_is_a_daemon_thread_that_stops_with_the_server() {
    startWatching();
    List<Thread> threads =
        await("the watcher runs", SpecWatchTest::watcherThreads, t -> !t.isEmpty());
    assertTrue(threads.stream().allMatch(Thread::isDaemon), "a daemon: it never keeps a JVM up");
    server.close();
    server = null;
    await("the watcher stops", SpecWatchTest::watcherThreads, List::isEmpty);
  }

  @Test
  void without_watch_nothing_is_watched() {
    await("no watcher of another test runs", SpecWatchTest::watcherThreads, List::isEmpty);
    start(MockConfig.defaults().withSpec(spec));
    assertEquals(List.of(), server.watchedFiles());
    assertEquals(List.of(), watcherThreads(), "no watcher thread without --watch");
    assertEquals(200, health().status());
  }

  @Test
  void without_spec_it_watches_the_kits_openapi_yaml_only_where_that_is_a_file() throws Exception {
    MockConfig kits = MockConfig.defaults().withWatch(true);
    assertEquals(spec, MockServer.watchedSpec(kits, spec.toUri().toURL()));
    java.net.URL inJar = new java.net.URL("jar:file:/opt/mock-server.jar!/openapi.yaml");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> MockServer.watchedSpec(kits, inJar));
    assertTrue(e.getMessage().contains("--spec"), e::getMessage);
    assertEquals(spec, MockServer.watchedSpec(kits.withSpec(spec), inJar), "--spec wins");
  }

  @Test
  void watch_is_a_flag_of_the_command_line_and_shows_in_the_banner() {
    String help = new picocli.CommandLine(new MockMain()).getUsageMessage();
    assertTrue(help.contains("--watch"), help);
    MockConfig config = MockConfig.defaults().withSpec(spec).withWatch(true);
    start(config);
    String banner = MockMain.banner(server, config, 0);
    assertTrue(banner.contains("watch  : " + spec), banner);
    assertTrue(config.describe().contains(" watch"), config.describe());
  }
}
