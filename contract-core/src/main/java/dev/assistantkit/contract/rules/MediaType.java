package dev.assistantkit.contract.rules;

import com.networknt.schema.Schema;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A media type of a request or response body, as its Media Type Object states it.
 *
 * @param name the media type as declared, lower case (may hold wildcards: {@code image/*})
 * @param kind how the kit reads a body of it
 * @param location the spec location of the Media Type Object
 * @param schemaLocation where its schema is, if it has one
 * @param schema the validator of that schema
 * @param encoding its {@code encoding} object (forms and multipart), or a missing node
 */
public record MediaType(
    String name,
    Family kind,
    String location,
    Optional<String> schemaLocation,
    Optional<Schema> schema,
    JsonNode encoding) {

  /** How the kit reads a body of a media type. */
  public enum Family {
    /** {@code application/json} and {@code +json}: read as JSON and judged against the schema. */
    JSON,
    /** {@code application/x-www-form-urlencoded}: decoded to fields and judged. */
    FORM,
    /** {@code multipart/form-data}: decoded to parts and judged. */
    MULTIPART,
    /** Anything else: accepted and passed on without a verdict on its content. */
    OTHER;

    static Family of(String mediaType) {
      String t = mediaType.toLowerCase(Locale.ROOT);
      if (isJson(t)) {
        return JSON;
      }
      if (t.equals("application/x-www-form-urlencoded")) {
        return FORM;
      }
      if (t.equals("multipart/form-data")) {
        return MULTIPART;
      }
      return OTHER;
    }
  }

  /** Whether a media type is JSON: {@code application/json} or any {@code +json} type. */
  public static boolean isJson(String mediaType) {
    String t = mediaType.toLowerCase(Locale.ROOT).trim();
    return t.equals("application/json") || (t.endsWith("+json") && t.indexOf('/') > 0);
  }

  /**
   * How well this declared type matches a sent one (type/subtype, parameters left out): 3 exact, 2
   * {@code type/*}, 1 {@code *}{@code /*}, 0 not at all.
   */
  public int matches(String sent) {
    String s = sent.toLowerCase(Locale.ROOT).trim();
    if (name.equals(s)) {
      return 3;
    }
    if (name.endsWith("/*") && s.startsWith(name.substring(0, name.length() - 1))) {
      return name.equals("*/*") ? 1 : 2;
    }
    return 0;
  }
}
