package dev.assistantkit.contract.rules;

import java.util.Locale;

/** What enforces a rule. */
public enum RuleKind {
  /** A keyword of the request schemas (body or path parameter). */
  SCHEMA,
  /** A keyword of a resource's context schema: depends on the resource's state. */
  STATE,
  /** The request envelope: credentials, existence, media type, JSON syntax, limits. */
  PROTOCOL,
  /** Requests a conformant server must accept (the page's examples, supported settings). */
  ACCEPTANCE,
  /** Which check wins when a request breaks several ({@code x-evaluation-order}). */
  ORDER,
  /** A property of every response: declared status, documented body, JSON. */
  RESPONSE,
  /** Whether a path and method name an operation at all. */
  ROUTE,
  /** The mock's HTTP edge: limits, encodings, timeouts, malformed HTTP. */
  EDGE,
  /** A control of the reference mock, not a rule of the page. */
  MOCK,
  /** The validating proxy's own answers. */
  PROXY;

  static RuleKind parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  /** Kinds whose locations are keywords that schema validation reports. */
  boolean isKeyword() {
    return this == SCHEMA || this == STATE;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
