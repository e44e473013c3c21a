package dev.assistantkit.conformance;

import dev.assistantkit.contract.Origin;
import java.util.Locale;

/** Which rules a failed check fails the run for. */
public enum Profile {
  /** Only what the documentation page states; a broken decision is reported as advice. */
  DOCUMENTED,
  /** The page and this project's decisions (x-decisions) alike. */
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

  /** Does a broken rule of this origin fail the run, or is it advice? */
  public boolean enforces(Origin origin) {
    return this == STRICT || origin == Origin.DOCUMENTED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
