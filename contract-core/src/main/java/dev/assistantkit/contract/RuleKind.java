package dev.assistantkit.contract;

import java.util.Locale;

/** What enforces a rule. */
public enum RuleKind {
  /** A keyword of the request schemas (body or path parameter). */
  SCHEMA,
  /** A keyword of AssistantUpdateInContext: depends on the assistant's mode before the update. */
  STATE,
  /** The HTTP envelope: credentials, existence, media type, JSON syntax, limits. */
  PROTOCOL,
  /** Which check wins when a request breaks several. */
  ORDER,
  /** A property of every response: declared status, documented body, JSON. */
  RESPONSE,
  /** A control of the reference mock, not a rule of the page. */
  MOCK;

  static RuleKind parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
