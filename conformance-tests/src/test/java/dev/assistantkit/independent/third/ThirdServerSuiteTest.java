package dev.assistantkit.independent.third;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.independent.JarRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges the conformance suite, as a black box, against a third implementation of the page written
 * from the page alone in plain Node ({@code src/test/node/third/server.js}, see its header): the
 * suite runs in this JVM through its command line ({@link JarRun}), profile documented, writes
 * allowed, no fuzzing. The conformant server and every variant (a choice where the page is silent)
 * must pass; every mutant (one page sentence broken) must fail, under one of the rules listed for
 * it. Servers run two at a time. The verdicts are printed and written to
 * target/third-suite-verdicts.txt.
 */
@Execution(ExecutionMode.CONCURRENT)
public class ThirdServerSuiteTest {
  static final String KEY = "sk-third-Node-42";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Map<String, String> VERDICTS = new ConcurrentSkipListMap<>();

  /**
   * One server: {@code flag} is --variant, --mutant or null (conformant); {@code rules} the rule
   * ids one of which must fail a mutant (the rule of the sentence it breaks).
   */
  public record Case(String flag, String name, Set<String> rules) {
    boolean followsPage() {
      return !"--mutant".equals(flag);
    }
  }

  static Case conformant() {
    return new Case(null, "conformant", Set.of());
  }

  static Case variant(String name) {
    return new Case("--variant", name, Set.of());
  }

  static Case mutant(String name, String... rules) {
    return new Case("--mutant", name, Set.of(rules));
  }

  /** Variants the documented profile must pass: choices where the page is silent. */
  public static final List<String> VARIANTS =
      List.of(
          "ignore-unknown",
          "null-refused",
          "empty-refused",
          "non-uuid-404",
          "any-media-type",
          "form-honoured",
          "switch-only-on-change",
          "cross-mode-refused",
          "exists-before-validation",
          "exists-before-auth",
          "repeated-auth-400",
          "bearer-any-case",
          "id-any-case",
          "rich-success",
          "initial-pipeline",
          "speaks-first-untyped",
          "url-checked",
          "interaction-replaced",
          // errors as text/plain or with no body: the page shows no error body (the suite's
          // probes turned these away until they asked JSON only where the error shape is the
          // profile's)
          "error-text",
          "error-empty",
          // voice_id required in every TTS config, the only key the page shows: failed until the
          // TTS settings other than the page's example were open (tts-config.provider-settings),
          // the suite expecting a sarvam {speaker: anushka} accepted
          "tts-voice-required",
          // only gemini, the provider of the page's one realtime example, taken: stays within the
          // page since the LLM configs other than the example are open
          // (llm-config.provider-settings)
          "llm-gemini-only");

  /** Mutants the documented profile must fail, each with the rules of the sentence it breaks. */
  public static final List<Case> MUTANTS =
      List.of(
          mutant("auth-any-token", "auth.bearer"),
          mutant("auth-missing-ok", "auth.bearer"),
          mutant("auth-startswith", "auth.bearer"),
          mutant("auth-no-scheme", "auth.bearer"),
          mutant("auth-403", "auth.bearer"),
          mutant("unknown-200", "assistant.exists"),
          mutant("unknown-400", "assistant.exists"),
          mutant("unknown-500", "assistant.exists"),
          mutant("tts-model-alone", "tts.pair"),
          mutant("tts-config-alone", "tts.pair"),
          mutant("realtime-without-llm", "mode.realtime-requires-llm-config"),
          mutant("pipeline-without-tts", "mode.pipeline-requires-tts"),
          mutant("mode-any-value", "enum.llm-mode"),
          mutant("mode-any-case", "enum.llm-mode"),
          mutant("mode-non-string", "body.field-type", "enum.llm-mode"),
          mutant("tts-model-any-value", "enum.tts-model"),
          mutant("tts-model-non-string", "body.field-type", "enum.tts-model"),
          // missed until enum.tts-model got its upper-case case (the suite checked case only for
          // assistant_llm_mode)
          mutant("tts-model-any-case", "enum.tts-model"),
          mutant("name-any-type", "body.field-type"),
          mutant("description-any-type", "body.field-type"),
          mutant("prompt-any-type", "body.field-type"),
          mutant("start-instruction-any-type", "body.field-type"),
          mutant("interaction-any-type", "body.field-type"),
          mutant("interaction-array-ok", "body.field-type"),
          mutant("end-call-enabled-any-type", "body.field-type"),
          // missed until body.field-type got a case sending the string "true" (it sent only "yes")
          mutant("end-call-enabled-string-bool", "body.field-type"),
          mutant("trigger-phrase-any-type", "body.field-type"),
          mutant("agent-message-any-type", "body.field-type"),
          mutant("end-call-url-any-type", "body.field-type"),
          mutant("tts-config-any-type", "body.field-type"),
          mutant("llm-config-any-type", "body.field-type"),
          mutant("llm-config-array-ok", "body.field-type"),
          // the open TTS and LLM settings still hold a server to the page's own examples
          mutant("tts-speaker-required", "page.examples"),
          mutant("llm-openai-only", "page.examples"),
          mutant("llm-config-incomplete-ok", "llm-config.required"),
          mutant("validation-422", "response.status-declared", "body.field-type", "tts.pair"),
          mutant("success-flag-missing", "response.success-body"),
          mutant("success-flag-string", "response.success-body"),
          mutant("message-missing", "response.success-body"),
          mutant("message-number", "response.success-body"),
          mutant("data-id-missing", "response.success-body"),
          mutant("data-id-other", "response.assistant-id-echo"),
          mutant("data-flat", "response.success-body"));

