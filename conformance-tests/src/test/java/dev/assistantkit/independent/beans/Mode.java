package dev.assistantkit.independent.beans;

import java.util.Locale;

/** "assistant_llm_mode string Target mode: pipeline or realtime." */
public enum Mode {
  PIPELINE,
  REALTIME;

  /** The wire name ("pipeline", "realtime"). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode a wire value names, compared exactly, or null. */
  static Mode ofWire(Object value) {
    for (Mode m : values()) {
      if (m.wire().equals(value)) {
        return m;
      }
    }
    return null;
  }

  /** The mode a wire value names, ignoring case (only a mutant reads it so), or null. */
  static Mode ofWireIgnoringCase(Object value) {
    return value instanceof String s ? ofWire(s.toLowerCase(Locale.ROOT)) : null;
  }
}
