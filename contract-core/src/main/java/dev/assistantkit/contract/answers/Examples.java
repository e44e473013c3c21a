package dev.assistantkit.contract.answers;

import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The examples a document gives a media type, in the order OpenAPI ranks them: the media type's
 * {@code examples} (by name), its {@code example}, then its schema's {@code examples} and {@code
 * example}. An Example Object with only an {@code externalValue} is left out: a mock fetches
 * nothing a document points at.
 */
public final class Examples {

  /**
   * One example.
   *
   * @param name its name ({@code examples} key; {@code example}, or the index in a schema's list)
   * @param value its value
   */
  public record Example(String name, JsonNode value) {}

  private final SpecDocument spec;

  public Examples(SpecDocument spec) {
    this.spec = spec;
  }

  /** Every example of a media type, in OpenAPI's order. */
  public List<Example> of(MediaType media) {
    List<Example> out = new ArrayList<>();
    JsonNode m = spec.node(media.location()).map(spec::resolve).orElse(null);
    if (m == null) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : m.path("examples").properties()) {
      JsonNode ex = spec.resolve(e.getValue());
      if (ex != null && ex.has("value")) {
        out.add(new Example(e.getKey(), ex.get("value")));
      }
    }
    if (m.has("example")) {
      out.add(new Example("example", m.get("example")));
    }
    JsonNode schema = m.has("schema") ? spec.resolve(m.get("schema")) : null;
    if (schema != null && schema.isObject()) {
      JsonNode list = schema.get("examples");
      if (list != null && list.isArray()) {
        for (int i = 0; i < list.size(); i++) {
          out.add(new Example(Integer.toString(i), list.get(i)));
        }
      }
      if (schema.has("example")) {
        out.add(new Example("example", schema.get("example")));
      }
    }
    return out;
  }

  /** The example of this name, or the first when no name is asked for. */
  public Optional<Example> pick(MediaType media, Optional<String> name) {
    List<Example> all = of(media);
    if (name.isEmpty()) {
      return all.stream().findFirst();
    }
    return all.stream().filter(e -> e.name().equals(name.get())).findFirst();
  }

  /** The value of a header's example (its own, or its schema's), as text. */
  public Optional<String> header(String headerLocation) {
    JsonNode h = spec.node(headerLocation).map(spec::resolve).orElse(null);
    if (h == null) {
      return Optional.empty();
    }
    JsonNode value = h.get("example");
    if (value == null && h.path("examples").isObject() && !h.get("examples").isEmpty()) {
      JsonNode first = spec.resolve(h.get("examples").values().iterator().next());
      value = first == null ? null : first.get("value");
    }
    if (value == null && h.has("schema")) {
      JsonNode schema = spec.resolve(h.get("schema"));
      value = schema.has("example") ? schema.get("example") : schema.get("default");
      if (value == null && schema.path("examples").isArray() && !schema.get("examples").isEmpty()) {
        value = schema.get("examples").get(0);
      }
    }
    if (value == null || value.isContainer()) {
      return Optional.empty();
    }
    return Optional.of(value.asString());
  }
}
