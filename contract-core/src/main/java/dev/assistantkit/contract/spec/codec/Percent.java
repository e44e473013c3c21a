package dev.assistantkit.contract.spec.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding (strict: a malformed escape or bytes that are not UTF-8 are refused, never
 * replaced) and percent-encoding (UTF-8, upper-case hex). Both are one pass over the text.
 */
final class Percent {

  /** RFC 3986 unreserved: ALPHA DIGIT - . _ ~ */
  static final boolean[] UNRESERVED = set("-._~");

  /** Unreserved without the dot: label values, whose delimiter the dot is. */
  static final boolean[] UNRESERVED_BUT_DOT = without(UNRESERVED, ".");

  /**
   * What {@code allowReserved} lets through in a query value: unreserved and reserved characters,
   * less those a query or a form-urlencoded string still needs encoded ({@code # [ ] & = +}, OAS
   * 3.1.1 {@code allowReserved}) and less the comma, which is a style delimiter.
   */
  static final boolean[] RESERVED_PASS = set("-._~:/?@!$'()*;,");

  static final boolean[] RESERVED_PASS_BUT_COMMA = without(RESERVED_PASS, ",");

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Percent() {}

  /**
   * The text with every {@code %XX} decoded as UTF-8 and, when asked, every {@code +} as a space.
   *
   * @throws CodecFailure on a malformed escape or bytes that are not UTF-8
   */
  static String decode(String s, boolean plusIsSpace, String pointer) {
    int first = firstSpecial(s, plusIsSpace);
    if (first < 0) {
      return s;
    }
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, first);
    byte[] run = new byte[(n - first) / 3 + 1];
    int runLength = 0;
    CharsetDecoder utf8 = null;
    for (int i = first; i < n; ) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < n ? hex(s.charAt(i + 1)) : -1;
        int lo = i + 2 < n ? hex(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
          throw new CodecFailure(
              ProblemKind.PERCENT_ENCODING,
              pointer,
              "the '%' at offset " + i + " is not followed by two hex digits");
        }
        run[runLength++] = (byte) (hi << 4 | lo);
        i += 3;
        continue;
      }
      if (runLength > 0) {
        utf8 = flush(out, run, runLength, utf8, pointer);
        runLength = 0;
      }
      out.append(plusIsSpace && c == '+' ? ' ' : c);
      i++;
    }
    if (runLength > 0) {
      flush(out, run, runLength, utf8, pointer);
    }
    return out.toString();
  }

  private static int firstSpecial(String s, boolean plusIsSpace) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' || (plusIsSpace && c == '+')) {
        return i;
      }
    }
    return -1;
  }

  private static CharsetDecoder flush(
      StringBuilder out, byte[] run, int length, CharsetDecoder decoder, String pointer) {
    CharsetDecoder d =
        decoder != null
            ? decoder.reset()
            : StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      out.append(d.decode(ByteBuffer.wrap(run, 0, length)));
    } catch (CharacterCodingException e) {
      throw new CodecFailure(
          ProblemKind.INVALID_TEXT, pointer, "percent-encoded bytes that are not UTF-8");
    }
    return d;
  }

  /**
   * The text with every character outside {@code keep} percent-encoded as UTF-8. With {@code
   * keepTriples} (RFC 6570 reserved expansion) a {@code %XX} already in the text passes unchanged.
   *
   * @throws CodecFailure when the text holds a lone surrogate, which has no UTF-8 form
   */
  static String encode(String s, boolean[] keep, boolean keepTriples, String pointer) {
    int n = s.length();
    StringBuilder out = null;
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c < 128 && keep[c]) {
        if (out != null) {
          out.append(c);
        }
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n + 16).append(s, 0, i);
      }
      if (keepTriples
          && c == '%'
          && i + 2 < n
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        out.append(s, i, i + 3);
        i += 3;
        continue;
      }
      i = appendEscaped(out, s, i, pointer);
    }
    return out == null ? s : out.toString();
  }

  private static int appendEscaped(StringBuilder out, String s, int i, String pointer) {
    int cp = s.codePointAt(i);
    if (Character.isSurrogate(s.charAt(i)) && Character.charCount(cp) == 1) {
      throw new CodecFailure(
          ProblemKind.UNREPRESENTABLE,
          pointer,
          "a lone surrogate at offset " + i + " has no UTF-8");
    }
    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return i + Character.charCount(cp);
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  private static boolean[] set(String extra) {
    boolean[] keep = new boolean[128];
    for (char c = 'a'; c <= 'z'; c++) {
      keep[c] = true;
      keep[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      keep[c] = true;
    }
    for (char c : extra.toCharArray()) {
      keep[c] = true;
    }
    return keep;
  }

  private static boolean[] without(boolean[] base, String chars) {
    boolean[] keep = base.clone();
    for (char c : chars.toCharArray()) {
      keep[c] = false;
    }
    return keep;
  }
}
