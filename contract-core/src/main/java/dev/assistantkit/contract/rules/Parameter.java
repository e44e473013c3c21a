package dev.assistantkit.contract.rules;

import com.networknt.schema.Schema;
import java.util.Locale;
import java.util.Optional;

/**
 * A parameter of an operation, as its Parameter Object states it (the path item's and the
 * operation's, the operation's winning by name and place).
 *
 * @param name its name (a header's as written; headers compare without case)
 * @param in where it travels
 * @param required whether a request must carry it (path parameters always)
 * @param location the spec location of the Parameter Object
 * @param schemaLocation where its schema is ({@code schema}, or the schema of its one {@code
 *     content} media type), if it has one
 * @param schema the validator of that schema
 * @param style how it is serialised (the default of its place when not stated)
 * @param explode whether arrays and objects are exploded (the default of its style when not stated)
 * @param allowReserved whether a query value may carry reserved characters unencoded
 * @param mediaType the media type of a {@code content} parameter (its value is that document)
 */
public record Parameter(
    String name,
    In in,
    boolean required,
    String location,
    Optional<String> schemaLocation,
    Optional<Schema> schema,
    String style,
    boolean explode,
    boolean allowReserved,
    Optional<String> mediaType) {

  /** Where a parameter travels. */
  public enum In {
    PATH,
    QUERY,
    HEADER,
    COOKIE;

    static Optional<In> parse(String text) {
      for (In i : values()) {
        if (i.wireName().equals(text)) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The style OpenAPI gives a parameter here when it states none. */
    String defaultStyle() {
      return this == QUERY || this == COOKIE ? "form" : "simple";
    }

    /** The part of a request a violation of it points into. */
    public Part part() {
      return switch (this) {
        case PATH -> Part.PATH;
        case QUERY -> Part.QUERY;
        case HEADER -> Part.HEADER;
        case COOKIE -> Part.COOKIE;
      };
    }
  }

  /** Whether two names name the same parameter here (headers compare without case). */
  public boolean named(String other) {
    return in == In.HEADER ? name.equalsIgnoreCase(other) : name.equals(other);
  }

  /** The JSON Pointer of its value in a violation: {@code /name}. */
  public String pointer() {
    return "/" + name.replace("~", "~0").replace("/", "~1");
  }
}
