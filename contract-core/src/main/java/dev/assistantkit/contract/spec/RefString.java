package dev.assistantkit.contract.spec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A {@code $ref} value taken apart: its kind, the file part (percent-decoded) and the fragment
 * (percent-decoded, then split into JSON Pointer segments with {@code ~1} and {@code ~0} unescaped,
 * as RFC 6901 section 6 orders).
 *
 * @param kind what the reference points at
 * @param path the file part, decoded ({@code ""} for a reference into the same document)
 * @param pointer the fragment's segments (empty for the whole document), when it is a pointer
 * @param anchor the fragment when it is a plain name ({@code #foo}), else null
 * @param raw the value as written
 */
record RefString(Kind kind, String path, List<String> pointer, String anchor, String raw) {

  enum Kind {
    /** {@code #...}: the same document. */
    INTERNAL,
    /** A relative path, with or without a fragment. */
    RELATIVE,
    /** {@code http://}, {@code https://} or {@code //host}. */
    REMOTE,
    /** {@code /abs}, {@code C:\...}, {@code \\share}, {@code file:}. */
    ABSOLUTE,
    /**
     * Any other scheme ({@code urn:}, {@code classpath:}, ...), or a fragment that cannot be read.
     */
    UNSUPPORTED
  }

  private static final Pattern DRIVE = Pattern.compile("[a-z]:([/\\\\].*)?");
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*:.*");

  /** The pointer as a {@code #/a/b} string, for a reference with a pointer fragment. */
  String fragment() {
    return "#" + SpecPointer.of(pointer);
  }

  /**
   * Refuses what is never followed: remote and absolute references, other schemes.
   *
   * @param where the reference's place, for the message
   */
  void refuseUnfollowable(Supplier<String> where) {
    switch (kind) {
      case REMOTE ->
          throw new SpecLoadException(
              SpecLoadException.Reason.REMOTE_REF,
              where.get(),
              "$ref '"
                  + raw
                  + "' is remote; nothing is fetched (a mock makes no request a document asks for):"
                  + " save it beside the spec and refer to it by a relative path");
      case ABSOLUTE ->
          throw new SpecLoadException(
              SpecLoadException.Reason.ABSOLUTE_REF,
              where.get(),
              "$ref '" + raw + "' is an absolute path; only relative references are followed");
      case UNSUPPORTED ->
          throw new SpecLoadException(
              SpecLoadException.Reason.UNSUPPORTED_REF,
              where.get(),
              "$ref '" + raw + "' is neither a relative path nor a JSON Pointer fragment");
      default -> {
        // followed
      }
    }
  }

  static RefString parse(String raw) {
    int hash = raw.indexOf('#');
    String file = hash < 0 ? raw : raw.substring(0, hash);
    String fragment = hash < 0 ? "" : raw.substring(hash + 1);
    Kind kind = kindOf(file);
    if (kind == Kind.REMOTE || kind == Kind.ABSOLUTE || kind == Kind.UNSUPPORTED) {
      return new RefString(kind, file, List.of(), null, raw);
    }
    Optional<String> path = percentDecoded(file);
    Optional<String> frag = percentDecoded(fragment);
    if (path.isEmpty() || frag.isEmpty()) {
      return new RefString(Kind.UNSUPPORTED, file, List.of(), null, raw);
    }
    Kind k = file.isEmpty() ? Kind.INTERNAL : Kind.RELATIVE;
    String f = frag.get();
    if (!f.isEmpty() && !f.startsWith("/")) {
      return new RefString(k, path.get(), List.of(), f, raw);
    }
    return new RefString(k, path.get(), SpecPointer.segments(f), null, raw);
  }

  private static Kind kindOf(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("//")) {
      return Kind.REMOTE;
    }
    if (lower.startsWith("file:")
        || lower.startsWith("/")
        || lower.startsWith("\\")
        || DRIVE.matcher(lower).matches()) {
      return Kind.ABSOLUTE;
    }
    if (SCHEME.matcher(lower).matches()) {
      return Kind.UNSUPPORTED;
    }
    return Kind.RELATIVE;
  }

  /** The text with {@code %XX} escapes decoded as UTF-8; empty when an escape is malformed. */
  static Optional<String> percentDecoded(String s) {
    if (s.indexOf('%') < 0) {
      return Optional.of(s);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> parts = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        flush(bytes, out, parts);
        out.append(c);
        continue;
      }
      if (i + 2 >= s.length()) {
        return Optional.empty();
      }
      int hi = Character.digit(s.charAt(i + 1), 16);
      int lo = Character.digit(s.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        return Optional.empty();
      }
      bytes.write(hi * 16 + lo);
      i += 2;
    }
    flush(bytes, out, parts);
    return parts.isEmpty() ? Optional.of(out.toString()) : Optional.empty();
  }

  /** Appends the pending escaped bytes as UTF-8; records a failure in {@code bad}. */
  private static void flush(ByteArrayOutputStream bytes, StringBuilder out, List<String> bad) {
    if (bytes.size() == 0) {
      return;
    }
    Optional<String> text = Utf8.decode(bytes.toByteArray());
    if (text.isEmpty()) {
      bad.add("not UTF-8");
    } else {
      out.append(text.get());
    }
    bytes.reset();
  }
}
