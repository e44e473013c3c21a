package dev.assistantkit.contract.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every schema of the single-file corpus documents (components, request bodies, parameters,
 * responses) gets a valid instance, the same one each time it is asked, for three seeds; the few
 * that no instance satisfies are named with the reason.
 */
class GenCorpusValidTest {

  private static final long[] SEEDS = {1, 2, 42};

  /** Schemas no instance satisfies, with the reason (document short name + pointer). */
  private static final Map<String, String> IMPOSSIBLE =
      Map.of(
          "readme-discriminators-3.0"
              + " #/paths/~1potentially-undefined-formData/post/requestBody/content/application~1json/schema",
          "oneOf of ApplicationApprovedEvent and ApplicationDeniedEvent, which are the same schema"
              + " (allOf BasePurchaseWebhookEvent): every instance matches both branches");

  @TestFactory
  Stream<DynamicNode> every_corpus_schema_has_a_valid_deterministic_instance() {
    List<DynamicNode> out = new ArrayList<>();
    for (String document : GenCorpus.DOCUMENTS) {
      List<GenCorpus.Schema> schemas = GenCorpus.schemas(document);
      AtomicInteger valid = new AtomicInteger();
      AtomicInteger skipped = new AtomicInteger();
      List<DynamicNode> tests = new ArrayList<>();
      for (GenCorpus.Schema s : schemas) {
        tests.add(
            DynamicTest.dynamicTest(
                s.kind() + " " + s.pointer(),
                () -> {
                  if (check(s)) {
                    valid.incrementAndGet();
                  } else {
                    skipped.incrementAndGet();
                    Assumptions.abort(IMPOSSIBLE.get(s.toString()));
                  }
                }));
      }
      tests.add(
          DynamicTest.dynamicTest(
              "figures",
              () ->
                  System.out.printf(
                      "[gen] %-48s schemas %4d  valid %4d  impossible %d%n",
                      document, schemas.size(), valid.get(), skipped.get())));
      out.add(DynamicContainer.dynamicContainer(document, tests));
    }
    return out.stream();
  }

  /** True when the schema got valid, repeatable instances; false for a known impossible one. */
  private static boolean check(GenCorpus.Schema s) {
    GenCorpus.Loaded doc = GenCorpus.load(s.document());
    for (long seed : SEEDS) {
      Optional<JsonNode> v = doc.generator().valid(s.pointer(), seed, s.kind().direction);
      if (v.isEmpty()) {
        if (IMPOSSIBLE.containsKey(s.toString())) {
          return false;
        }
        fail("no valid instance for " + s + " with seed " + seed);
      }
      assertTrue(
          !IMPOSSIBLE.containsKey(s.toString()),
          s + " is listed as impossible but has an instance: " + v.get());
      List<String> errors =
          GenValidity.errors(doc.spec(), doc.schemas(), s.pointer(), v.get(), s.kind().direction);
      assertEquals(List.of(), errors, s + " seed " + seed + ": " + v.get());
      assertEquals(v, doc.generator().valid(s.pointer(), seed, s.kind().direction), "repeatable");
    }
    return true;
  }
}
