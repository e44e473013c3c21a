package dev.assistantkit.contract.rules;

import java.util.Locale;

/** Where a rule comes from: the documentation page itself, or a decision of this project. */
public enum Origin {
  /** The page states the rule. A conformant server must keep it. */
  DOCUMENTED,
  /** The page is silent; this project chose. The mock enforces it, the suite advises on it. */
  DECIDED;

  static Origin parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
