package dev.assistantkit.contract.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Strings that a regular expression matches, for the constructs API documents use: literals and
 * escapes, {@code .}, classes ({@code [a-z0-9_-]}, negated ones, {@code \d \w \s} and their
 * negations), quantifiers ({@code * + ? {n} {n,} {n,m}}, lazy or possessive), groups (capturing,
 * non-capturing, named), alternation and anchors. Look-arounds are skipped (the caller checks the
 * result with the real engine); back-references and unknown constructs make the pattern
 * unsupported. Expansion is bounded: unbounded quantifiers add at most {@code extra} repetitions
 * and the whole string at most {@code maxLength} characters.
 */
final class RegexSampler {

  /** Patterns longer than this are not parsed. */
  private static final int MAX_PATTERN = 4_000;

  private static final String ALNUM =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private RegexSampler() {}

  /**
   * A string the pattern matches, or empty when the pattern is unsupported or its shortest match is
   * longer than allowed.
   *
   * @param extra how many repetitions an unbounded quantifier may add beyond its minimum
   * @param maxLength the longest string to make
   */
  static Optional<String> sample(
      String pattern, SplittableRandom random, int extra, int maxLength) {
    if (pattern.length() > MAX_PATTERN) {
      return Optional.empty();
    }
    Node tree;
    try {
      Parser p = new Parser(pattern);
      tree = p.alternation();
      if (p.i < pattern.length()) {
        return Optional.empty();
      }
    } catch (Unsupported e) {
      return Optional.empty();
    }
    Emission out = new Emission(random, extra, maxLength);
    try {
      tree.emit(out);
    } catch (Unsupported e) {
      return Optional.empty();
    }
    return Optional.of(out.text.toString());
  }

  /** Whether the pattern is anchored at its start (so nothing may come before a match). */
  static boolean anchoredStart(String pattern) {
    return pattern.startsWith("^") || pattern.startsWith("\\A");
  }

  /** Whether the pattern is anchored at its end. */
  static boolean anchoredEnd(String pattern) {
    return pattern.endsWith("$") && !pattern.endsWith("\\$") || pattern.endsWith("\\z");
  }

  // ---- the tree ------------------------------------------------------------------------------

  /** Where a sample is written, with its bounds. */
  private static final class Emission {
    /** Tree nodes one sample may visit (empty groups repeated a million times included). */
    private static final int MAX_WORK = 1_000_000;

    final SplittableRandom random;
    final int extra;
    final int max;
    final StringBuilder text = new StringBuilder();
    private int work;

    Emission(SplittableRandom random, int extra, int max) {
      this.random = random;
      this.extra = extra;
      this.max = max;
    }

    void step() {
      if (++work > MAX_WORK) {
        throw new Unsupported();
      }
    }

    void append(int codePoint) {
      text.appendCodePoint(codePoint);
      if (text.length() > max) {
        throw new Unsupported();
      }
    }
  }

  private interface Node {
    void emit(Emission out);
  }

  private record Seq(List<Node> parts) implements Node {
    @Override
    public void emit(Emission out) {
      out.step();
      for (Node n : parts) {
        n.emit(out);
      }
    }
  }

  private record Alt(List<Node> options) implements Node {
    @Override
    public void emit(Emission out) {
      out.step();
      options.get(out.random.nextInt(options.size())).emit(out);
    }
  }

  private record Repeat(Node body, int min, int max) implements Node {
    @Override
    public void emit(Emission out) {
      long top =
          max < 0 ? (long) min + out.extra : Math.min(max, (long) min + Math.max(out.extra, 1));
      int n = (int) (min + (top > min ? out.random.nextLong(top - min + 1) : 0));
      for (int k = 0; k < n; k++) {
        out.step();
        int before = out.text.length();
        body.emit(out);
        if (out.text.length() == before && k >= min) {
          break;
        }
      }
    }
  }

  /** A set of characters; what it samples is chosen once, alphanumerics first. */
  private static final class Chars implements Node {
    private final List<Integer> pool = new ArrayList<>();

    Chars(List<int[]> ranges, boolean negated) {
      for (int c = 0x20; c < 0x7f; c++) {
        if (contains(ranges, c) != negated && ALNUM.indexOf(c) >= 0) {
          pool.add(c);
        }
      }
      if (pool.isEmpty()) {
        for (int c = 0x20; c < 0x7f; c++) {
          if (contains(ranges, c) != negated) {
            pool.add(c);
          }
        }
      }
      if (pool.isEmpty() && !negated) {
        for (int[] range : ranges) {
          pool.add(range[0]);
        }
      }
    }

