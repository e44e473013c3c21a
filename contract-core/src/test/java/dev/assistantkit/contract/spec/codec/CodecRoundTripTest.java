package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertSameValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decode;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.spec.codec.CodecValues.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * decode(encode(v)) == v for generated values, for every location, style, explode, allowReserved
 * and kind of schema (strings, integers, booleans, arrays of them, records, free-form maps): each
 * case runs {@value #ROUNDS} seeded values through the wire and back.
 */
class CodecRoundTripTest {

  static final int ROUNDS = 200;

  static final Map<String, String> SCHEMAS =
      Map.of(
          "string",
          "{\"type\":\"string\"}",
          "integer",
          "{\"type\":\"integer\"}",
          "boolean",
          "{\"type\":\"boolean\"}",
          "strings",
          "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}",
          "integers",
          "{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}",
          "record",
          """
          {"type":"object","properties":{"s":{"type":"string"},"n":{"type":"integer"},"b":{"type":"boolean"}}}
          """,
          "map",
          "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}");

  record Case(
      String in, ParameterStyle style, boolean explode, boolean allowReserved, String kind) {
    @Override
    public String toString() {
      return in
          + " "
          + style.wireName()
          + " explode="
          + explode
          + (allowReserved ? " allowReserved" : "")
          + " "
          + kind;
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (ParameterLocation in : ParameterLocation.values()) {
      for (ParameterStyle style : ParameterStyle.values()) {
        if (!style.definedFor(in)) {
          continue;
        }
        for (boolean explode : new boolean[] {false, true}) {
          for (boolean reserved :
              in == ParameterLocation.QUERY ? new boolean[] {false, true} : new boolean[] {false}) {
            for (String kind : SCHEMAS.keySet()) {
              boolean objectsOnly = style == ParameterStyle.DEEP_OBJECT;
              if (!objectsOnly || kind.equals("record") || kind.equals("map")) {
                out.add(new Case(in.wireName(), style, explode, reserved, kind));
              }
            }
          }
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> generated_values_read_back_as_written() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> roundTrips(c)));
  }

  private static void roundTrips(Case c) {
    ObjectNode p =
        dev.assistantkit.contract.spec.JsonMappers.plain().createObjectNode().put("name", "color");
    p.put("in", c.in()).put("style", c.style().wireName()).put("explode", c.explode());
    p.put("allowReserved", c.allowReserved());
    p.set("schema", json(SCHEMAS.get(c.kind())));
    ParameterCodec codec = ParameterCodec.of(p);
    for (int seed = 0; seed < ROUNDS; seed++) {
      JsonNode value = value(c, new CodecValues(seed));
      EncodeResult wire = codec.encode(value);
      String what = c + " seed " + seed + " value " + value;
      assertTrue(wire.ok(), what + ": " + wire.problems());
      DecodeResult back = decode(codec, wire.wire().orElseThrow());
      assertSameValue(value, decodedValue(back, what + " wire " + wire.wire().get()), what);
    }
  }

  /** A value of the case's kind, leaving out what its location or style cannot carry. */
  static JsonNode value(Case c, CodecValues g) {
    Limits item = limits(c, true);
    Limits one = limits(c, false);
    return switch (c.kind()) {
      case "string" -> jsonString(g.text(one));
      case "integer" -> g.integer();
      case "boolean" -> g.bool();
      case "strings" -> g.array(4, () -> jsonString(g.text(item)));
      case "integers" -> g.array(4, g::integer);
      case "record" -> record(g, item);
      default ->
          g.map(
              item.also(c.style() == ParameterStyle.DEEP_OBJECT ? "[]" : "")
                  .also(c.in().equals("header") ? "=" : ""),
              item);
    };
  }

  private static JsonNode record(CodecValues g, Limits item) {
    ObjectNode o = dev.assistantkit.contract.spec.JsonMappers.plain().createObjectNode();
    if (!g.chance(4)) {
      o.put("s", g.text(item));
    }
    o.set("n", g.integer());
    if (!g.chance(3)) {
      o.set("b", g.bool());
    }
    return o;
  }

  private static JsonNode jsonString(String s) {
    return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(s);
  }

  /**
   * What the location and style cannot carry: headers visible ASCII, and no comma inside a list;
   * spaceDelimited and pipeDelimited no delimiter inside an item (OAS 3.1.1 Appendix E);
   * allowReserved no {@code %} (reserved expansion passes {@code %41} through as it is).
   */
  static Limits limits(Case c, boolean inList) {
    Limits l = c.in().equals("header") ? new Limits(true, inList ? "," : "") : Limits.NONE;
    if (inList && c.style() == ParameterStyle.SPACE_DELIMITED && !c.explode()) {
      l = l.also(" ");
    }
    if (inList && c.style() == ParameterStyle.PIPE_DELIMITED && !c.explode()) {
      l = l.also("|");
    }
    return c.allowReserved() ? l.also("%") : l;
  }
}
