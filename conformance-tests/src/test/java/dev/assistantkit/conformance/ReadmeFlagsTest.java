package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockMain;
import dev.assistantkit.testsupport.Docs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The flag tables of the documentation (docs/frontend.md, docs/qa-and-ci.md) list exactly the
 * options each command line has, no more, no less.
 */
class ReadmeFlagsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mock-server", "conformance-tests"})
  void the_flag_table_lists_exactly_the_commands_options(String command) throws IOException {
    Object main = command.equals("mock-server") ? new MockMain() : new ConformanceMain();
    Set<String> options = new TreeSet<>();
    new CommandLine(main)
        .getCommandSpec()
        .options()
        .forEach(o -> options.addAll(List.of(o.names())));
    String docs = Docs.all(Path.of(".."));
    assertEquals(options, flagTable(docs, command), "the documentation's flag table of " + command);
  }

  /** The option names in the first column of the table after {@code <!-- flags: NAME -->}. */
  static Set<String> flagTable(String readme, String name) {
    String marker = "<!-- flags: " + name + " -->";
    int at = readme.indexOf(marker);
    assertTrue(at >= 0, "no " + marker + " in the README or docs/");
    Set<String> out = new TreeSet<>();
    Pattern flag = Pattern.compile("`(-{1,2}[A-Za-z][A-Za-z-]*)");
    for (String row : readme.substring(at + marker.length()).strip().split("\n")) {
      if (!row.startsWith("|")) {
        break;
      }
      Matcher m = flag.matcher(row.split("(?<!\\\\)\\|")[1]);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
