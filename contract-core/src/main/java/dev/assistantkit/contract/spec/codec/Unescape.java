package dev.assistantkit.contract.spec.codec;

/** How the raw pieces of one location turn into text once split on their style's delimiters. */
enum Unescape {
  /** Path segments (RFC 3986): percent-decoding, a {@code +} is itself. */
  PATH(true, false),
  /** Query strings read as form-urlencoded: percent-decoding, a {@code +} is a space. */
  QUERY_PLUS(true, true),
  /** Query strings read as RFC 3986 alone: percent-decoding, a {@code +} is itself. */
  QUERY_LITERAL(true, false),
  /** {@code application/x-www-form-urlencoded} bodies: percent-decoding, {@code +} is a space. */
  FORM_BODY(true, true),
  /** Cookie values: percent-decoding (RFC 6570 form expansion), a {@code +} is itself. */
  COOKIE(true, false),
  /**
   * Header values and multipart part bodies: taken as they are (OAS 3.1.1 Appendix D: RFC 6570
   * percent-encoding is not for headers; Appendix E: form-data needs no percent-encoding).
   */
  NONE(false, false);

  private final boolean percent;
  private final boolean plusIsSpace;

  Unescape(boolean percent, boolean plusIsSpace) {
    this.percent = percent;
    this.plusIsSpace = plusIsSpace;
  }

  static Unescape query(CodecSettings settings) {
    return settings.plusIsSpaceInQuery() ? QUERY_PLUS : QUERY_LITERAL;
  }

  String apply(String raw, String pointer) {
    return percent ? Percent.decode(raw, plusIsSpace, pointer) : raw;
  }

  boolean plusIsSpace() {
    return plusIsSpace;
  }

  boolean percent() {
    return percent;
  }
}
