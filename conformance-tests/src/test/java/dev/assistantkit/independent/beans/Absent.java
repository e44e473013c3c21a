package dev.assistantkit.independent.beans;

/** The value of a {@link UpdateAssistantPatch} member the body did not send. */
public enum Absent {
  VALUE
}
