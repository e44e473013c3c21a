package dev.assistantkit.independent.beans;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Class-level constraints on {@link UpdateAssistantPatch}: the cross-field rules of the page (the
 * TTS pair, both switch rules) and the cross-field choices some variants make. The switch rules
 * read the assistant's current mode from the {@link Judging} payload.
 *
 * <p>Violation messages are fixed text; a member name the client chose is only ever a property
 * node, never part of a message template, so nothing a client sends is interpolated.
 */
public final class PatchRules {
  private PatchRules() {}

  /**
   * "TTS fields must come in pairs: send both assistant_tts_model and assistant_tts_config, or
   * neither." One direction per annotation, so a mutant can drop one.
   */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Repeatable(Pairs.class)
  @Constraint(validatedBy = PairValidator.class)
  public @interface Pair {
    String sent();

    String needs();

    String message() default "TTS fields come in pairs";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Container of {@link Pair}. */
  @Target(TYPE)
  @Retention(RUNTIME)
  public @interface Pairs {
    Pair[] value();
  }

  /** "Switching to pipeline requires both assistant_tts_model and assistant_tts_config." */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = PipelineSwitchValidator.class)
  public @interface PipelineSwitchNeedsTts {
    String message() default "switching to pipeline needs both TTS fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** "Switching to realtime requires assistant_llm_config." */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = RealtimeSwitchValidator.class)
  public @interface RealtimeSwitchNeedsLlmConfig {
    String message() default "switching to realtime needs assistant_llm_config";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A variant's choice: TTS fields only for a pipeline assistant, LLM config only realtime. */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = CrossModeValidator.class)
  public @interface CrossModeFields {
    String message() default "payload does not match the assistant's mode";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A variant's choice: members the page does not list are refused. */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = NoUnknownValidator.class)
  public @interface NoUnknownFields {
    String message() default "unknown field";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A variant's choice: an explicit null is refused. */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = NoNullsValidator.class)
  public @interface NoExplicitNulls {
    String message() default "must not be null";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A variant's choice: a body that changes nothing is refused. */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = NotEmptyValidator.class)
  public @interface NotEmpty {
    String message() default "nothing to update: send at least one field";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Mutant only: a member every request must carry. */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = RequiresValidator.class)
  public @interface Requires {
    String field();

    String message() default "is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Mutant only: speaks_first refused for an assistant that is (or becomes) pipeline. */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = SpeaksFirstValidator.class)
  public @interface SpeaksFirstRealtimeOnly {
    String message() default "speaks_first is only supported in realtime mode";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Mutant only: a start instruction needs speaks_first=true in the same request. */
  @Target(TYPE)
  @Retention(RUNTIME)
  @Constraint(validatedBy = StartInstructionValidator.class)
  public @interface StartInstructionNeedsSpeaksFirst {
    String message() default
        "assistant_start_instruction needs assistant_interaction_config.speaks_first=true";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Adds one violation at {@code field} (none: the body itself) with a fixed message. */
  static void refuse(ConstraintValidatorContext ctx, String field, String message) {
    ctx.disableDefaultConstraintViolation();
    var builder = ctx.buildConstraintViolationWithTemplate(message);
    if (field == null) {
      builder.addConstraintViolation();
    } else {
      builder.addPropertyNode(field).addConstraintViolation();
    }
  }

  static Judging judging(ConstraintValidatorContext ctx) {
    Judging j =
        ctx.unwrap(HibernateConstraintValidatorContext.class)
            .getConstraintValidatorPayload(Judging.class);
    if (j == null) {
      throw new IllegalStateException("a stateful rule was validated without a Judging payload");
    }
    return j;
  }

  /** Checks {@link Pair}. */
  public static final class PairValidator
      implements ConstraintValidator<Pair, UpdateAssistantPatch> {
    private Pair pair;

    @Override
    public void initialize(Pair annotation) {
      pair = annotation;
    }

    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      if (p.sent(pair.sent()) && !p.sent(pair.needs())) {
        refuse(
            ctx,
            pair.needs(),
            "is required with "
                + pair.sent()
                + ": send both assistant_tts_model and assistant_tts_config, or neither");
        return false;
      }
      return true;
    }
  }

