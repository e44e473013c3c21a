package dev.assistantkit.contract.spec.codec;

/**
 * What was wrong with a request piece the codecs could not read, or a value they could not write.
 * Each kind has a stable key; tests and the engine match on the kind, never on the detail text.
 */
public enum ProblemKind {
  /** A {@code %} not followed by two hex digits. */
  PERCENT_ENCODING("codec.percent-encoding"),
  /** Percent-decoded bytes (or a text part's bytes) that are not valid in their charset. */
  INVALID_TEXT("codec.invalid-text"),
  /** A label value without its leading {@code .}, a matrix value without {@code ;name}. */
  STYLE_PREFIX("codec.style-prefix"),
  /**
   * A value that does not have its style's shape: an odd key/value list, a pair without {@code =},
   * a deepObject key without brackets or with a gap in its indexes.
   */
  STYLE_SYNTAX("codec.style-syntax"),
  /** A single-valued parameter or field sent more than once. */
  DUPLICATE("codec.duplicate"),
  /** A query parameter sent with an empty value although {@code allowEmptyValue} is false. */
  EMPTY_VALUE("codec.empty-value"),
  /** A value given by media type ({@code content}, JSON parts and fields) that does not parse. */
  CONTENT_SYNTAX("codec.content-syntax"),
  /** More name=value pairs than the settings allow. */
  TOO_MANY_PAIRS("codec.too-many-pairs"),
  /** A multipart Content-Type without a usable boundary. */
  MULTIPART_BOUNDARY("codec.multipart-boundary"),
  /** A multipart body without its first or final boundary, or with junk after a boundary. */
  MULTIPART_STRUCTURE("codec.multipart-structure"),
  /** A part's headers too long, malformed, or without {@code Content-Disposition: form-data}. */
  PART_HEADER("codec.part-header"),
  /** A part sent with a Content-Type its Encoding Object's {@code contentType} does not name. */
  PART_CONTENT_TYPE("codec.part-content-type"),
  /** More parts than the settings allow. */
  TOO_MANY_PARTS("codec.too-many-parts"),
  /** A body longer than the settings allow. */
  TOO_LARGE("codec.too-large"),
  /** A part whose charset is unknown to the JVM. */
  CHARSET("codec.charset"),
  /** Encoding only: a value the style cannot carry (nested containers, nulls, header text). */
  UNREPRESENTABLE("codec.unrepresentable");

  private final String key;

  ProblemKind(String key) {
    this.key = key;
  }

  /** The stable key, e.g. {@code codec.percent-encoding}. */
  public String key() {
    return key;
  }
}
