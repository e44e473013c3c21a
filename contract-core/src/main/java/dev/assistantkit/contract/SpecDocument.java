package dev.assistantkit.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The parsed {@code openapi.yaml}: read once, then only looked into. */
public final class SpecDocument {

  /** The classpath name the spec ships under, inside contract-core's jar. */
  public static final String RESOURCE = "openapi.yaml";

  static final String PATH_TEMPLATE = "/assistant/update/{assistant_id}";
  static final String OPERATION = "#/paths/" + SpecPointer.escape(PATH_TEMPLATE) + "/patch";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode root;
  private final RequestLimits limits;

  private SpecDocument(JsonNode root) {
    this.root = root;
    JsonNode l = require(OPERATION + "/x-request-limits");
    this.limits =
        new RequestLimits(
            l.get("max-body-bytes").asInt(),
            l.get("max-nesting-depth").asInt(),
            l.get("max-number-length").asInt(),
            l.get("max-string-length").asInt());
  }

  static SpecDocument fromClasspath() {
    try (InputStream in = SpecDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return new SpecDocument(YAMLMapper.builder().build().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node at a {@code #/...} pointer, if there is one. */
  public Optional<JsonNode> node(String pointer) {
    JsonNode n = root;
    for (String segment : SpecPointer.segments(pointer)) {
      n =
          n.isArray() && segment.matches("\\d+")
              ? n.get(Integer.parseInt(segment))
              : n.get(segment);
      if (n == null) {
        return Optional.empty();
      }
    }
    return Optional.of(n);
  }

  JsonNode require(String pointer) {
    return node(pointer)
        .orElseThrow(() -> new IllegalStateException("openapi.yaml has nothing at " + pointer));
  }

  /** Every concrete location a pattern with {@code *} segments names. */
  List<String> expand(String pattern) {
    List<String> found = new ArrayList<>();
    expand(root, SpecPointer.segments(pattern), 0, "#", found);
    return found;
  }

  private static void expand(JsonNode n, List<String> segs, int i, String at, List<String> out) {
    if (i == segs.size()) {
      out.add(at);
      return;
    }
    String s = segs.get(i);
    if (s.equals("*")) {
      if (n.isObject()) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          expand(e.getValue(), segs, i + 1, at + "/" + SpecPointer.escape(e.getKey()), out);
        }
      } else if (n.isArray()) {
        for (int k = 0; k < n.size(); k++) {
          expand(n.get(k), segs, i + 1, at + "/" + k, out);
        }
      }
      return;
    }
    JsonNode next = n.isArray() && s.matches("\\d+") ? n.get(Integer.parseInt(s)) : n.get(s);
    if (next != null) {
      expand(next, segs, i + 1, at + "/" + SpecPointer.escape(s), out);
    }
  }

  public String pathTemplate() {
    return PATH_TEMPLATE;
  }

  public String httpMethod() {
    return "PATCH";
  }

  JsonNode operation() {
    return require(OPERATION);
  }

  /** The statuses the operation declares, ascending. */
  public Set<Integer> declaredStatuses() {
    Set<Integer> out = new TreeSet<>();
    for (Iterator<String> it = operation().get("responses").propertyNames().iterator();
        it.hasNext(); ) {
      out.add(Integer.parseInt(it.next()));
    }
    return out;
  }

  /** The media types the request body may have. */
  public Set<String> requestMediaTypes() {
    Set<String> out = new TreeSet<>();
    operation().get("requestBody").get("content").propertyNames().forEach(out::add);
    return out;
  }

  public boolean requestBodyRequired() {
    return operation().get("requestBody").path("required").asBoolean(false);
  }

  /** The description of a declared status, without its closing full stop. */
  public String statusDescription(int status) {
    String d =
        operation().get("responses").get(Integer.toString(status)).get("description").asString();
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  /** The value of the first example of a declared status, as JSON text. */
  public String firstResponseExample(int status) {
    JsonNode examples =
        operation()
            .get("responses")
            .get(Integer.toString(status))
            .get("content")
            .get("application/json")
            .get("examples");
    JsonNode first = examples.iterator().next();
    return JSON.writeValueAsString(resolveExample(first));
  }

  /** The value of a named example of {@code #/components/examples}, as JSON text. */
  public String exampleJson(String name) {
    return JSON.writeValueAsString(require("#/components/examples/" + name + "/value"));
  }

  /** The named examples of the request body, as JSON text. */
  public Map<String, String> requestExamples() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e :
        operation()
            .get("requestBody")
            .get("content")
            .get("application/json")
            .get("examples")
            .properties()) {
      out.put(e.getKey(), JSON.writeValueAsString(resolveExample(e.getValue())));
    }
    return out;
  }

  private JsonNode resolveExample(JsonNode example) {
    JsonNode e = example.has("$ref") ? require(example.get("$ref").asString()) : example;
    return e.get("value");
  }

  /** The values of the LlmMode enum, in the spec's order. */
  public java.util.List<String> llmModes() {
    java.util.List<String> out = new java.util.ArrayList<>();
    require("#/components/schemas/LlmMode/enum").forEach(v -> out.add(v.asString()));
    return java.util.List.copyOf(out);
  }

  /**
   * The name of the first named example of {@code #/components/examples} that switches to a mode.
   */
  public Optional<String> switchExampleFor(String mode) {
    for (Map.Entry<String, JsonNode> e : require("#/components/examples").properties()) {
      JsonNode v = e.getValue().path("value").path("assistant_llm_mode");
      if (v.isString() && v.asString().equals(mode)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** Names of properties the spec marks {@code writeOnly}: secrets never echoed. */
  public Set<String> secretPropertyNames() {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, JsonNode> schema : require("#/components/schemas").properties()) {
      JsonNode props = schema.getValue().get("properties");
      if (props != null) {
        for (Map.Entry<String, JsonNode> p : props.properties()) {
          if (p.getValue().path("writeOnly").asBoolean(false)) {
            out.add(p.getKey());
          }
        }
      }
    }
    return out;
  }

  public RequestLimits limits() {
    return limits;
  }

  JsonNode root() {
    return root;
  }

  /**
   * The decided request limits ({@code x-request-limits}).
   *
   * @param maxBodyBytes the largest body accepted
   * @param maxNestingDepth the deepest nesting of arrays and objects
   * @param maxNumberLength the longest number literal
   * @param maxStringLength the longest string
   */
  public record RequestLimits(
      int maxBodyBytes, int maxNestingDepth, int maxNumberLength, int maxStringLength) {}
}