  /** Checks {@link PipelineSwitchNeedsTts}. */
  public static final class PipelineSwitchValidator
      implements ConstraintValidator<PipelineSwitchNeedsTts, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      if (!judging(ctx).switchesTo(p, Mode.PIPELINE)) {
        return true;
      }
      boolean valid = true;
      for (String f : List.of(UpdateAssistantPatch.TTS_MODEL, UpdateAssistantPatch.TTS_CONFIG)) {
        if (!p.sent(f)) {
          refuse(ctx, f, "is required when switching to pipeline mode");
          valid = false;
        }
      }
      return valid;
    }
  }

  /** Checks {@link RealtimeSwitchNeedsLlmConfig}. */
  public static final class RealtimeSwitchValidator
      implements ConstraintValidator<RealtimeSwitchNeedsLlmConfig, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      if (judging(ctx).switchesTo(p, Mode.REALTIME) && !p.sent(UpdateAssistantPatch.LLM_CONFIG)) {
        refuse(ctx, UpdateAssistantPatch.LLM_CONFIG, "is required when switching to realtime mode");
        return false;
      }
      return true;
    }
  }

  /** Checks {@link CrossModeFields}. */
  public static final class CrossModeValidator
      implements ConstraintValidator<CrossModeFields, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      Mode after = judging(ctx).after(p);
      List<String> foreign =
          after == Mode.REALTIME
              ? List.of(UpdateAssistantPatch.TTS_MODEL, UpdateAssistantPatch.TTS_CONFIG)
              : List.of(UpdateAssistantPatch.LLM_CONFIG);
      boolean valid = true;
      for (String f : foreign) {
        if (p.sent(f)) {
          refuse(ctx, f, "does not apply to an assistant in " + after.wire() + " mode");
          valid = false;
        }
      }
      return valid;
    }
  }

  /** Checks {@link NoUnknownFields}. */
  public static final class NoUnknownValidator
      implements ConstraintValidator<NoUnknownFields, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      for (String f : p.unknownMembers().keySet()) {
        refuse(ctx, f, "is not a field of this operation");
      }
      return p.unknownMembers().isEmpty();
    }
  }

  /** Checks {@link NoExplicitNulls}. */
  public static final class NoNullsValidator
      implements ConstraintValidator<NoExplicitNulls, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      boolean valid = true;
      for (Map.Entry<String, Object> e : p.values().entrySet()) {
        if (e.getValue() == null) {
          refuse(ctx, e.getKey(), "must not be null");
          valid = false;
        }
      }
      return valid;
    }
  }

  /** Checks {@link NotEmpty}. */
  public static final class NotEmptyValidator
      implements ConstraintValidator<NotEmpty, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      if (p.values().values().stream().allMatch(v -> v == Absent.VALUE)) {
        refuse(ctx, null, "nothing to update: send at least one field");
        return false;
      }
      return true;
    }
  }

  /** Checks {@link Requires}. */
  public static final class RequiresValidator
      implements ConstraintValidator<Requires, UpdateAssistantPatch> {
    private String field;

    @Override
    public void initialize(Requires annotation) {
      field = annotation.field();
    }

    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      if (!p.sent(field)) {
        refuse(ctx, field, "is required");
        return false;
      }
      return true;
    }
  }

  /** Checks {@link SpeaksFirstRealtimeOnly}. */
  public static final class SpeaksFirstValidator
      implements ConstraintValidator<SpeaksFirstRealtimeOnly, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      if (p.value(UpdateAssistantPatch.INTERACTION) instanceof Map<?, ?> m
          && m.containsKey(UpdateAssistantPatch.SPEAKS_FIRST)
          && judging(ctx).after(p) == Mode.PIPELINE) {
        refuse(ctx, UpdateAssistantPatch.INTERACTION, "speaks_first is only supported in realtime");
        return false;
      }
      return true;
    }
  }

  /** Checks {@link StartInstructionNeedsSpeaksFirst}. */
  public static final class StartInstructionValidator
      implements ConstraintValidator<StartInstructionNeedsSpeaksFirst, UpdateAssistantPatch> {
    @Override
    public boolean isValid(UpdateAssistantPatch p, ConstraintValidatorContext ctx) {
      if (p.sent(UpdateAssistantPatch.START_INSTRUCTION) && !Boolean.TRUE.equals(p.speaksFirst())) {
        refuse(
            ctx,
            UpdateAssistantPatch.START_INSTRUCTION,
            "needs assistant_interaction_config.speaks_first=true in the same request");
        return false;
      }
      return true;
    }
  }
}
