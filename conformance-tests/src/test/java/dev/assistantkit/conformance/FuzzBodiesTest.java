package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Evaluation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fuzz is bounded, reproducible, and reaches accepted, rejected and broken bodies. */
class FuzzBodiesTest {

  private static final FuzzBodies FUZZ = new FuzzBodies(new SpecBodies(Contracts.shared()));

  @Test
  void the_same_seed_gives_the_same_bodies_and_another_seed_others() {
    List<FuzzBodies.Fuzzed> a = FUZZ.generate(42, 30);
    List<FuzzBodies.Fuzzed> b = FUZZ.generate(42, 30);
    List<FuzzBodies.Fuzzed> c = FUZZ.generate(43, 30);
    assertEquals(30, a.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).body(), b.get(i).body());
      assertEquals(a.get(i).name(), b.get(i).name());
    }
    assertTrue(
        java.util.stream.IntStream.range(0, 30)
            .anyMatch(i -> !java.util.Arrays.equals(a.get(i).body(), c.get(i).body())));
  }

  @Test
  void the_fuzz_reaches_accepted_rejected_and_unparseable_bodies() {
    int accepted = 0;
    int rejected = 0;
    int unparseable = 0;
    for (FuzzBodies.Fuzzed f : FUZZ.generate(ConformanceSettings.DEFAULT_SEED, 200)) {
      Evaluation e =
          Contracts.shared()
              .evaluate(
                  CheckCase.jsonRequest(f.body(), "k", SuiteRuns.ASSISTANT),
                  "k"::equals,
                  id -> Optional.of("pipeline"));
      if (e.status() == 200) {
        accepted++;
      } else {
        rejected++;
      }
      if (e.report().ruleIds().contains("body.json-syntax")
          || e.report().ruleIds().contains("body.duplicate-key")) {
        unparseable++;
      }
    }
    assertTrue(accepted >= 10, "accepted " + accepted);
    assertTrue(rejected >= 100, "rejected " + rejected);
    assertTrue(unparseable >= 5, "unparseable " + unparseable);
  }

  @Test
  void zero_bodies_are_zero_bodies() {
    assertEquals(0, FUZZ.generate(1, 0).size());
  }
}
