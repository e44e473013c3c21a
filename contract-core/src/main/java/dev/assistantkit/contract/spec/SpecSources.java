package dev.assistantkit.contract.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The files of one document, read once each, within {@link SpecLimits}. Files are known by their
 * real paths (symbolic links resolved), and relative references are read from there; only files
 * inside the main file's real directory are read: a reference that leads anywhere else, through
 * {@code ..} or a link, is refused before anything outside is opened.
 */
final class SpecSources {

  private final SpecLimits limits;
  private final Path root;
  private final Path main;
  private final Map<Path, JsonNode> trees = new HashMap<>();
  private final Map<Path, String> texts = new HashMap<>();
  private final Map<Hop, Path> resolved = new HashMap<>();
  private final Map<Path, String> names = new HashMap<>();

  /** Every file read, or about to be, and every file a reference named that was not there. */
  private final LinkedHashSet<Path> consulted = new LinkedHashSet<>();

  /** A relative reference from a file: resolved once. */
  private record Hop(Path from, String relative) {}

  private int files;
  private long bytes;
  private long tokens;
  private long inlined;

  /**
   * Sources rooted at the main file's directory.
   *
   * @throws SpecLoadException when the main file cannot be read
   */
  SpecSources(Path mainFile, SpecLimits limits) {
    this.limits = limits;
    Path given = mainFile.toAbsolutePath().normalize();
    try {
      if (!Files.isRegularFile(given)) {
        throw new SpecLoadException(
            SpecLoadException.Reason.MISSING_FILE,
            "",
            "the spec " + mainFile + " does not exist or is not a regular file");
      }
      this.main = given.toRealPath();
      this.root = main.getParent();
    } catch (IOException e) {
      throw new SpecLoadException(
          SpecLoadException.Reason.UNREADABLE, "", "cannot read the spec " + mainFile + ": " + e);
    }
  }

  Path main() {
    return main;
  }

  /**
   * The files read so far (or being read when something went wrong) and those a reference named
   * that were not there, in the order met: every file a change of which may change the document.
   */
  List<Path> consulted() {
    return List.copyOf(consulted);
  }

  SpecLimits limits() {
    return limits;
  }

  /** The file's path from the main file's directory, with {@code /}. */
  String display(Path real) {
    return names.computeIfAbsent(real, r -> root.relativize(r).toString().replace('\\', '/'));
  }

  /** Whether the file is YAML or JSON (its name ends .yaml, .yml or .json); else it is text. */
  static boolean isData(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /**
   * The file a relative reference in {@code from} names, checked to lie inside the root.
   *
   * @param where the reference's place, for messages
   */
  Path resolve(Path from, String relative, Supplier<String> where) {
    Hop hop = new Hop(from, relative);
    Path known = resolved.get(hop);
    if (known != null) {
      return known;
    }
    Path lexical = from.getParent().resolve(relative).normalize();
    if (!lexical.startsWith(root)) {
      throw outside(relative, where.get());
    }
    if (!Files.isRegularFile(lexical)) {
      consulted.add(lexical);
      throw new SpecLoadException(
          SpecLoadException.Reason.MISSING_FILE,
          where.get(),
          "$ref '"
              + relative
              + "' names "
              + display(lexical)
              + ", which does not exist or is not a regular file");
    }
    Path real;
    try {
      real = lexical.toRealPath();
    } catch (IOException e) {
      throw new SpecLoadException(
          SpecLoadException.Reason.UNREADABLE,
          where.get(),
          "cannot read " + display(lexical) + ": " + e);
    }
    if (!real.startsWith(root)) {
      throw outside(relative, where.get());
    }
    resolved.put(hop, real);
    return real;
  }

  private SpecLoadException outside(String relative, String where) {
    return new SpecLoadException(
        SpecLoadException.Reason.OUTSIDE_ROOT,
        where,
        "$ref '"
            + relative
            + "' leads outside the spec's directory "
            + root
            + " (symbolic links resolved); only files inside it are read");
  }

  /** The main file's text, BOM removed. */
  String mainText() {
    return text(main, () -> "");
  }

  /** A YAML/JSON file's tree, parsed once. */
  JsonNode tree(Path real, Supplier<String> where) {
    JsonNode cached = trees.get(real);
    if (cached != null) {
      return cached;
    }
    String name = display(real);
    boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
    SpecParsing.Parsed parsed = SpecParsing.parse(text(real, where), json, name, limits);
    tokens += parsed.tokens();
    if (tokens > limits.maxNodes()) {
      throw new SpecLoadException(
          SpecLoadException.Reason.TOO_MANY_NODES,
          name,
          "the spec's files hold more than " + limits.maxNodes() + " nodes together");
    }
    if (parsed.tree() == null) {
      throw new SpecLoadException(SpecLoadException.Reason.NOT_YAML, name, name + " is empty");
    }
    trees.put(real, parsed.tree());
    return parsed.tree();
  }

  /** A text file's content to inline as a string; every inlining counts against the limit. */
  String inline(Path real, Supplier<String> where) {
    String text = text(real, where);
    inlined += text.length();
    if (inlined > limits.maxBytes()) {
      throw new SpecLoadException(
          SpecLoadException.Reason.TOO_LARGE,
          where.get(),
          "the text inlined from files passes " + limits.maxBytes() + " characters");
    }
    return text;
  }

  /** A file's text (UTF-8, BOM removed), read once. */
  private String text(Path real, Supplier<String> where) {
    String cached = texts.get(real);
    if (cached != null) {
      return cached;
    }
    consulted.add(real);
    if (++files > limits.maxFiles()) {
      throw new SpecLoadException(
          SpecLoadException.Reason.TOO_MANY_FILES,
          where.get(),
          "the spec refers to more than " + limits.maxFiles() + " files");
    }
    byte[] content = read(real, limits.maxBytes() - bytes);
    bytes += content.length;
    Optional<String> text = Utf8.decode(content);
    if (text.isEmpty()) {
      throw new SpecLoadException(
          SpecLoadException.Reason.NOT_UTF8, display(real), display(real) + " is not UTF-8 text");
    }
    String t = text.get().startsWith("\uFEFF") ? text.get().substring(1) : text.get();
    texts.put(real, t);
    return t;
  }

  /** At most {@code budget} bytes of the file: never more is read, whatever its size says. */
  private byte[] read(Path real, long budget) {
    String name = display(real);
    try {
      if (Files.size(real) > budget) {
        throw tooLarge(name);
      }
      try (InputStream in = Files.newInputStream(real)) {
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, budget));
        if (in.read() >= 0) {
          throw tooLarge(name);
        }
        return content;
      }
    } catch (IOException e) {
      throw new SpecLoadException(
          SpecLoadException.Reason.UNREADABLE, name, "cannot read " + name + ": " + e);
    }
  }

  private SpecLoadException tooLarge(String name) {
    return new SpecLoadException(
        SpecLoadException.Reason.TOO_LARGE,
        name,
        "the spec's files pass " + limits.maxBytes() + " bytes together at " + name);
  }
}
