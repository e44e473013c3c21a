package dev.assistantkit.contract.judging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.contract.evaluation.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bearer token is read by hand (the mock and the proxy's traffic judge read every request's),
 * exactly as the regular expression it replaced read it: the same token, or none, for every value.
 */
class BearerTokenTest {

  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

  private static Optional<String> byRegex(String value) {
    Matcher m = BEARER.matcher(value.trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Test
  void reads_what_the_regular_expression_read() {
    List<String> values =
        new ArrayList<>(
            List.of(
                "Bearer abc",
                "bearer abc",
                "BEARER   abc   ",
                "  Bearer abc",
                "Bearer",
                "Bearer ",
                "Bearer  ",
                "Bearerabc",
                "Bearer\tabc",
                "Bearer abc def",
                "Bearer abc\t",
                "Bearer a\u000Bb",
                "Basic dXNlcjpwYXNz",
                "Bearer ***",
                "Bearer é",
                "Bearer\u00a0abc",
                "x Bearer abc",
                "Bearer \u00e9\u2603",
                "Bearer a\u001fb",
                "bearer\u0130x",
                ""));
    Random random = new Random(21);
    String alphabet = "Bbearer \t\u000B\f\rxyz*é\u00a0";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder(random.nextBoolean() ? "Bearer" : "");
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(sb.toString());
    }
    for (String v : values) {
      assertEquals(byRegex(v), Evaluator.bearerToken(v), () -> "for [" + v + "]");
    }
  }
}
