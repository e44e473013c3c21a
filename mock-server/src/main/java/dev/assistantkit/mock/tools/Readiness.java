package dev.assistantkit.mock.tools;

import java.util.Optional;

/**
 * What the readiness check reports beyond "the port is open, so the contract answers": whether the
 * last reload of the spec ({@code --watch}) failed, and why. Shared by every contract the mock
 * serves in turn; safe to share between threads.
 */
public final class Readiness {

  /**
   * A reload that failed: the mock goes on serving the last contract that loaded.
   *
   * @param file the file the problem is in, as the loader names it (relative to the main file's
   *     directory), or the main file
   * @param where the place the loader names ({@code file#/pointer}), or empty
   * @param reason the loader's key for the problem ({@code not-yaml}, {@code missing-target}, ...),
   *     {@code not-a-spec} for another failure to read it, or {@code not-a-contract} for a document
   *     that was read but makes no contract (its seed included)
   * @param message the loader's sentence
   */
  public record Failure(String file, String where, String reason, String message) {}

  private volatile Optional<Failure> failure = Optional.empty();

  /** The last reload loaded. */
  public void loaded() {
    failure = Optional.empty();
  }

  /** The last reload failed. */
  public void failed(Failure f) {
    failure = Optional.of(f);
  }

  /** Why the last reload failed; empty while the contract serving is the spec as it stands. */
  public Optional<Failure> failure() {
    return failure;
  }
}
