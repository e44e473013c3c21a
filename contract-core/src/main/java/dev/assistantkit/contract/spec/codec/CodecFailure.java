package dev.assistantkit.contract.spec.codec;

/**
 * The package's own way out of deep parsing code: thrown where client input turns out malformed and
 * caught at every public entry, which turns it into a {@link CodecProblem}. It never leaves the
 * package and carries no stack trace.
 */
final class CodecFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient CodecProblem problem;

  CodecFailure(ProblemKind kind, String pointer, String detail) {
    super(detail, null, false, false);
    this.problem = new CodecProblem(kind, pointer, detail);
  }

  CodecProblem problem() {
    return problem;
  }
}
