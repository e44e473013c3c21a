package dev.assistantkit.conformance;

import java.util.Locale;

/** How one check ended. */
public enum Outcome {
  /** Every assertion held. */
  PASS,
  /** A rule the profile enforces was broken (or nothing answered). */
  FAIL,
  /** Only rules the profile does not enforce were broken: passes, with the advice reported. */
  ADVICE,
  /** Not judged, for the reason given. */
  SKIP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
