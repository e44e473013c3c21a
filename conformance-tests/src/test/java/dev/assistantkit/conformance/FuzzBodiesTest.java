package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.assistantkit.contract.rules.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuzz is bounded and reproducible: the same seed gives the same bodies. */
class FuzzBodiesTest {

  static final Operation UPDATE = SuiteRuns.CONTRACT.operations().get(0);

  static List<String> bodies(long seed, int count) {
    return FuzzBodies.generate(
            SuiteRuns.CONTRACT, UPDATE, SpecBodies.of(SuiteRuns.CONTRACT, UPDATE), seed, count)
        .stream()
        .map(f -> f.name() + " " + new String(f.body(), java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void the_same_seed_gives_the_same_bodies_and_another_seed_others() {
    assertEquals(bodies(7, 30), bodies(7, 30));
    assertNotEquals(bodies(7, 30), bodies(8, 30));
  }

  @Test
  void the_count_bounds_the_fuzz() {
    assertEquals(0, bodies(7, 0).size());
    assertEquals(17, bodies(7, 17).size());
  }
}
