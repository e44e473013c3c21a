package dev.assistantkit.contract.rules;

import java.util.Locale;

/** The part of an HTTP message a violation points into. */
public enum Part {
  PATH,
  QUERY,
  HEADER,
  COOKIE,
  BODY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
