package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Instances for the schemas of one OpenAPI document (3.0 or 3.1): valid ones, for the mock's
 * answers and the suite's requests, and ones that break a single assertion keyword, for the suite's
 * negative cases. Built once per document; immutable and safe to share between threads.
 *
 * <p>Deterministic: the same pointer, seed and direction give the same instance, in any run and
 * JVM. Bounded: whatever the document (a {@code minItems} of a billion, a recursive {@code $ref}, a
 * catastrophic pattern), a call does a bounded amount of work and returns empty rather than an
 * instance the validator refuses.
 */
public final class Generator {

  /** Whole-instance tries (with derived seeds) before giving up. */
  private static final int ATTEMPTS = 6;

  private final SpecDocument spec;
  private final ValueMaker maker;
  private final Breaker breaker;

  public Generator(SpecDocument spec, SchemaSet schemas) {
    this.spec = spec;
    Semantics sem = Semantics.of(spec);
    CandidateValidator validator = new CandidateValidator(schemas);
    this.maker = new ValueMaker(spec, sem, validator);
    this.breaker = new Breaker(maker, new KeywordPaths(maker));
  }

  /**
   * An instance valid against the schema at the pointer. {@link Direction#REQUEST} leaves out
   * {@code readOnly} properties, {@link Direction#RESPONSE} {@code writeOnly} ones, even when
   * required (the only errors the validator may then report are those {@code required} ones).
   *
   * @param schemaPointer a {@code #/...} pointer to a schema (a component, a media type's or a
   *     parameter's schema, or any schema inside one)
   * @return the instance, or empty when none was found within the bounds (an unsatisfiable or
   *     hostile schema)
   * @throws IllegalArgumentException when the document has nothing at the pointer
   */
  public Optional<JsonNode> valid(String schemaPointer, long seed, Direction direction) {
    SchemaAt root = root(schemaPointer);
    long base = SeedMix.mix(seed ^ SeedMix.fnv(schemaPointer));
    for (int a = 0; a < ATTEMPTS; a++) {
      CallState st = new CallState(direction, Plan.NONE, null);
      try {
        JsonNode v = maker.make(List.of(root), "", SeedMix.attempt(base, a), st);
        if (v != null) {
          return Optional.of(v);
        }
      } catch (CallState.OutOfBudget e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * An instance that breaks the assertion keyword at {@code keywordLocation} (or the {@code false}
   * schema there) and keeps the rest of the schema at the pointer valid as far as possible. The
   * keyword may lie in the schema or in one it reaches through {@code $ref}, {@code properties},
   * {@code items}, {@code allOf} and the other applicators; the instance then carries what it takes
   * for the keyword to apply (the optional property, the item, the branch).
   *
   * <p>Checked with the validator: a {@link Broken} instance's errors include the keyword's
   * location ({@link Broken#reportedAt()}); its other broken keywords are listed, so a caller
   * wanting "this keyword only" asks {@link Broken#alone()}. Otherwise the answer is {@link
   * Unbreakable} with the reason.
   *
   * @throws IllegalArgumentException when the document has nothing at the schema pointer
   */
  public Breaking breaking(
      String schemaPointer, String keywordLocation, long seed, Direction direction) {
    SchemaAt root = root(schemaPointer);
    long base = SeedMix.mix(seed ^ SeedMix.fnv(schemaPointer + " " + keywordLocation));
    try {
      return breaker.breaking(root, keywordLocation, base, direction);
    } catch (CallState.OutOfBudget e) {
      return new Unbreakable(Unbreakable.Reason.BEYOND_BOUNDS, "the generation budget ran out");
    }
  }

  /**
   * The JSON Pointer of the value a keyword constrains in instances of the schema at the pointer:
   * {@code properties/name} adds {@code /name}, {@code items} {@code /0} (or the first index after
   * {@code prefixItems}), {@code additionalProperties} and {@code patternProperties} the name a
   * breaking instance uses; keywords about an object as a whole ({@code required}, {@code
   * additionalProperties: false}, counts) point at the object, as the validator reports them.
   *
   * @return the pointer, or empty when the keyword is not reached from the schema
   */
  public Optional<String> instancePointer(String schemaPointer, String keywordLocation) {
    return breaker.paths().find(schemaPointer, keywordLocation).map(KeywordPaths.Route::reported);
  }

  private SchemaAt root(String schemaPointer) {
    JsonNode node =
        spec.node(schemaPointer)
            .orElseThrow(
                () -> new IllegalArgumentException("the document has nothing at " + schemaPointer));
    return new SchemaAt(node, schemaPointer);
  }
}
