package dev.assistantkit.contract.masking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Masks text that may quote the files a document was read from, such as a loader's reason for
 * refusing a spec ("while scanning a quoted scalar ... {@code api_key: "sk-...}"), before it
 * reaches a log or an answer. The masker's {@link SecretMasker#maskLog} finds a known secret when
 * it is quoted whole; a quote cut short ({@code sk-live-12ab ...}, as YAML readers shorten a long
 * line) is a fragment no masker can recognise. So each line of the files that holds a secret is
 * kept with its masked form, and every run of the text (between white space) that such a line holds
 * but its masked form does not is masked: it overlaps the secret, in whatever form the line holds
 * it (plain, percent- or base64-encoded, JSON-escaped). A run shorter than {@value
 * SecretMasker#MIN_SECRET_LENGTH} characters is left: it shows too little to matter, and masking it
 * would mask line and column numbers. A JSON Pointer ({@code #/components/a~1b}) is read with its
 * escapes undone, segment by segment.
 */
public final class QuotedSources {

  /** A line of a file that holds a secret, and the same line masked. */
  private record Held(String line, String masked) {}

  private final SecretMasker masker;
  private final List<Held> held;

  private QuotedSources(SecretMasker masker, List<Held> held) {
    this.masker = masker;
    this.held = List.copyOf(held);
  }

  /**
   * The lines of these texts that hold a secret this masker knows.
   *
   * @param texts the content of each file
   */
  public static QuotedSources of(SecretMasker masker, Collection<String> texts) {
    List<Held> held = new ArrayList<>();
    for (String text : texts) {
      text.lines().forEach(line -> keep(masker, line, held));
    }
    return new QuotedSources(masker, held);
  }

  /**
   * The lines of these files that hold a secret this masker knows, read as UTF-8 (a byte that is
   * not is read as a replacement character) up to {@code maxBytes} in all; a file that cannot be
   * read is skipped.
   */
  public static QuotedSources read(SecretMasker masker, Collection<Path> files, long maxBytes) {
    List<Held> held = new ArrayList<>();
    long budget = maxBytes;
    for (Path file : files) {
      if (budget <= 0 || !Files.isRegularFile(file)) {
        continue;
      }
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  Files.newInputStream(file),
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPLACE)
                      .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
        for (String line = in.readLine(); line != null && budget > 0; line = in.readLine()) {
          budget -= line.length() + 1L;
          keep(masker, line, held);
        }
      } catch (IOException | RuntimeException e) {
        // a file gone or unreadable since the loader read it: its quotes are masked as any text
      }
    }
    return new QuotedSources(masker, held);
  }

  private static void keep(SecretMasker masker, String line, List<Held> held) {
    if (masker.containsSecret(line)) {
      held.add(new Held(line, masker.maskText(line)));
    }
  }

  /** The text with the fragments of secrets its quotes show, and then every secret, masked. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        out.append(text.charAt(i++));
        continue;
      }
      int end = i;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      out.append(run(text.substring(i, end)));
      i = end;
    }
    return masker.maskLog(out.toString());
  }

  /** A run of the text: masked when it overlaps a secret, pointer segments one by one. */
  private String run(String run) {
    if (overlapsSecret(run) || overlapsSecret(trimmed(run))) {
      return SecretMasker.MASK;
    }
    if (!run.contains("~0") && !run.contains("~1")) {
      return run;
    }
    String[] segments = run.split("/", -1);
    for (int s = 0; s < segments.length; s++) {
      String decoded = segments[s].replace("~1", "/").replace("~0", "~");
      if (!decoded.equals(segments[s]) && masker.containsSecret(decoded)) {
        segments[s] = SecretMasker.MASK;
      }
    }
    return String.join("/", segments);
  }

  private boolean overlapsSecret(String run) {
    if (run.length() < SecretMasker.MIN_SECRET_LENGTH) {
      return false;
    }
    for (Held h : held) {
      if (h.line().contains(run) && !h.masked().contains(run)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The run without the punctuation a message puts around a quote ({@code "x ...}, {@code (x)}).
   */
  private static String trimmed(String run) {
    int from = 0;
    int to = run.length();
    while (from < to && "\"'`([{<.,;:".indexOf(run.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && "\"'`)]}>.,;:".indexOf(run.charAt(to - 1)) >= 0) {
      to--;
    }
    return run.substring(from, to);
  }
}
