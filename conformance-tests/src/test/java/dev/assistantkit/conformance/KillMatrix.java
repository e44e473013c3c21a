package dev.assistantkit.conformance;

import dev.assistantkit.contract.rules.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The kill matrix as the tests find it: one line per broken server, printed when a matrix test
 * class ends and appended to {@code target/kill-matrix.txt}.
 */
final class KillMatrix {

  private static final Map<String, String> LINES = new ConcurrentSkipListMap<>();
  private static final Path FILE = Path.of("target", "kill-matrix.txt");

  private KillMatrix() {}

  static void record(String server, Profile profile, RunSummary r, Set<String> wanted) {
    Set<String> named = new TreeSet<>(r.failedRules());
    named.retainAll(wanted);
    LINES.put(
        server,
        (wanted.isEmpty()
                ? (r.failed() == 0 ? "passes  " : "FAILS   ")
                : named.isEmpty() ? "SURVIVED" : "killed  ")
            + " | "
            + profile.wireName()
            + " | "
            + r.failed()
            + " failed in "
            + r.duration().toMillis() / 1000.0
            + " s | by "
            + String.join(", ", r.failedRules()));
  }

  static synchronized void print() {
    if (LINES.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder("\nKill matrix (server -> verdict | profile | rules)\n");
    LINES.forEach((k, v) -> sb.append(String.format("  %-66s %s%n", k, v)));
    System.out.println(sb);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, sb.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LINES.clear();
  }
}
