package dev.assistantkit.contract.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The request body an operation takes.
 *
 * @param required whether a request must have one
 * @param location the spec location of the Request Body Object
 * @param content its media types, in the order written
 */
public record Body(boolean required, String location, List<MediaType> content) {

  public Body {
    content = List.copyOf(content);
  }

  /** The media types it may have, lower case, in order. */
  public Set<String> mediaTypes() {
    return content.stream()
        .map(MediaType::name)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** The media type a sent Content-Type (parameters allowed) falls under, most specific first. */
  public Optional<MediaType> media(String contentType) {
    return best(content, contentType);
  }

  /** Its first JSON media type with a schema (what the page's operation takes). */
  public Optional<MediaType> json() {
    return content.stream()
        .filter(m -> m.kind() == MediaType.Family.JSON && m.schema().isPresent())
        .findFirst();
  }

  /** The schema location of its first JSON media type. */
  public Optional<String> schemaLocation() {
    return json().flatMap(MediaType::schemaLocation);
  }

  static Optional<MediaType> best(List<MediaType> content, String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    MediaType best = null;
    int score = 0;
    for (MediaType m : content) {
      int s = m.matches(type);
      if (s > score) {
        best = m;
        score = s;
      }
    }
    return Optional.ofNullable(best);
  }
}
