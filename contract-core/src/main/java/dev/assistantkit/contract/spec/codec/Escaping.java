package dev.assistantkit.contract.spec.codec;

/**
 * How encoded names and values are made safe for where they go. Every delimiter a style uses is
 * escaped inside values, so what the encoders write always reads back the same: RFC 3986's
 * unreserved characters pass, everything else is percent-encoded as UTF-8 (a space is {@code %20},
 * a {@code +} is {@code %2B}: either reading of {@code +} gives the same text back).
 */
enum Escaping {
  /** Path segments; label values also escape the dot, their delimiter. */
  PATH,
  /**
   * Query strings and form bodies. With {@code allowReserved} reserved characters pass (RFC 6570
   * reserved expansion, percent-triples included), except {@code # [ ] & = +}, which the OAS still
   * has applications encode, and a comma that delimits.
   */
  QUERY,
  /** Cookie values: unreserved only, which also keeps them RFC 6265 cookie-octets. */
  COOKIE,
  /**
   * Header values: written as they are (OAS 3.1.1 Appendix D); a value that cannot be (control or
   * non-ASCII characters, whitespace at an end, a delimiter inside an item) is refused.
   */
  HEADER,
  /** Multipart part bodies and names: text as it is. */
  RAW;

  String name(String text, String pointer) {
    return switch (this) {
      case PATH, QUERY, COOKIE -> Percent.encode(text, Percent.UNRESERVED, false, pointer);
      case HEADER, RAW -> text;
    };
  }

  /**
   * A value or key.
   *
   * @param delimiters the characters that separate pieces around this one
   */
  String value(String text, boolean allowReserved, String delimiters, String pointer) {
    return switch (this) {
      case PATH ->
          Percent.encode(
              text,
              delimiters.indexOf('.') >= 0 ? Percent.UNRESERVED_BUT_DOT : Percent.UNRESERVED,
              false,
              pointer);
      case QUERY ->
          allowReserved
              ? Percent.encode(
                  text,
                  delimiters.indexOf(',') >= 0
                      ? Percent.RESERVED_PASS_BUT_COMMA
                      : Percent.RESERVED_PASS,
                  true,
                  pointer)
              : Percent.encode(text, Percent.UNRESERVED, false, pointer);
      case COOKIE -> Percent.encode(text, Percent.UNRESERVED, false, pointer);
      case HEADER -> headerSafe(text, delimiters, pointer);
      case RAW -> text;
    };
  }

  private static String headerSafe(String text, String delimiters, String pointer) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean visible = (c >= 0x21 && c <= 0x7E) || c == ' ' || c == '\t';
      if (!visible || delimiters.indexOf(c) >= 0) {
        throw new CodecFailure(
            ProblemKind.UNREPRESENTABLE,
            pointer,
            "a header cannot carry the character at offset " + i + " here");
      }
    }
    if (!text.equals(Pieces.strip(text))) {
      throw new CodecFailure(
          ProblemKind.UNREPRESENTABLE, pointer, "a header value loses whitespace at its ends");
    }
    return text;
  }
}
