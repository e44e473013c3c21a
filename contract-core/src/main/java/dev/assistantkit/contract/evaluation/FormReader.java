package dev.assistantkit.contract.evaluation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an {@code application/x-www-form-urlencoded} body into its fields, typed as the media
 * type's schema says (a repeated name is an array when the schema says so).
 */
final class FormReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Most fields one body may have. */
  private static final int MAX_FIELDS = 10_000;

  /**
   * The fields, or why they cannot be read.
   *
   * @param fields the fields as a JSON object (null when there is a problem)
   * @param problem what is wrong (null when read)
   */
  record Fields(ObjectNode fields, String problem) {}

  private FormReader() {}

  /**
   * @param schema the media type's effective schema, or null
   */
  static Fields form(byte[] body, JsonNode schema) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    ObjectNode out = NODES.objectNode();
    JsonNode properties = schema == null ? NODES.missingNode() : schema.path("properties");
    int fields = 0;
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++fields > MAX_FIELDS) {
        return new Fields(null, "more than " + MAX_FIELDS + " fields");
      }
      String[] kv = pair.split("=", 2);
      String name = decode(kv[0]);
      String value = decode(kv.length == 2 ? kv[1] : "");
      if (name == null || value == null) {
        return new Fields(null, "a field is not percent-encoded UTF-8");
      }
      JsonNode property = properties.path(name);
      if (ParameterReader.type(property).equals("array")) {
        JsonNode had = out.get(name);
        ArrayNode list = had instanceof ArrayNode a ? a : out.putArray(name);
        list.add(ParameterReader.typed(value, property.path("items")));
      } else {
        out.set(name, ParameterReader.typed(value, property));
      }
    }
    return new Fields(out, null);
  }

  /** Form decoding: {@code +} is a space; percent escapes are UTF-8. Null when malformed. */
  private static String decode(String raw) {
    try {
      byte[] bytes =
          URLDecoder.decode(raw, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }
}
