package dev.assistantkit.contract.generation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.format.Format;
import com.networknt.schema.format.Formats;
import dev.assistantkit.contract.spec.SchemaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The generator's one contact with the schema library: it validates candidates through the
 * document's {@link SchemaSet} and hands back {@link Problem}s, so no other class of the package
 * knows networknt. Thread-safe: the validators are built once per location and only read after.
 */
final class CandidateValidator {

  /** The formats the validator asserts; any other format name is an annotation only. */
  static final Set<String> ASSERTED_FORMATS = assertedFormats();

  private final SchemaSet schemas;
  private final ConcurrentHashMap<String, Schema> byLocation = new ConcurrentHashMap<>();

  CandidateValidator(SchemaSet schemas) {
    this.schemas = schemas;
  }

  /**
   * The problems of an instance against the schema at a location, or empty when the instance took
   * more validation steps than the set allows (a candidate to drop, never to hand out).
   */
  Optional<List<Problem>> problems(String location, JsonNode instance) {
    Schema schema = byLocation.computeIfAbsent(location, schemas::at);
    List<Error> errors;
    try {
      errors = schemas.validate(schema, instance);
    } catch (SchemaSet.TooComplex e) {
      return Optional.empty();
    }
    List<Problem> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      out.add(
          new Problem(
              e.getKeyword() == null ? "" : e.getKeyword(),
              SchemaSet.location(e),
              e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString(),
              e.getEvaluationPath() == null ? "" : e.getEvaluationPath().toString(),
              e.getProperty() == null ? "" : e.getProperty()));
    }
    return Optional.of(out);
  }

  private static Set<String> assertedFormats() {
    Set<String> names = new TreeSet<>();
    for (Format f : Formats.DEFAULT) {
      names.add(f.getName());
    }
    return Set.copyOf(names);
  }
}
