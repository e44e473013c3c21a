package dev.assistantkit.contract.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SpecDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The keyword cases as data: every component schema of {@code generation/keywords-3.1.yaml} and
 * {@code generation/keywords-3.0.yaml} gets a valid instance (or none, when its {@code x-case} says
 * so), and every assertion keyword under it breaks alone, or only together with others, or not at
 * all for the reason its {@code x-case} names.
 */
class GenKeywordCasesTest {

  private static final List<String> FILES =
      List.of("generation/keywords-3.1.yaml", "generation/keywords-3.0.yaml");

  private static final long[] SEEDS = {1, 7, 1234};

  @TestFactory
  Stream<DynamicNode> each_case_has_valid_instances_and_breaks_each_keyword_as_documented() {
    List<DynamicNode> out = new ArrayList<>();
    for (String file : FILES) {
      SpecDocument spec = SpecDocument.fromYaml(resource(file));
      SchemaSet schemas = new SchemaSet(spec);
      Generator generator = new Generator(spec, schemas);
      List<DynamicNode> cases = new ArrayList<>();
      for (String name : spec.require("#/components/schemas").propertyNames()) {
        cases.add(schemaCase(spec, schemas, generator, name));
      }
      out.add(DynamicContainer.dynamicContainer(file, cases));
    }
    return out.stream();
  }

  private static DynamicNode schemaCase(
      SpecDocument spec, SchemaSet schemas, Generator generator, String name) {
    String at = "#/components/schemas/" + name;
    JsonNode xcase = spec.require(at).path("x-case");
    Direction d =
        xcase.has("direction")
            ? Direction.valueOf(xcase.get("direction").asString())
            : Direction.RESPONSE;
    boolean none = xcase.path("valid").asString("").equals("none");
    Set<String> together = new LinkedHashSet<>();
    xcase.path("together").forEach(n -> together.add(absolute(at, n.asString())));
    Map<String, String> unbreakable = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : xcase.path("unbreakable").properties()) {
      unbreakable.put(absolute(at, e.getKey()), e.getValue().asString());
    }
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            none ? "has no valid instance" : "has valid repeatable instances",
            () -> {
              for (long seed : SEEDS) {
                Optional<JsonNode> v = generator.valid(at, seed, d);
                if (none) {
                  assertEquals(Optional.empty(), v);
                  continue;
                }
                assertTrue(v.isPresent(), "seed " + seed);
                assertEquals(
                    List.of(),
                    GenValidity.errors(spec, schemas, at, v.get(), d),
                    v.get().toString());
                assertEquals(v, generator.valid(at, seed, d));
              }
            }));
    for (String location : new SchemaWalker(spec).assertionLocations(at)) {
      String relative =
          location.startsWith(at + "/") ? location.substring(at.length() + 1) : location;
      String expect =
          unbreakable.containsKey(location)
              ? "cannot break " + relative + " (" + unbreakable.get(location) + ")"
              : none
                  ? "cannot break " + relative + " (NO_VALID_INSTANCE)"
                  : together.contains(location)
                      ? "breaks " + relative + " only with others"
                      : "breaks " + relative + " alone";
      tests.add(
          DynamicTest.dynamicTest(
              expect,
              () -> {
                String reason =
                    unbreakable.getOrDefault(location, none ? "NO_VALID_INSTANCE" : null);
                checkBreaking(
                    spec, schemas, generator, at, location, d, reason, together.contains(location));
              }));
    }
    return DynamicContainer.dynamicContainer(name, tests);
  }

  private static void checkBreaking(
      SpecDocument spec,
      SchemaSet schemas,
      Generator generator,
      String at,
      String location,
      Direction d,
      String reason,
      boolean together) {
    Breaking b = generator.breaking(at, location, 5, d);
    if (reason != null) {
      assertTrue(b instanceof Unbreakable, "expected no breaking instance, got " + b);
      assertEquals(reason, ((Unbreakable) b).reason().name(), b.toString());
      return;
    }
    if (!(b instanceof Broken)) {
      fail("expected a breaking instance: " + b);
    }
    Broken broken = (Broken) b;
    assertEquals(
        !together,
        broken.alone(),
        "also broken: " + broken.alsoBroken() + " in " + broken.instance());
    assertEquals(b, generator.breaking(at, location, 5, d), "repeatable");
    // the validator's own report, read here independently of the generator
    boolean reported = false;
    Set<String> others = new LinkedHashSet<>();
    for (Error e : schemas.validate(schemas.at(at), broken.instance())) {
      String loc = SchemaSet.location(e);
      String instance = e.getInstanceLocation().toString();
      if (loc.equals(broken.reportedAt()) && instance.equals(broken.instancePointer())) {
        reported = true;
      } else if (!underCombinator(e) && !loc.equals(broken.reportedAt()) && !excused(spec, e, d)) {
        others.add(loc);
      }
    }
    assertTrue(
        reported,
        broken.reportedAt() + " at " + broken.instancePointer() + " in " + broken.instance());
    assertTrue(
        location.equals(broken.reportedAt())
            || broken.reportedAt().equals(location + "/false")
            || broken.reportedAt().endsWith("/minimum")
            || broken.reportedAt().endsWith("/maximum")
            || broken.reportedAt().endsWith("/oneOf")
            || broken.reportedAt().endsWith("/anyOf"),
        broken.reportedAt());
    if (broken.alone()) {
      assertEquals(Set.of(), others, broken.instance().toString());
    }
    Optional<String> pointer = generator.instancePointer(at, location);
    if (broken.reportedAt().endsWith("/oneOf") || broken.reportedAt().endsWith("/anyOf")) {
      // reported at the combinator: the keyword's own value lies below the reported one
      assertTrue(pointer.orElseThrow().startsWith(broken.instancePointer()), pointer.toString());
    } else {
      assertEquals(Optional.of(broken.instancePointer()), pointer, "pointer");
    }
  }

  private static boolean underCombinator(Error e) {
    String path = e.getEvaluationPath().toString();
    return path.contains("/oneOf")
        || path.contains("/anyOf")
        || e.getKeyword().equals("discriminator");
  }

  /** A required property the direction hides: left out on purpose. */
  private static boolean excused(SpecDocument spec, Error e, Direction d) {
    String loc = SchemaSet.location(e);
    return e.getKeyword().equals("required")
        && GenValidity.hides(
            spec, loc.substring(0, loc.length() - "/required".length()), e.getProperty(), d, 0);
  }

  private static String absolute(String at, String location) {
    return location.startsWith("#") ? location : at + "/" + location;
  }

  static String resource(String name) {
    try (InputStream in = GenKeywordCasesTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
