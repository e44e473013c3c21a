package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertSameValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.codec.CodecValues.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real parameter objects of readme-parameters-style 3.0 and 3.1 (every style, explode true and
 * false, primitive/array/object, in path, query, header and cookie): for each operation a whole
 * request is encoded (path filled in, query string, headers, one Cookie header), split as a server
 * would split it, and decoded with {@link ParameterSet}; every value must come back. One fixed
 * value set and {@value #ROUNDS} generated ones per operation.
 */
class CodecCorpusParametersTest {

  static final int ROUNDS = 60;

  static final List<String> DOCUMENTS =
      List.of(
          "readme-parameters-style-3.0/parameters-style.yaml",
          "readme-parameters-style-3.1/parameters-style.yaml");

  record Operation(String document, String path, String method, List<JsonNode> parameters) {
    @Override
    public String toString() {
      return document.substring(0, document.indexOf('/')) + " " + method.toUpperCase() + " " + path;
    }
  }

  static List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    for (String d : DOCUMENTS) {
      SpecDocument spec = CodecFixtures.corpus(d);
      spec.root()
          .path("paths")
          .properties()
          .forEach(
              path ->
                  path.getValue()
                      .properties()
                      .forEach(
                          op -> {
                            List<JsonNode> params = new ArrayList<>();
                            op.getValue().path("parameters").forEach(params::add);
                            if (!params.isEmpty()) {
                              out.add(new Operation(d, path.getKey(), op.getKey(), params));
                            }
                          }));
    }
    return out;
  }

  @Test
  void the_corpus_has_every_style_in_every_location_it_is_defined_for() {
    List<ParameterCodec> all = new ArrayList<>();
    for (Operation o : operations()) {
      all.addAll(ParameterSet.of(CodecFixtures.corpus(o.document()), o.parameters()).parameters());
    }
    assertEquals(2 * 53, all.size());
    for (ParameterStyle style : ParameterStyle.values()) {
      for (ParameterLocation in : ParameterLocation.values()) {
        if (style.definedFor(in)) {
          assertTrue(
              all.stream().anyMatch(p -> p.in() == in && p.style().orElseThrow() == style),
              style + " in " + in);
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> every_operations_parameters_come_back_from_the_wire() {
    return operations().stream()
        .map(o -> DynamicTest.dynamicTest(o.toString(), () -> roundTrips(o)));
  }

  private static void roundTrips(Operation o) {
    ParameterSet set = ParameterSet.of(CodecFixtures.corpus(o.document()), o.parameters());
    requestRoundTrips(o, set, fixedValues(set));
    for (int seed = 0; seed < ROUNDS; seed++) {
      requestRoundTrips(o, set, generatedValues(set, new CodecValues(seed)));
    }
  }

  private static void requestRoundTrips(
      Operation o, ParameterSet set, Map<ParameterCodec, JsonNode> values) {
    String path = o.path().replaceAll("#.*", "");
    List<String> query = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    List<String> cookies = new ArrayList<>();
    for (ParameterCodec p : set.parameters()) {
      EncodeResult e = p.encode(values.get(p));
      assertTrue(e.ok(), o + " " + p + " " + values.get(p) + ": " + e.problems());
      String wire = e.wire().orElseThrow();
      switch (p.in()) {
        case PATH -> path = path.replace("{" + p.name() + "}", wire);
        case QUERY -> query.add(wire);
        case HEADER -> headers.add(Map.entry(p.name(), wire));
        case COOKIE -> cookies.add(wire);
      }
    }
    if (!cookies.isEmpty()) {
      headers.add(Map.entry("Cookie", String.join("; ", cookies)));
    }
    String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
    List<ParameterValue> decoded =
        set.decode(
            rawPathValues(o.path().replaceAll("#.*", ""), target),
            rawQuery(target),
            Headers.of(headers));
    for (ParameterValue v : decoded) {
      String what =
          o
              + " "
              + v.parameter()
              + " sent "
              + values.get(v.parameter())
              + " as "
              + target
              + " "
              + headers;
      assertSameValue(values.get(v.parameter()), decodedValue(v.result(), what), what);
    }
  }

  /** What a router does: the raw (still percent-encoded) segment under each {name}. */
  static Map<String, String> rawPathValues(String template, String target) {
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    String[] want = template.split("/", -1);
    String[] got = path.split("/", -1);
    assertEquals(want.length, got.length, "a value holds a raw '/': " + path);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < want.length; i++) {
      if (want[i].startsWith("{")) {
        out.put(want[i].substring(1, want[i].length() - 1), got[i]);
      } else {
        assertEquals(want[i], got[i]);
      }
    }
    return out;
  }

  static String rawQuery(String target) {
    return target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
  }

  private static Map<ParameterCodec, JsonNode> fixedValues(ParameterSet set) {
    Map<ParameterCodec, JsonNode> out = new LinkedHashMap<>();
    for (ParameterCodec p : set.parameters()) {
      out.put(
          p,
          switch (p.name()) {
            case "primitive" -> json("\"blue\"");
            case "array" -> json("[\"blue\",\"black\",\"brown\"]");
            default -> json("{\"name\":\"Ada\",\"description\":\"Lovelace\"}");
          });
    }
    return out;
  }

  private static Map<ParameterCodec, JsonNode> generatedValues(ParameterSet set, CodecValues g) {
    Map<ParameterCodec, JsonNode> out = new LinkedHashMap<>();
    for (ParameterCodec p : set.parameters()) {
      CodecRoundTripTest.Case c =
          new CodecRoundTripTest.Case(
              p.in().wireName(), p.style().orElseThrow(), p.explode(), p.allowReserved(), "");
      Limits item = CodecRoundTripTest.limits(c, true);
      Limits one = CodecRoundTripTest.limits(c, false);
      JsonNode v =
          switch (p.name()) {
            case "primitive" ->
                tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(g.text(one));
            case "array" ->
                g.array(
                    4,
                    () ->
                        tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(
                            g.text(item)));
            default -> record(g, item);
          };
      out.put(p, v);
    }
    return out;
  }

  private static JsonNode record(CodecValues g, Limits item) {
    ObjectNode o = dev.assistantkit.contract.spec.JsonMappers.plain().createObjectNode();
    o.put("name", g.text(item));
    if (!g.chance(3)) {
      o.put("description", g.text(item));
    }
    return o;
  }
}
