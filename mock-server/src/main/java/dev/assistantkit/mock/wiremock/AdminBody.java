package dev.assistantkit.mock.wiremock;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.github.tomakehurst.wiremock.common.Json;
import java.io.IOException;

/**
 * What the admin checks need to know of an admin request's body, read as a stream of tokens with
 * WireMock's own parser settings: what its JSON value is, and whether it names WireMock's JSON
 * Schema matcher or a stub that proxies or calls out. No tree is built: an import of 10,000 stubs
 * (up to the door's 4 MiB) read into a tree cost more than WireMock's own reading of it.
 *
 * <p>Like a tree read by WireMock, only the first JSON value counts: what follows it is not read.
 *
 * @param value what the body holds
 * @param where for a body that is not JSON, where the parser stopped ({@code line L, column C})
 * @param jsonSchema whether a property {@code matchesJsonSchema} is anywhere in it
 * @param callsOut whether it asks for a stub that proxies or calls out (see {@link #read})
 */
record AdminBody(Value value, String where, boolean jsonSchema, boolean callsOut) {

  /** What a body holds. */
  enum Value {
    /** No byte at all. */
    EMPTY,
    /** Bytes, but no JSON value (white space, comments). */
    NOTHING,
    /** Bytes that are not JSON as WireMock reads it (or JSON past its parser's limits). */
    NOT_JSON,
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL;

    /** The name of the value for a message ("array", "null"...). */
    String named() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  private static final AdminBody EMPTY = new AdminBody(Value.EMPTY, "", false, false);

  /**
   * Reads the body. A stub proxies or calls out when a property {@code proxyBaseUrl} or {@code
   * targetBaseUrl} is anywhere (whatever its value), or a webhook is named where WireMock looks for
   * one: in the list of {@code serveEventListeners} or {@code postServeActions} ({@code [{"name":
   * "webhook"}]}), or, in the older form, as a key of that object ({@code {"webhook": {...}}}) or
   * as the name of one of its values; any case, at any depth.
   */
  static AdminBody read(byte[] body) {
    if (body.length == 0) {
      return EMPTY;
    }
    boolean jsonSchema = false;
    boolean callsOut = false;
    try (JsonParser p = Json.getObjectMapper().createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new AdminBody(Value.NOTHING, "", false, false);
      }
      Value value = valueOf(first);
      for (JsonToken t = first; t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          jsonSchema |= name.equals("matchesJsonSchema");
          callsOut |=
              name.equals("proxyBaseUrl")
                  || name.equals("targetBaseUrl")
                  || (isWebhook(name) && listenerKeyHolds(p.getParsingContext()));
        } else if (t == JsonToken.VALUE_STRING && "name".equals(p.currentName())) {
          // {"name": "webhook"}: an entry of the list (or a value of the object) of listeners
          callsOut |= isWebhook(p.getText()) && listenerKeyHolds(p.getParsingContext().getParent());
        }
        if (p.getParsingContext().inRoot() && (t.isStructEnd() || t.isScalarValue())) {
          break; // the first value is read whole; WireMock reads no further either
        }
      }
      return new AdminBody(value, "", jsonSchema, callsOut);
    } catch (JsonProcessingException e) {
      return new AdminBody(Value.NOT_JSON, where(e.getLocation()), false, false);
    } catch (IOException | RuntimeException e) {
      return new AdminBody(Value.NOT_JSON, "", false, false);
    }
  }

  /**
   * Whether this context (an object or an array) is the value of a property {@code
   * serveEventListeners} or {@code postServeActions}.
   */
  private static boolean listenerKeyHolds(JsonStreamContext container) {
    if (container == null || container.inRoot()) {
      return false;
    }
    JsonStreamContext holder = container.getParent();
    if (holder == null || !holder.inObject()) {
      return false;
    }
    String key = holder.getCurrentName();
    return "serveEventListeners".equals(key) || "postServeActions".equals(key);
  }

  private static boolean isWebhook(String text) {
    return "webhook".equalsIgnoreCase(text);
  }

  private static Value valueOf(JsonToken first) {
    return switch (first) {
      case START_OBJECT -> Value.OBJECT;
      case START_ARRAY -> Value.ARRAY;
      case VALUE_STRING -> Value.STRING;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Value.NUMBER;
      case VALUE_TRUE, VALUE_FALSE -> Value.BOOLEAN;
      case VALUE_NULL -> Value.NULL;
      default -> Value.NOT_JSON;
    };
  }

  /** Where the parser stopped, as line and column: never the text around it (it may be secret). */
  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
