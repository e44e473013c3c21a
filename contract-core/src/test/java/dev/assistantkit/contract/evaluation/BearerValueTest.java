package dev.assistantkit.contract.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bearer token is read from an {@code Authorization} value without a regular expression; it
 * reads exactly what {@code (?i)bearer +(\S+) *} matched on the trimmed value, on hand-picked and
 * on random values.
 */
class BearerValueTest {

  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

  private static Optional<String> byRegex(String value) {
    Matcher m = BEARER.matcher(value.trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Test
  void it_reads_what_the_regular_expression_read() {
    List<String> values =
        new ArrayList<>(
            List.of(
                "Bearer abc",
                "bearer abc",
                "BEARER abc",
                "BeArEr   abc   ",
                "  Bearer abc",
                "Bearer",
                "Bearer ",
                "Bearer  ",
                "Bearerabc",
                "Bearer\tabc",
                "Bearer abc def",
                "Bearer abc\tdef",
                "Bearer abc\u00a0def",
                "Bearer \u00e9\u2603",
                "Basic abc",
                "Bearer a\u000b",
                "Bearer a \u000b",
                "Bearer a\u001f",
                "Bearer a\u001fb",
                "Bearer x",
                "bearer\u0130x",
                ""));
    Random random = new Random(42);
    char[] alphabet = {'B', 'e', 'a', 'r', 'b', 'E', 'R', ' ', '\t', 'x', '\u00a0', '\u000b', 'k'};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder(random.nextBoolean() ? "Bearer" : "");
      for (int k = random.nextInt(10); k > 0; k--) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      values.add(sb.toString());
    }
    for (String v : values) {
      assertEquals(byRegex(v), Evaluator.bearerToken(v), () -> "[" + v + "]");
    }
  }
}
