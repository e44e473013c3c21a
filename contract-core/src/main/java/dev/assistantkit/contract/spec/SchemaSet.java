package dev.assistantkit.contract.spec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.util.Map;

/**
 * The networknt validators of one spec, built once. networknt gets the document already parsed (as
 * JSON text under {@link #IRI}), so the YAML is read only once per process.
 */
public final class SchemaSet {

  /** The id networknt knows the spec by; nothing is ever fetched from it. */
  static final String IRI = "https://contract.assistantkit.invalid/openapi.json";

  /** Bounds on one validation, whatever the instance: no body makes validation run away. */
  private static final long MAX_EVALUATION_STEPS = 200_000;

  private static final int MAX_EVALUATION_DEPTH = 128;

  private final SchemaRegistry registry;
  private final java.util.function.Consumer<com.networknt.schema.ExecutionContext> execution;

  public SchemaSet(SpecDocument spec) {
    String json = JsonMappers.plain().writeValueAsString(spec.root());
    // annotations are only needed by unevaluatedProperties/Items; collecting them for every
    // keyword made validation three times slower
    boolean annotations = json.contains("\"unevaluated");
    this.execution =
        c ->
            c.executionConfig(
                b ->
                    b.annotationCollectionEnabled(annotations)
                        .formatAssertionsEnabled(true)
                        .maxEvaluationSteps(MAX_EVALUATION_STEPS)
                        .maxEvaluationDepth(MAX_EVALUATION_DEPTH));
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            openApi30(spec) ? Dialects.getOpenApi30() : Dialects.getOpenApi31(),
            b -> b.schemaRegistryConfig(config).schemas(Map.of(IRI, json)));
  }

  /** The whole document as networknt holds it, read once: every schema is a part of it. */
  private volatile Schema document;

  /**
   * Whether the document is OpenAPI 3.0.x, whose schemas are validated with 3.0 semantics ({@code
   * nullable}, boolean {@code exclusiveMinimum}/{@code exclusiveMaximum}, {@code $ref} siblings
   * ignored); any other version (3.1 and later) is JSON Schema 2020-12.
   */
  public static boolean openApi30(SpecDocument spec) {
    return spec.version() == OpenApiVersion.V3_0;
  }

  /** A validator for the schema at a {@code #/...} pointer of the spec. */
  public Schema at(String pointer) {
    if (pointer.equals("#") || pointer.isEmpty()) {
      Schema s = registry.getSchema(SchemaLocation.of(IRI + "#"));
      s.initializeValidators();
      return s;
    }
    Schema doc = document;
    if (doc == null) {
      synchronized (this) {
        doc = document;
        if (doc == null) {
          // networknt reads the document again for every location with a fragment: read it once
          doc = registry.loadSchema(SchemaLocation.of(IRI), false);
          document = doc;
        }
      }
    }
    Schema s = doc.getRefSchema(SchemaLocation.of(IRI + pointer).getFragment());
    s.initializeValidators();
    return s;
  }

  /** Validates an instance with the set's execution settings. */
  public java.util.List<Error> validate(Schema schema, tools.jackson.databind.JsonNode instance) {
    try {
      return schema.validate(instance, execution);
    } catch (com.networknt.schema.ValidationLimitExceededException e) {
      throw new TooComplex();
    }
  }

  /** An instance that took more validation steps or depth than the bounds allow. */
  public static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super("the instance is too complex to validate", null, false, false);
    }
  }

  /** The {@code #/...} part of an error's schema location. */
  public static String location(Error e) {
    String s = e.getSchemaLocation().toString();
    int hash = s.indexOf('#');
    return hash < 0 ? "#" : s.substring(hash);
  }
}
