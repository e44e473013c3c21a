package dev.assistantkit.contract.spec.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.SpecDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shared helpers of the codec tests: JSON, corpus documents, value comparison, dispatch by
 * location.
 */
final class CodecFixtures {

  static final Path CORPUS = Path.of("../corpus");

  private CodecFixtures() {}

  static JsonNode json(String text) {
    return JsonMappers.plain().readTree(text);
  }

  private static final Map<String, SpecDocument> DOCUMENTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A corpus document, parsed once per test run. */
  static SpecDocument corpus(String relative) {
    return DOCUMENTS.computeIfAbsent(
        relative,
        r -> {
          try {
            return SpecDocument.fromYaml(Files.readString(CORPUS.resolve(r)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Lines of a tab-separated resource, comments and blank lines left out. */
  static List<String[]> table(String resource) {
    try {
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("src/test/resources/codec", resource))) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Numbers compare by value (5 == 5.0 == 5E0), everything else structurally. */
  static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  static void assertSameValue(JsonNode expected, JsonNode actual, String message) {
    assertTrue(
        expected.equals(BY_VALUE, actual),
        message + ": expected " + expected + " but was " + actual);
  }

  static JsonNode decodedValue(DecodeResult r, String message) {
    if (!r.ok()) {
      fail(message + ": " + r.problems());
    }
    assertTrue(r.present(), message + ": nothing was decoded");
    return r.value().orElseThrow();
  }

  static void assertProblem(DecodeResult r, ProblemKind kind, String pointer) {
    assertEquals(1, r.problems().size(), "one problem expected, got " + r);
    assertEquals(kind, r.problems().get(0).kind(), r.problems().toString());
    assertEquals(pointer, r.problems().get(0).pointer(), r.problems().toString());
  }

  /**
   * Decodes one wire text of the parameter's location (a whole query string, header or Cookie
   * value).
   */
  static DecodeResult decode(ParameterCodec p, String wire) {
    return switch (p.in()) {
      case PATH -> p.decodePath(wire);
      case QUERY -> p.decodeQuery(wire);
      case HEADER -> p.decodeHeader(List.of(wire));
      case COOKIE -> p.decodeCookie(List.of(wire));
    };
  }

  /** A parameter object from its fields and a schema in JSON text. */
  static JsonNode parameter(Map<String, Object> fields, String schema) {
    ObjectNode p = JsonMappers.plain().createObjectNode();
    fields.forEach(
        (k, v) -> {
          if (v instanceof Boolean b) {
            p.put(k, b);
          } else {
            p.put(k, v.toString());
          }
        });
    p.set("schema", json(schema));
    return p;
  }
}
