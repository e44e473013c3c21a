package dev.assistantkit.contract.spec.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Name=value pairs in the order sent (a query string, a form body, Cookie headers, multipart
 * parts): names decoded once, values kept raw, because a style's delimiters must be split off
 * before the pieces are percent-decoded (OAS 3.1.1 Appendix C, "Delimiters in Parameter Values").
 * Reading is one pass and stops at the pair limit.
 */
final class Fields {

  private final List<String> names;
  private final List<String> raws;
  private final Map<String, List<Integer>> byName;
  private final Unescape unescape;
  private final boolean overflowed;

  private Fields(List<String> names, List<String> raws, Unescape unescape, boolean overflowed) {
    this.names = names;
    this.raws = raws;
    this.unescape = unescape;
    this.overflowed = overflowed;
    this.byName = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.computeIfAbsent(names.get(i), k -> new ArrayList<>(1)).add(i);
    }
  }

  /**
   * The pairs of a query string or form body: split on {@code &}, then on the first {@code =}; a
   * pair without {@code =} has an empty value; empty pairs ({@code a=1&&b=2}) are skipped. A name
   * that does not percent-decode is kept as sent (it then names no parameter).
   */
  static Fields ofQuery(String raw, Unescape unescape, int maxPairs) {
    List<String> names = new ArrayList<>();
    List<String> raws = new ArrayList<>();
    int n = raw.length();
    int start = raw.startsWith("?") ? 1 : 0;
    while (start <= n) {
      int end = raw.indexOf('&', start);
      end = end < 0 ? n : end;
      if (end > start) {
        if (names.size() == maxPairs) {
          return new Fields(names, raws, unescape, true);
        }
        int eq = indexOf(raw, '=', start, end);
        boolean hasValue = eq >= 0;
        String rawName = raw.substring(start, hasValue ? eq : end);
        names.add(decodeName(rawName, unescape));
        raws.add(hasValue ? raw.substring(eq + 1, end) : "");
      }
      start = end + 1;
    }
    return new Fields(names, raws, unescape, false);
  }

  /**
   * The cookie-pairs of Cookie headers (RFC 6265 section 4.2.1: {@code name=value} separated by
   * {@code ;}, optional whitespace trimmed, a value in double quotes unquoted); a pair without
   * {@code =} is skipped. Names are percent-decoded like values (the encoder writes an exploded
   * object's keys so), a name that does not decode kept as sent.
   */
  static Fields ofCookies(List<String> headerValues, int maxPairs) {
    List<String> names = new ArrayList<>();
    List<String> raws = new ArrayList<>();
    for (String header : headerValues) {
      int start = 0;
      while (start <= header.length()) {
        int end = header.indexOf(';', start);
        end = end < 0 ? header.length() : end;
        int eq = indexOf(header, '=', start, end);
        if (eq >= 0) {
          if (names.size() == maxPairs) {
            return new Fields(names, raws, Unescape.COOKIE, true);
          }
          names.add(decodeName(header.substring(start, eq).strip(), Unescape.COOKIE));
          raws.add(unquote(header.substring(eq + 1, end).strip()));
        }
        start = end + 1;
      }
    }
    return new Fields(names, raws, Unescape.COOKIE, false);
  }

  /** Pairs whose names and values are already text (multipart parts). */
  static Fields ofText(List<String> names, List<String> values) {
    return new Fields(List.copyOf(names), List.copyOf(values), Unescape.NONE, false);
  }

  /** The first position of a character in {@code [from, to)}: the scan never passes the pair. */
  static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  private static String decodeName(String rawName, Unescape unescape) {
    try {
      return unescape.apply(rawName, "");
    } catch (CodecFailure e) {
      return rawName;
    }
  }

  int size() {
    return names.size();
  }

  String name(int i) {
    return names.get(i);
  }

  String raw(int i) {
    return raws.get(i);
  }

  /** The positions of the pairs with this exact name, in order. */
  List<Integer> indexes(String name) {
    return byName.getOrDefault(name, List.of());
  }

  Unescape unescape() {
    return unescape;
  }

  /** Whether reading stopped at the pair limit. */
  boolean overflowed() {
    return overflowed;
  }
}
