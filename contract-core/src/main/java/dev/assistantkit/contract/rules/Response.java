package dev.assistantkit.contract.rules;

import com.networknt.schema.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A response an operation declares, under a status code ({@code 200}), a range ({@code 4XX}) or
 * {@code default}.
 *
 * @param key the key as written under {@code responses}, ranges upper case
 * @param location the spec location of the Response Object
 * @param content its media types, in the order written
 * @param headers the headers it declares
 */
public record Response(String key, String location, List<MediaType> content, List<Header> headers) {

  public Response {
    content = List.copyOf(content);
    headers = List.copyOf(headers);
  }

  /**
   * A header a response declares.
   *
   * @param name its name
   * @param required whether every such response carries it
   * @param location the spec location of the Header Object
   * @param schemaLocation where its schema is, if it has one
   * @param schema the validator
   */
  public record Header(
      String name,
      boolean required,
      String location,
      Optional<String> schemaLocation,
      Optional<Schema> schema) {}

  /** Whether this response covers a status: exactly, by its range, or as the default. */
  public boolean covers(int status) {
    String k = key.toUpperCase(Locale.ROOT);
    if (k.equals("DEFAULT")) {
      return true;
    }
    if (k.length() == 3 && k.endsWith("XX")) {
      return k.charAt(0) - '0' == status / 100;
    }
    return k.equals(Integer.toString(status));
  }

  /** How specific the key is: 3 a code, 2 a range, 1 default. */
  int specificity() {
    String k = key.toUpperCase(Locale.ROOT);
    return k.equals("DEFAULT") ? 1 : k.endsWith("XX") ? 2 : 3;
  }

  /** The media type a sent Content-Type falls under, the most specific first. */
  public Optional<MediaType> media(String contentType) {
    return Body.best(content, contentType);
  }

  /** Its first JSON media type with a schema. */
  public Optional<MediaType> json() {
    return content.stream()
        .filter(m -> m.kind() == MediaType.Family.JSON && m.schema().isPresent())
        .findFirst();
  }
}
