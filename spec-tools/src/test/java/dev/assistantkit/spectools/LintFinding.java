package dev.assistantkit.spectools;

import java.util.List;
import java.util.Locale;

/**
 * One problem a linter reported: tool, level, rule id, where in the spec (a JSON Pointer and a
 * line) and the tool's text. Errors and warnings fail the build; infos and hints are printed.
 */
record LintFinding(
    String tool, Level level, String rule, String pointer, int line, String message) {

  enum Level {
    ERROR,
    WARNING,
    INFO,
    HINT;

    boolean failsTheBuild() {
      return this == ERROR || this == WARNING;
    }
  }

  /** A JSON Pointer ({@code #/a/b}) from a path of segments, escaped per RFC 6901. */
  static String pointer(List<String> segments) {
    StringBuilder sb = new StringBuilder("#");
    for (String s : segments) {
      sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /** One line: {@code tool level rule line N pointer message}. */
  String format() {
    return String.format(
        "%s  %s  %s  line %d  %s  %s",
        tool, level.name().toLowerCase(Locale.ROOT), rule, line, pointer, message);
  }

  /** The findings as lines, or "(none)". */
  static String format(List<LintFinding> findings) {
    if (findings.isEmpty()) {
      return "  (none)";
    }
    StringBuilder sb = new StringBuilder();
    for (LintFinding f : findings) {
      sb.append("  ").append(f.format()).append('\n');
    }
    return sb.toString().stripTrailing();
  }
}
