package dev.assistantkit.independent.beans;

/**
 * What the stateful rules are judged against, handed to the validators as Hibernate Validator's
 * constraint-validator payload.
 *
 * @param current the assistant's stored mode
 * @param sameModeIsSwitch whether naming the current mode still counts as a switch
 * @param modeIgnoresCase whether the mode is read ignoring case (a mutant only)
 */
public record Judging(Mode current, boolean sameModeIsSwitch, boolean modeIgnoresCase) {

  /** The mode the request names, or null (not sent, or not a mode). */
  Mode requested(UpdateAssistantPatch patch) {
    Object v = patch.value(UpdateAssistantPatch.MODE);
    return modeIgnoresCase ? Mode.ofWireIgnoringCase(v) : Mode.ofWire(v);
  }

  /** Whether the request switches the assistant to {@code target}. */
  boolean switchesTo(UpdateAssistantPatch patch, Mode target) {
    return requested(patch) == target && (sameModeIsSwitch || current != target);
  }

  /** The mode the assistant is in once the request is applied. */
  Mode after(UpdateAssistantPatch patch) {
    Mode m = requested(patch);
    return m == null ? current : m;
  }
}
