package dev.assistantkit.contract.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A document that cannot be loaded. The {@link Reason} is the key (tests and callers branch on it,
 * never on the wording); {@link #where()} names the place, as {@code file#/pointer} relative to the
 * main file's directory, or empty when the problem is not at one place.
 */
public final class SpecLoadException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** Why a document was refused. */
  public enum Reason {
    /** The text is not YAML or JSON, or not a mapping at its top. */
    NOT_YAML,
    /** Bytes that are not UTF-8. */
    NOT_UTF8,
    /** {@code swagger: "2.0"}, a missing {@code openapi} field, or a version other than 3.0/3.1. */
    UNSUPPORTED_VERSION,
    /** An {@code http(s)://} reference: nothing is fetched. */
    REMOTE_REF,
    /** An absolute path or {@code file:} reference: only relative references are followed. */
    ABSOLUTE_REF,
    /** A reference of a form the loader does not follow (another scheme, a plain-name anchor). */
    UNSUPPORTED_REF,
    /** A reference to a file outside the main file's directory (symbolic links resolved). */
    OUTSIDE_ROOT,
    /** A reference to a file that does not exist or is not a regular file. */
    MISSING_FILE,
    /** A reference to a place a document does not have. */
    MISSING_TARGET,
    /** A chain of references to references longer than the readers follow, or a loop of them. */
    REF_CHAIN,
    /** More files than the limit. */
    TOO_MANY_FILES,
    /** More bytes (read, or inlined as text) than the limit. */
    TOO_LARGE,
    /** More nodes (YAML aliases replayed, example files inlined) than the limit. */
    TOO_MANY_NODES,
    /** A tree nested deeper than the limit. */
    TOO_DEEP,
    /** The document uses a key the loader reserves ({@code x-bundled}). */
    RESERVED_KEY,
    /** A file that exists but cannot be read. */
    UNREADABLE
  }

  private final Reason reason;
  private final String where;
  private final transient List<Path> files;

  SpecLoadException(Reason reason, String where, String message) {
    super(where.isEmpty() ? message : message + " (at " + where + ")");
    this.reason = reason;
    this.where = where;
    this.files = List.of();
  }

  private SpecLoadException(SpecLoadException e, List<Path> files) {
    super(e.getMessage(), e.getCause());
    this.reason = e.reason;
    this.where = e.where;
    this.files = List.copyOf(files);
    setStackTrace(e.getStackTrace());
  }

  /** This refusal, naming the files the loader had consulted when it stopped. */
  SpecLoadException consulting(List<Path> consulted) {
    return new SpecLoadException(this, consulted);
  }

  public Reason reason() {
    return reason;
  }

  /** The place, {@code file#/pointer}, or empty. */
  public String where() {
    return where;
  }

  /**
   * The files of a document read from files ({@link SpecDocument#fromFile}) that the loader had
   * read or looked for when it stopped, the main file first: what to watch for the change that may
   * fix it. Empty for a document read from text.
   */
  public List<Path> files() {
    return files == null ? List.of() : files;
  }
}
