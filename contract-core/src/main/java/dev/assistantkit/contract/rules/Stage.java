package dev.assistantkit.contract.rules;

import java.util.Locale;

/** The checks a request goes through; their order is the spec's {@code x-evaluation-order}. */
public enum Stage {
  /** The operation's security: bearer credentials. */
  CREDENTIALS,
  /** The request on its own: path parameters, media type, body syntax, limits and schema. */
  REQUEST,
  /** Whether the resource the path names exists. */
  EXISTENCE,
  /** The rules that depend on the resource's current state. */
  STATE;

  static Stage parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