    @Override
    public void emit(Emission out) {
      out.step();
      if (pool.isEmpty()) {
        throw new Unsupported();
      }
      out.append(pool.get(out.random.nextInt(pool.size())));
    }

    private static boolean contains(List<int[]> ranges, int c) {
      for (int[] range : ranges) {
        if (c >= range[0] && c <= range[1]) {
          return true;
        }
      }
      return false;
    }
  }

  private static final Node EMPTY = out -> {};

  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  // ---- the parser ----------------------------------------------------------------------------

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Node alternation() {
      List<Node> options = new ArrayList<>();
      options.add(sequence());
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        options.add(sequence());
      }
      return options.size() == 1 ? options.get(0) : new Alt(options);
    }

    private Node sequence() {
      List<Node> parts = new ArrayList<>();
      while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
        Node atom = atom();
        parts.add(quantified(atom));
      }
      return new Seq(parts);
    }

    private Node quantified(Node atom) {
      while (i < s.length()) {
        char c = s.charAt(i);
        int min;
        int max;
        if (c == '*') {
          min = 0;
          max = -1;
          i++;
        } else if (c == '+') {
          min = 1;
          max = -1;
          i++;
        } else if (c == '?') {
          min = 0;
          max = 1;
          i++;
        } else if (c == '{' && braces()) {
          int close = s.indexOf('}', i);
          String[] nm = s.substring(i + 1, close).split(",", -1);
          min = bounded(nm[0]);
          max = nm.length == 1 ? min : (nm[1].isEmpty() ? -1 : bounded(nm[1]));
          i = close + 1;
        } else {
          return atom;
        }
        if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) {
          i++;
        }
        atom = new Repeat(atom, min, max);
      }
      return atom;
    }

    private static int bounded(String digits) {
      if (digits.length() > 6) {
        throw new Unsupported();
      }
      return Integer.parseInt(digits.trim());
    }

    /** Whether a '{' at i opens a quantifier ({n}, {n,}, {n,m}); else it is a literal. */
    private boolean braces() {
      int close = s.indexOf('}', i);
      return close > i + 1 && s.substring(i + 1, close).matches("\\s*\\d+\\s*(,\\s*\\d*\\s*)?");
    }

    private Node atom() {
      char c = s.charAt(i);
      switch (c) {
        case '(':
          return group();
        case '[':
          return charClass();
        case '.':
          i++;
          return new Chars(List.of(new int[] {'a', 'z'}, new int[] {'0', '9'}), false);
        case '^':
        case '$':
          i++;
          return EMPTY;
        case '\\':
          return escape();
        default:
          i++;
          return literal(c);
      }
    }

    private Node group() {
      i++;
      boolean skip = false;
      if (s.startsWith("?:", i)) {
        i += 2;
      } else if (s.startsWith("?=", i) || s.startsWith("?!", i)) {
        i += 2;
        skip = true;
      } else if (s.startsWith("?<=", i) || s.startsWith("?<!", i)) {
        i += 3;
        skip = true;
      } else if (s.startsWith("?<", i) || s.startsWith("?P<", i)) {
        int close = s.indexOf('>', i);
        if (close < 0) {
          throw new Unsupported();
        }
        i = close + 1;
      } else if (i < s.length() && s.charAt(i) == '?') {
        throw new Unsupported();
      }
      Node inner = alternation();
      if (i >= s.length() || s.charAt(i) != ')') {
        throw new Unsupported();
      }
      i++;
      return skip ? EMPTY : inner;
    }

    private Node escape() {
      if (i + 1 >= s.length()) {
        throw new Unsupported();
      }
      char e = s.charAt(i + 1);
      i += 2;
      List<int[]> cls = classEscape(e);
      if (cls != null) {
        return new Chars(cls, false);
      }
      List<int[]> neg = negatedClassEscape(e);
      if (neg != null) {
        return new Chars(neg, true);
      }
      switch (e) {
        case 'b':
        case 'B':
        case 'A':
        case 'z':
        case 'Z':
        case 'G':
          return EMPTY;
        case 'p':
        case 'P':
          return new Chars(property(), e == 'P');
        default:
          if (Character.isDigit(e) && e != '0') {
            throw new Unsupported();
          }
          return literal(escapedChar(e));
      }
    }

    /** The ranges of \p{..}: letters, upper or lower case letters, digits; others as letters. */
    private List<int[]> property() {
      String name;
      if (i < s.length() && s.charAt(i) == '{') {
        int close = s.indexOf('}', i);
        if (close < 0) {
          throw new Unsupported();
        }
        name = s.substring(i + 1, close);
        i = close + 1;
      } else if (i < s.length()) {
        name = String.valueOf(s.charAt(i++));
      } else {
        throw new Unsupported();
      }
      if (name.startsWith("N") || name.equals("Digit") || name.equals("IsDigit")) {
        return List.of(new int[] {'0', '9'});
      }
      if (name.equals("Lu") || name.equals("Upper") || name.equals("IsUppercase")) {
        return List.of(new int[] {'A', 'Z'});
      }
      if (name.equals("Ll") || name.equals("Lower") || name.equals("IsLowercase")) {
        return List.of(new int[] {'a', 'z'});
      }
      return List.of(new int[] {'a', 'z'}, new int[] {'A', 'Z'});
    }

    private char escapedChar(char e) {
      switch (e) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'f':
          return '\f';
        case 'v':
          return '\u000b';
        case '0':
          return '\0';
        case 'u':
          return (char) hex(4);
        case 'x':
          return (char) hex(2);
        default:
          return e;
      }
    }

    private int hex(int digits) {
      if (i < s.length() && s.charAt(i) == '{') {
        int close = s.indexOf('}', i);
        if (close < 0) {
          throw new Unsupported();
        }
        int v = Integer.parseInt(s.substring(i + 1, close), 16);
        i = close + 1;
        return v;
      }
      if (i + digits > s.length()) {
        throw new Unsupported();
      }
      try {
        int v = Integer.parseInt(s.substring(i, i + digits), 16);
        i += digits;
        return v;
      } catch (NumberFormatException ex) {
        throw new Unsupported();
      }
    }

    private static List<int[]> classEscape(char e) {
      switch (e) {
        case 'd':
          return List.of(new int[] {'0', '9'});
        case 'w':
          return List.of(
              new int[] {'a', 'z'},
              new int[] {'A', 'Z'},
              new int[] {'0', '9'},
              new int[] {'_', '_'});
        case 's':
          return List.of(new int[] {' ', ' '}, new int[] {'\t', '\r'});
        default:
          return null;
      }
    }

    private static List<int[]> negatedClassEscape(char e) {
      return Character.isUpperCase(e) ? classEscape(Character.toLowerCase(e)) : null;
    }

    private Node charClass() {
      i++;
      boolean negated = false;
      if (i < s.length() && s.charAt(i) == '^') {
        negated = true;
        i++;
      }
      List<int[]> ranges = new ArrayList<>();
      List<int[]> excluded = new ArrayList<>();
      boolean first = true;
      while (i < s.length() && (s.charAt(i) != ']' || first)) {
        first = false;
        int lo;
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          char e = s.charAt(i + 1);
          i += 2;
          List<int[]> cls = classEscape(e);
          List<int[]> neg = negatedClassEscape(e);
          if (cls != null) {
            ranges.addAll(cls);
            continue;
          }
          if (neg != null) {
            excluded.addAll(neg);
            continue;
          }
          if (e == 'p' || e == 'P') {
            ranges.addAll(property());
            continue;
          }
          lo = e == 'b' ? '\b' : escapedChar(e);
        } else if (c == '[' && s.startsWith("[:", i)) {
          throw new Unsupported();
        } else {
          lo = c;
          i++;
        }
        if (i + 1 < s.length() && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
          i++;
          int hi;
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            char e = s.charAt(i + 1);
            i += 2;
            hi = escapedChar(e);
          } else {
            hi = s.charAt(i++);
          }
          if (hi < lo) {
            throw new Unsupported();
          }
          ranges.add(new int[] {lo, hi});
        } else {
          ranges.add(new int[] {lo, lo});
        }
      }
      if (i >= s.length()) {
        throw new Unsupported();
      }
      i++;
      if (!excluded.isEmpty()) {
        if (negated || !ranges.isEmpty()) {
          throw new Unsupported();
        }
        return new Chars(excluded, true);
      }
      return new Chars(ranges, negated);
    }

    private static Node literal(int c) {
      return out -> out.append(c);
    }
  }
}
