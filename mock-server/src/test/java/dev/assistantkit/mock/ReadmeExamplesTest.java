package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.testsupport.Docs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documentation's promises about the mock, checked: every curl example of the README and of
 * docs/ that shows its answer ({@code # STATUS body} under the command) is run, in order, against a
 * fresh mock per page, and must get exactly that answer.
 */
class ReadmeExamplesTest {

  static final String README_URL = "http://127.0.0.1:8080";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern EXPECTED =
      Pattern.compile("^(\\d{3})(?:\\s+(.*))?$", Pattern.DOTALL);

  /** A curl command of the README and the answer it shows. */
  record Example(int line, String command, int status, String body) {}

  /** The commands of the README's bash blocks that call the mock and show their answer. */
  static List<Example> examples(String readme) {
    List<Example> out = new ArrayList<>();
    String[] lines = readme.split("\n", -1);
    boolean inBash = false;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.startsWith("```")) {
        inBash = !inBash && l.equals("```bash");
        continue;
      }
      if (!inBash || !l.startsWith("curl ")) {
        continue;
      }
      int first = i;
      StringBuilder command = new StringBuilder(l);
      while (lines[i].endsWith("\\") || openQuote(command)) {
        i++;
        command.append('\n').append(lines[i]);
      }
      StringBuilder expected = new StringBuilder();
      while (i + 1 < lines.length && lines[i + 1].startsWith("# ")) {
        i++;
        expected.append(lines[i].substring(2).strip());
      }
      Matcher m = EXPECTED.matcher(expected.toString());
      if (command.indexOf(README_URL) >= 0 && m.matches()) {
        out.add(
            new Example(
                first + 1,
                command.toString(),
                Integer.parseInt(m.group(1)),
                m.group(2) == null ? "" : m.group(2)));
      }
    }
    return out;
  }

  /** A single-quoted string still open at the end of the command so far. */
  private static boolean openQuote(CharSequence s) {
    return s.chars().filter(c -> c == '\'').count() % 2 == 1;
  }

  @Test
  void every_example_that_shows_an_answer_gets_exactly_that_answer() throws Exception {
    int shown = 0;
    for (Docs.Page page : Docs.pages(Path.of(".."))) {
      List<Example> examples = examples(page.text());
      shown += examples.size();
      if (!examples.isEmpty()) {
        runAll(page.name(), examples);
      }
    }
    assertTrue(shown >= 10, "the documentation shows " + shown + " answers");
  }

  /** A page's examples, in order, against a fresh mock. */
  private static void runAll(String page, List<Example> examples) throws Exception {
    try (MockServer mock = MockServer.start(MockConfig.defaults().withPort(0))) {
      for (Example e : examples) {
        String[] got = run(e.command().replace(README_URL, mock.baseUrl()));
        String where = page + " line " + e.line() + ": " + e.command();
        assertEquals(e.status(), Integer.parseInt(got[1]), () -> where + "\n got " + got[0]);
        if (!e.body().isEmpty()) {
          JsonNode want = JSON.readTree(e.body());
          JsonNode have = JSON.readTree(got[0]);
          assertEquals(want, have, where);
        }
      }
    }
  }

  /**
   * Runs a command with curl reporting the status after the body; {body, status}. The times are
   * guards against a hang only: the mock answers, however loaded the machine.
   */
  private static String[] run(String command) throws Exception {
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "curl() { command curl -sS --max-time 60 -w '\\n%{http_code}' \"$@\"; }\n"
                    + command)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "curl did not finish: " + command);
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> "curl failed (is it installed?): " + text);
    int nl = text.lastIndexOf('\n');
    return new String[] {text.substring(0, Math.max(nl, 0)), text.substring(nl + 1).strip()};
  }
}
