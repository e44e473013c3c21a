package dev.assistantkit.contract.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tree kept as text comes back as it was: the same node classes, each number as it was held (its
 * Java type, a decimal's scale, a number no Java type holds), each string char for char.
 */
class TreeTextTest {

  private static final JsonMapper JSON = JsonMappers.plain();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"a\":1,\"b\":[true,false,null,\"\",\"x\"],\"c\":{\"d\":{\"e\":[[],{}]}}}",
        "{\"12:3;{\":\"4:ab;[s]\",\"\":\"\",\"digits\":\"123456789\"}",
        "[1.500, 1E+3, -0.0, 1e999999, -1E-2147483648, 123456789012345678901234567890]",
        "{\"name\":\"\\ud800 unpaired, \\u00e9 and \\ud83d\\ude00\",\"line\":\"a\\nb\"}",
      })
  void a_tree_read_as_a_body_comes_back_node_for_node(String json) {
    JsonNode tree = asSent(json);
    assertSameTree(tree, TreeText.read(TreeText.write(tree).orElseThrow()));
  }

  @Test
  void every_kind_of_number_a_tree_may_hold_keeps_its_type() {
    ObjectNode tree = NODES.objectNode();
    tree.put("int", 7);
    tree.put("long", 1L << 40);
    tree.put("short", (short) 3);
    tree.put("double", 0.1);
    tree.put("nan", Double.NaN);
    tree.put("float", 2.5f);
    tree.put("big", new BigInteger("98765432109876543210"));
    tree.put("decimal", new BigDecimal("2.50"));
    tree.putPOJO("asSent", new NumberAsSent("1e999999"));
    assertSameTree(tree, TreeText.read(TreeText.write(tree).orElseThrow()));
  }

  @Test
  void a_tree_it_cannot_hold_exactly_is_not_written() {
    ObjectNode binary = NODES.objectNode();
    binary.put("bytes", new byte[] {1, 2});
    assertTrue(TreeText.write(binary).isEmpty());
    ObjectNode deep = NODES.objectNode();
    ObjectNode at = deep;
    for (int i = 0; i <= TreeText.MAX_DEPTH; i++) {
      at = at.putObject("d");
    }
    assertTrue(TreeText.write(deep).isEmpty());
  }

  private static JsonNode asSent(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      return JsonTrees.read(p).orElseThrow().tree();
    }
  }

  private static void assertSameTree(JsonNode want, JsonNode got) {
    assertEquals(want.getClass(), got.getClass(), () -> want + " / " + got);
    assertEquals(want, got);
    if (want.isObject()) {
      assertEquals(want.size(), got.size());
      Iterator<Map.Entry<String, JsonNode>> g = got.properties().iterator();
      for (Map.Entry<String, JsonNode> w : want.properties()) {
        Map.Entry<String, JsonNode> e = g.next();
        assertEquals(w.getKey(), e.getKey(), "in order");
        assertSameTree(w.getValue(), e.getValue());
      }
    } else if (want.isArray()) {
      assertEquals(want.size(), got.size());
      for (int i = 0; i < want.size(); i++) {
        assertSameTree(want.get(i), got.get(i));
      }
    } else if (want.isBigDecimal()) {
      assertEquals(want.decimalValue().scale(), got.decimalValue().scale(), want::toString);
    } else if (want.isString()) {
      assertEquals(want.stringValue(), got.stringValue());
    }
  }
}
