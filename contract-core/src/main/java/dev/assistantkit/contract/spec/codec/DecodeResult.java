package dev.assistantkit.contract.spec.codec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What decoding one parameter or body gave: a value, nothing (the piece was not sent, or expands to
 * RFC 6570's "undefined"), or the problems that kept it from being read. A value and problems never
 * come together. Nothing here is thrown for client input.
 *
 * @param value the decoded value, coerced to the schema's types where the text allows it
 * @param problems why the piece could not be read; empty when it could
 */
public record DecodeResult(Optional<JsonNode> value, List<CodecProblem> problems) {

  private static final DecodeResult ABSENT = new DecodeResult(Optional.empty(), List.of());

  public DecodeResult {
    Objects.requireNonNull(value, "value");
    problems = List.copyOf(problems);
    if (value.isPresent() && !problems.isEmpty()) {
      throw new IllegalArgumentException("a decoded value comes without problems");
    }
  }

  public static DecodeResult of(JsonNode value) {
    return new DecodeResult(Optional.of(value), List.of());
  }

  /** Nothing was sent: the engine decides whether that breaks {@code required}. */
  public static DecodeResult absent() {
    return ABSENT;
  }

  public static DecodeResult failed(CodecProblem problem) {
    return new DecodeResult(Optional.empty(), List.of(problem));
  }

  static DecodeResult ofNullable(JsonNode value) {
    return value == null ? ABSENT : of(value);
  }

  /** True when the piece could be read (present or absent). */
  public boolean ok() {
    return problems.isEmpty();
  }

  public boolean present() {
    return value.isPresent();
  }
}
