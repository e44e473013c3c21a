package dev.assistantkit.contract.generation;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The document's regular expressions, compiled once and matched with a bound on the work: a pattern
 * with catastrophic backtracking ({@code ^(a+)+$}) gives up instead of running for hours. Like JSON
 * Schema's {@code pattern}, a match is a search anywhere in the text.
 */
final class Patterns {

  /** Character reads one match may make. */
  private static final int MAX_READS = 200_000;

  private final ConcurrentHashMap<String, Optional<Pattern>> compiled = new ConcurrentHashMap<>();

  /** Whether the pattern is found in the text; empty when unknown (bad regex, too much work). */
  Optional<Boolean> find(String regex, String text) {
    Optional<Pattern> p = compiled.computeIfAbsent(regex, Patterns::compile);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(p.get().matcher(new BoundedText(text, new int[] {MAX_READS})).find());
    } catch (BoundedText.TooMuchWork | StackOverflowError e) {
      return Optional.empty();
    }
  }

  /** Whether the pattern is surely found (unknown counts as not found). */
  boolean finds(String regex, String text) {
    return find(regex, text).orElse(false);
  }

  /** Whether the pattern is surely not found (unknown counts as found). */
  boolean surelyMisses(String regex, String text) {
    return !find(regex, text).orElse(true);
  }

  private static Optional<Pattern> compile(String regex) {
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  /** Text whose characters can be read a bounded number of times. */
  private static final class BoundedText implements CharSequence {
    private final String text;
    private final int[] left;

    BoundedText(String text, int[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new TooMuchWork();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BoundedText(text.substring(start, end), left);
    }

    @Override
    public String toString() {
      return text;
    }

    static final class TooMuchWork extends RuntimeException {
      private static final long serialVersionUID = 1L;

      TooMuchWork() {
        super("regular expression took too much work", null, false, false);
      }
    }
  }
}
