package dev.assistantkit.independent.beans;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validation groups: one per rule of the page (or per silent-area choice), so that a {@link
 * Variant} is the set of groups it validates. A mutant drops the group of the one sentence it
 * breaks, or adds a group of its own that refuses what the page allows.
 *
 * <p>{@link Stateless} groups judge the body alone and run before the assistant is looked up (in
 * the default check order); {@link Stateful} groups read the assistant's current mode (passed to
 * the validators as Hibernate Validator's constraint-validator payload, a {@link Judging}) and run
 * under the assistant's lock, right before the update is stored.
 */
public final class Checks {
  private Checks() {}

  /** Judged on the body alone. */
  public interface Stateless {}

  /** Judged against the stored assistant (its current mode). */
  public interface Stateful {}

  // -- the page's field table: one group per type row that a mutant may drop --

  /** "assistant_name string New assistant name." */
  public interface NameType extends Stateless {}

  /** "assistant_prompt string New system prompt." */
  public interface PromptType extends Stateless {}

  /** "assistant_end_call_enabled boolean Enable or disable end-call tool." */
  public interface EndCallEnabledType extends Stateless {}

  /** "assistant_interaction_config object Partial interaction-config update." */
  public interface InteractionType extends Stateless {}

  /** "assistant_tts_config object Yes TTS config for the selected provider." */
  public interface TtsConfigType extends Stateless {}

  /** "assistant_llm_config object Yes Realtime provider config (...)" */
  public interface LlmConfigType extends Stateless {}

  /** The other type rows (description, start instruction, end-call strings, speaks_first). */
  public interface OtherTypes extends Stateless {}

  // -- enums --

  /** "assistant_llm_mode string Target mode: pipeline or realtime." */
  public interface ModeEnum extends Stateless {}

  /** "assistant_tts_model string Yes One of cartesia, sarvam, elevenlabs, mistral." */
  public interface TtsModelEnum extends Stateless {}

  /** "(provider, model, voice, optional api_key)" */
  public interface LlmConfigMembers extends Stateless {}

  // -- the pair rule, both directions --

  /** "send both assistant_tts_model and assistant_tts_config, or neither" (model without config) */
  public interface TtsModelNeedsConfig extends Stateless {}

  /** "send both assistant_tts_model and assistant_tts_config, or neither" (config without model) */
  public interface TtsConfigNeedsModel extends Stateless {}

  // -- the switch rules (stateful: a switch is a change of the stored mode) --

  /** "Switching to pipeline requires both assistant_tts_model and assistant_tts_config." */
  public interface PipelineSwitch extends Stateful {}

  /** "Switching to realtime requires assistant_llm_config." */
  public interface RealtimeSwitch extends Stateful {}

  // -- silent-area choices some variants make --

  /** Unknown body members are refused (the default ignores them). */
  public interface UnknownRefused extends Stateless {}

  /** Every explicit {@code null} is refused (the default lets null clear optional text). */
  public interface NullsRefused extends Stateless {}

  /** A body with nothing to change is refused (the default answers 200). */
  public interface EmptyRefused extends Stateless {}

  /** TTS fields for a realtime assistant, or LLM config for a pipeline one, are refused. */
  public interface CrossModeRefused extends Stateful {}

  // -- groups only mutants add (each refuses something the page allows) --

  /** Mutant: every request must carry assistant_name. */
  public interface NameAlwaysRequired extends Stateless {}

  /** Mutant: the mode enum compared ignoring case. */
  public interface ModeEnumIgnoringCase extends Stateless {}

  /** Mutant: the TTS enum without mistral. */
  public interface TtsModelEnumWithoutMistral extends Stateless {}

  /** Mutant: speaks_first refused for a pipeline assistant. */
  public interface SpeaksFirstRealtimeOnly extends Stateful {}

  /** Mutant: a start instruction needs speaks_first=true in the same request. */
  public interface StartInstructionNeedsSpeaksFirst extends Stateless {}

  /** The groups every page-following server validates. */
  static Set<Class<?>> pageGroups() {
    return new LinkedHashSet<>(
        List.of(
            NameType.class,
            PromptType.class,
            EndCallEnabledType.class,
            InteractionType.class,
            TtsConfigType.class,
            LlmConfigType.class,
            OtherTypes.class,
            ModeEnum.class,
            TtsModelEnum.class,
            LlmConfigMembers.class,
            TtsModelNeedsConfig.class,
            TtsConfigNeedsModel.class,
            PipelineSwitch.class,
            RealtimeSwitch.class));
  }
}
