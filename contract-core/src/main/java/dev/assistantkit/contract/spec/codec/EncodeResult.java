package dev.assistantkit.contract.spec.codec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What encoding one value gave: its wire text, nothing to send (RFC 6570's "undefined": null, an
 * empty array or object), or why the value cannot be carried by the style.
 *
 * <p>The wire text is, by location: a path parameter's segment text (substituted for {@code
 * {name}}; always present, empty for undefined); a query parameter's pairs joined by {@code &} (no
 * leading {@code ?}); a header's value; a cookie parameter's pairs joined by {@code "; "}; a form
 * body.
 *
 * @param wire the text to put on the wire, already percent-encoded where its location needs it
 * @param problems why the value could not be written; empty when it could
 */
public record EncodeResult(Optional<String> wire, List<CodecProblem> problems) {

  private static final EncodeResult NOTHING = new EncodeResult(Optional.empty(), List.of());

  public EncodeResult {
    Objects.requireNonNull(wire, "wire");
    problems = List.copyOf(problems);
    if (wire.isPresent() && !problems.isEmpty()) {
      throw new IllegalArgumentException("an encoded value comes without problems");
    }
  }

  public static EncodeResult of(String wire) {
    return new EncodeResult(Optional.of(wire), List.of());
  }

  /** Nothing to send. */
  public static EncodeResult nothing() {
    return NOTHING;
  }

  public static EncodeResult failed(CodecProblem problem) {
    return new EncodeResult(Optional.empty(), List.of(problem));
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
