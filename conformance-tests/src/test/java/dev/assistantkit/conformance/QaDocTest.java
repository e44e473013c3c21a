package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.independent.third.ThirdServerSuiteTest;
import dev.assistantkit.testsupport.Docs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What docs/qa-and-ci.md counts of the suite's proof is what the test sources hold: the broken and
 * page-following mocks of the kill matrix, the variants and mutants of the independent
 * implementations, and the mocks the traffic alone cannot name.
 */
class QaDocTest {

  private static final String PAGE = Docs.page(Path.of(".."), "docs/qa-and-ci.md").text();

  private static int count(String regex) {
    Matcher m = Pattern.compile(regex).matcher(PAGE);
    assertTrue(m.find(), () -> "docs/qa-and-ci.md does not say " + regex);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void the_kill_matrix_is_counted_as_the_tests_hold_it() {
    long broken = KillMatrixTest.variants().stream().filter(v -> !v.followsPage()).count();
    long following = KillMatrixTest.variants().stream().filter(v -> v.followsPage()).count();
    assertEquals(broken, count("(\\d+) broken mocks \\("));
    assertEquals(following, count("(\\d+) mocks that follow the page\\s+where it is silent"));
    assertTrue(PAGE.contains("Three broken mocks cannot be named from traffic alone"));
    assertEquals(3, KillMatrixTest.UNSEEN_IN_TRAFFIC.size());
  }

  @Test
  void the_independent_implementations_are_counted_as_the_tests_hold_them() {
    assertEquals(
        dev.assistantkit.independent.Variant.values().length - 1,
        count("the (\\d+) variants of the\\s+independent server"));
    var beans = dev.assistantkit.independent.beans.Variant.values();
    assertEquals(
        Arrays.stream(beans).filter(v -> v.followsPage()).count() - 1,
        count("as do the (\\d+) `independent.beans` variants"));
    assertEquals(
        Arrays.stream(beans).filter(v -> !v.followsPage()).count(),
        count("lists the (\\d+) `independent.beans`\\s+mutants"));
    assertEquals(
        ThirdServerSuiteTest.VARIANTS.size(),
        count("(?s)`independent.third`.*?Its (\\d+) variants"));
    assertEquals(ThirdServerSuiteTest.MUTANTS.size(), count("its (\\d+) mutants each fail"));
    assertEquals(ThirdServerSuiteTest.MUTANTS.size(), count("`-Dthird.all=true` for all (\\d+)"));
  }
}