  /**
   * Disagreements with the suite, kept out of the asserted set (they would fail the build until the
   * suite changes); {@code -Dthird.findings=true} adds them, with the verdict the page calls for,
   * to see whether they still disagree. None today: the last, the variant tts-voice-required, is in
   * {@link #VARIANTS} since the suite takes a 400 for TTS settings the page does not show.
   */
  static final List<Case> FINDINGS = List.of();

  /**
   * The mutants every build runs: one per rule the mutants break, and the two the suite once
   * missed. The others break the same rules in other ways (each a full suite run: the build has ten
   * minutes in all); {@code -Dthird.all=true} runs every one.
   */
  static final Set<String> EVERY_BUILD =
      Set.of(
          "auth-any-token",
          "auth-403",
          "unknown-200",
          "tts-model-alone",
          "realtime-without-llm",
          "pipeline-without-tts",
          "mode-any-case",
          "tts-model-any-case",
          "end-call-enabled-string-bool",
          "llm-config-any-type",
          "llm-config-incomplete-ok",
          "tts-speaker-required",
          "validation-422",
          "success-flag-missing",
          "data-id-other");

  static Stream<Arguments> cases() {
    List<Case> all = new ArrayList<>();
    all.add(conformant());
    VARIANTS.forEach(v -> all.add(variant(v)));
    boolean every = Boolean.getBoolean("third.all");
    MUTANTS.stream().filter(m -> every || EVERY_BUILD.contains(m.name())).forEach(all::add);
    if (Boolean.getBoolean("third.findings")) {
      all.addAll(FINDINGS);
    }
    // -Dthird.only=name,name runs just those servers (to look at one disagreement quickly)
    String only = System.getProperty("third.only", "");
    Set<String> picked = only.isBlank() ? Set.of() : Set.of(only.split(","));
    return all.stream()
        .filter(c -> picked.isEmpty() || picked.contains(c.name()))
        .map(
            c ->
                Arguments.of(
                    Named.of((c.flag() == null ? "" : c.flag().substring(2) + " ") + c.name(), c)));
  }

  @BeforeAll
  static void needsNode() {
    Assumptions.assumeTrue(
        ThirdNodeServer.nodeAvailable(),
        "skipped: no `node` on the PATH to run src/test/node/third/server.js");
  }

  /** Every variant and mutant of server.js is in this class's tables, and no other. */
  @Test
  void theTablesNameEveryVariantAndMutantOfTheServer() throws Exception {
    Process p =
        new ProcessBuilder("node", ThirdNodeServer.SCRIPT.toString(), "--list")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node --list did not end");
    JsonNode list = JSON.readTree(text);
    TreeSet<String> variants = new TreeSet<>(VARIANTS);
    TreeSet<String> mutants = new TreeSet<>();
    MUTANTS.forEach(m -> mutants.add(m.name()));
    for (Case f : FINDINGS) {
      (f.followsPage() ? variants : mutants).add(f.name());
    }
    TreeSet<String> listedVariants = new TreeSet<>();
    list.get("variants").forEach(n -> listedVariants.add(n.asString()));
    TreeSet<String> listedMutants = new TreeSet<>();
    list.get("mutants").forEach(n -> listedMutants.add(n.asString()));
    assertEquals(listedVariants, variants);
    assertEquals(listedMutants, mutants);
    assertTrue(variants.size() >= 8 && mutants.size() >= 25, "too few variants or mutants");
    assertTrue(mutants.containsAll(EVERY_BUILD), () -> "not a mutant: " + EVERY_BUILD);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theDocumentedProfilePassesTheVariantsAndFailsTheMutants(Case c, @TempDir Path dir)
      throws Exception {
    JarRun run;
    try (ThirdNodeServer server = new ThirdNodeServer(KEY, c.flag(), c.name())) {
      run = JarRun.against(server.baseUri(), KEY, ThirdNodeServer.EXAMPLE_ID, "documented", 0, dir);
    }
    String checks = String.join("\n    ", run.failingChecks());
    String key = (c.followsPage() ? "a " : "b ") + c.name();
    if (c.followsPage()) {
      VERDICTS.put(
          key,
          (run.exit() == 0 ? "PASS" : "FALSE FAILURE (exit " + run.exit() + ")")
              + " | "
              + run.lastLine()
              + (run.exit() == 0 ? "" : " | rules " + run.failedRules() + "\n    " + checks));
      assertEquals(
          0, run.exit(), c.name() + " follows the page, yet the suite failed it:\n    " + checks);
    } else {
      TreeSet<String> named = new TreeSet<>(run.failedRules());
      named.retainAll(c.rules());
      List<String> some = run.failingChecks().subList(0, Math.min(4, run.failingChecks().size()));
      VERDICTS.put(
          key,
          (run.exit() != 1
                  ? "MISSED"
                  : named.isEmpty()
                      ? "KILLED UNDER OTHER RULES " + run.failedRules() + ", none of " + c.rules()
                      : "KILLED " + run.failedRules())
              + " | "
              + run.lastLine()
              + (some.isEmpty() ? "" : "\n    " + String.join("\n    ", some)));
      assertEquals(1, run.exit(), c.name() + " breaks the page, yet the suite passed it");
      assertTrue(
          !named.isEmpty(),
          c.name() + " was failed for " + run.failedRules() + ", none of its rules " + c.rules());
    }
  }

  @AfterAll
  static void printVerdicts() throws Exception {
    StringBuilder s = new StringBuilder("Suite (documented) against independent.third (Node):\n");
    VERDICTS.forEach((k, line) -> s.append(String.format("  %-36s %s%n", k.substring(2), line)));
    System.out.print(s);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("third-suite-verdicts.txt"), s.toString());
    }
  }
}
