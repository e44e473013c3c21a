package dev.assistantkit.contract.spec.codec;

import java.util.Objects;

/**
 * Why one request piece could not be read (or one value could not be written).
 *
 * @param kind what was wrong, with a stable key
 * @param pointer a JSON Pointer (RFC 6901) into the part of the request the piece belongs to:
 *     {@code /color} for the parameter {@code color}, {@code /color/R} for one of its keys, {@code
 *     /file} for a body field, {@code ""} for the whole query string or body
 * @param detail what is wrong, for people; it names offsets and names, never the client's values
 */
public record CodecProblem(ProblemKind kind, String pointer, String detail) {

  public CodecProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(detail, "detail");
  }

  /** The pointer one segment further down ({@code ~} and {@code /} escaped per RFC 6901). */
  static String child(String pointer, String segment) {
    return pointer + "/" + segment.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public String toString() {
    return kind.key() + " [" + pointer + "] " + detail;
  }
}
