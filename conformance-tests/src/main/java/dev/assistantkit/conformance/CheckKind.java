package dev.assistantkit.conformance;

import java.util.Locale;

/** Where a check comes from. */
public enum CheckKind {
  /** A case the spec's rule catalogue writes down. */
  CATALOGUE,
  /** A body derived from the request schema through the contract's schema walker. */
  DERIVED,
  /** A generated body of the seeded fuzz. */
  FUZZ,
  /** An exchange recorded in a HAR file. */
  RECORDED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
