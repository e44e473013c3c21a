package dev.assistantkit.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The networknt validators of one spec, built once. networknt gets the document already parsed (as
 * JSON text under {@link #IRI}), so the YAML is read only once per process.
 */
final class SchemaSet {

  /** The id networknt knows the spec by; nothing is ever fetched from it. */
  static final String IRI = "https://contract.assistantkit.invalid/openapi.json";

  private final SchemaRegistry registry;

  SchemaSet(SpecDocument spec) {
    String json = JsonMapper.builder().build().writeValueAsString(spec.root());
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(),
            b -> b.schemaRegistryConfig(config).schemas(Map.of(IRI, json)));
  }

  /** A validator for the schema at a {@code #/...} pointer of the spec. */
  Schema at(String pointer) {
    Schema s = registry.getSchema(SchemaLocation.of(IRI + pointer));
    s.initializeValidators();
    return s;
  }

  /** The {@code #/...} part of an error's schema location. */
  static String location(Error e) {
    String s = e.getSchemaLocation().toString();
    int hash = s.indexOf('#');
    return hash < 0 ? "#" : s.substring(hash);
  }
}
