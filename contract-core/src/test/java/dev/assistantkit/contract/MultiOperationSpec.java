package dev.assistantkit.contract;

import dev.assistantkit.contract.spec.SpecDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A test-only spec: the product's openapi.yaml with two more operations merged in ({@code
 * fixtures/extra-operations.yaml}: a GET of the assistant and a rename). Shared with the mock's and
 * the suite's tests through contract-core's test jar.
 */
public final class MultiOperationSpec {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private MultiOperationSpec() {}

  /** The merged spec as YAML text. */
  public static String yaml() {
    ObjectNode spec = (ObjectNode) read(SpecDocument.RESOURCE);
    JsonNode extra = read("fixtures/extra-operations.yaml");
    merge(spec, extra);
    return YAML.writeValueAsString(spec);
  }

  /** The product's openapi.yaml with a test fixture (a classpath resource) merged in, as YAML. */
  public static String withFixture(String resource) {
    ObjectNode spec = (ObjectNode) read(SpecDocument.RESOURCE);
    merge(spec, read(resource));
    return YAML.writeValueAsString(spec);
  }

  /** The merged spec, loaded. */
  public static Contract contract() {
    return Contract.fromYaml(yaml());
  }

  private static void merge(ObjectNode into, JsonNode from) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  private static JsonNode read(String resource) {
    try (InputStream in = MultiOperationSpec.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
