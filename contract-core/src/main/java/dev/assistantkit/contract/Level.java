package dev.assistantkit.contract;

/** How much a violation matters to whoever reads the report. */
public enum Level {
  /** Breaks the contract as the reader enforces it. */
  ERROR,
  /** Breaks a rule the reader does not enforce (a decided rule in the documented profile). */
  ADVICE
}
