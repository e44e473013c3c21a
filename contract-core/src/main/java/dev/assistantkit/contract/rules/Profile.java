package dev.assistantkit.contract.rules;

import java.util.Locale;

/**
 * Which rules count: the same two names for the mock, the suite and the traffic judge.
 *
 * <p>{@link #DOCUMENTED} reads the request as the most lenient server that follows the page would
 * ({@code x-documented-reading}) and enforces only what the page states; {@link #STRICT} enforces
 * the page and this project's decisions, in the decided order of checks.
 */
public enum Profile {
  DOCUMENTED,
  STRICT;

  /** Parses {@code documented} or {@code strict}, in any case. */
  public static Profile parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the profile must be documented or strict, not " + text, e);
    }
  }

  /** Does a broken rule of this origin fail under this profile, or is it advice? */
  public boolean enforces(Origin origin) {
    return this == STRICT || origin == Origin.DOCUMENTED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
