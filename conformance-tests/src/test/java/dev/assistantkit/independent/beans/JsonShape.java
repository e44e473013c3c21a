package dev.assistantkit.independent.beans;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Field constraints on the raw JSON values of {@link UpdateAssistantPatch}: the body is bound
 * untyped (String, Boolean, Number, Map, List or null), so a wrong JSON type reaches validation
 * instead of being coerced by Jackson, and {@link Absent#VALUE} (not sent) passes every field
 * constraint.
 */
public final class JsonShape {
  private JsonShape() {}

  /** The JSON types the page names. */
  public enum Type {
    STRING,
    BOOLEAN,
    OBJECT;

    boolean holds(Object v) {
      return switch (this) {
        case STRING -> v instanceof String;
        case BOOLEAN -> v instanceof Boolean;
        case OBJECT -> v instanceof Map;
      };
    }

    static String of(Object v) {
      if (v == null) {
        return "null";
      } else if (v instanceof String) {
        return "string";
      } else if (v instanceof Boolean) {
        return "boolean";
      } else if (v instanceof Number) {
        return "number";
      } else if (v instanceof Map) {
        return "object";
      } else if (v instanceof List) {
        return "array";
      }
      return v.getClass().getSimpleName();
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The value, when sent, is of this JSON type; {@code nullable} lets an explicit null pass. */
  @Target(FIELD)
  @Retention(RUNTIME)
  @Constraint(validatedBy = KindValidator.class)
  public @interface Kind {
    Type value();

    boolean nullable() default false;

    String message() default "must be a JSON {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** The value, when it is a string, is one of these (exactly, or ignoring case). */
  @Target(FIELD)
  @Retention(RUNTIME)
  @Repeatable(OneOfs.class)
  @Constraint(validatedBy = OneOfValidator.class)
  public @interface OneOf {
    String[] value();

    boolean ignoreCase() default false;

    String message() default "'${validatedValue}' is not one of {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Container of {@link OneOf}. */
  @Target(FIELD)
  @Retention(RUNTIME)
  public @interface OneOfs {
    OneOf[] value();
  }

  /** The value, when it is an object, has this member of this type (or may lack it). */
  @Target(FIELD)
  @Retention(RUNTIME)
  @Repeatable(Members.class)
  @Constraint(validatedBy = MemberValidator.class)
  public @interface Member {
    String name();

    Type type();

    boolean required() default true;

    boolean nullable() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Container of {@link Member}. */
  @Target(FIELD)
  @Retention(RUNTIME)
  public @interface Members {
    Member[] value();
  }

  /** Checks {@link Kind}. */
  public static final class KindValidator implements ConstraintValidator<Kind, Object> {
    private Kind kind;

    @Override
    public void initialize(Kind annotation) {
      kind = annotation;
    }

    @Override
    public boolean isValid(Object v, ConstraintValidatorContext ctx) {
      if (v == Absent.VALUE || (v == null && kind.nullable()) || kind.value().holds(v)) {
        return true;
      }
      ctx.disableDefaultConstraintViolation();
      ctx.buildConstraintViolationWithTemplate(
              "must be a JSON " + kind.value() + ", not " + Type.of(v))
          .addConstraintViolation();
      return false;
    }
  }

  /** Checks {@link OneOf}. */
  public static final class OneOfValidator implements ConstraintValidator<OneOf, Object> {
    private List<String> allowed;
    private boolean ignoreCase;

    @Override
    public void initialize(OneOf annotation) {
      allowed = Arrays.asList(annotation.value());
      ignoreCase = annotation.ignoreCase();
    }

    @Override
    public boolean isValid(Object v, ConstraintValidatorContext ctx) {
      if (!(v instanceof String s)) {
        return true; // not sent, null, or another type: Kind's business
      }
      return ignoreCase ? allowed.stream().anyMatch(s::equalsIgnoreCase) : allowed.contains(s);
    }
  }

  /** Checks {@link Member}. */
  public static final class MemberValidator implements ConstraintValidator<Member, Object> {
    private Member member;

    @Override
    public void initialize(Member annotation) {
      member = annotation;
    }

    @Override
    public boolean isValid(Object v, ConstraintValidatorContext ctx) {
      if (!(v instanceof Map<?, ?> object)) {
        return true; // not sent, null, or not an object: Kind's business
      }
      String problem;
      if (!object.containsKey(member.name())) {
        if (!member.required()) {
          return true;
        }
        problem = "needs member '" + member.name() + "' (a " + member.type() + ")";
      } else {
        Object m = object.get(member.name());
        if ((m == null && member.nullable()) || member.type().holds(m)) {
          return true;
        }
        problem =
            "member '"
                + member.name()
                + "' must be a JSON "
                + member.type()
                + ", not "
                + Type.of(m);
      }
      ctx.disableDefaultConstraintViolation();
      ctx.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }
  }
}
