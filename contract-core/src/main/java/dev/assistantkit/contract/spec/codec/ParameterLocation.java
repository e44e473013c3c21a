package dev.assistantkit.contract.spec.codec;

import java.util.Locale;

/** A Parameter Object's {@code in}. */
public enum ParameterLocation {
  PATH,
  QUERY,
  HEADER,
  COOKIE;

  /** The value of {@code in}: {@code path}, {@code query}, {@code header}, {@code cookie}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The location named by {@code in}, or null for anything else. */
  static ParameterLocation of(String in) {
    for (ParameterLocation l : values()) {
      if (l.wireName().equals(in)) {
        return l;
      }
    }
    return null;
  }
}
