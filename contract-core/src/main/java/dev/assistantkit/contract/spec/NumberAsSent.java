package dev.assistantkit.contract.spec;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A JSON number no Java number type can hold (its exponent is past what {@code BigDecimal} takes,
 * e.g. {@code 1e-2147483649}), kept as the text the client sent and written back as that number. It
 * sits in a tree as a POJO node ({@link JsonTrees}); schemas judge a stand-in of the same sign,
 * integrality and order ({@link JsonTrees.JsonRead#judged()}).
 *
 * @param text the number's JSON text, as sent (the parser checked its grammar)
 */
public record NumberAsSent(String text) implements JacksonSerializable {

  @Override
  public void serialize(JsonGenerator g, SerializationContext ctxt) {
    g.writeNumber(text);
  }

  @Override
  public void serializeWithType(JsonGenerator g, SerializationContext ctxt, TypeSerializer t) {
    g.writeNumber(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
