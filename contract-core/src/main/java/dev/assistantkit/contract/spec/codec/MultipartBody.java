package dev.assistantkit.contract.spec.codec;

import java.util.List;
import java.util.Objects;

/**
 * An encoded multipart body: its Content-Type (with the boundary) and its bytes, or why it could
 * not be written. The boundary is derived from the content, so the same input gives the same bytes.
 *
 * @param contentType {@code multipart/form-data; boundary=...}; empty on problems
 * @param bytes the body; empty on problems
 * @param problems why a value could not be written
 */
public record MultipartBody(String contentType, byte[] bytes, List<CodecProblem> problems) {

  public MultipartBody {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(bytes, "bytes");
    problems = List.copyOf(problems);
  }

  static MultipartBody failed(CodecProblem problem) {
    return new MultipartBody("", new byte[0], List.of(problem));
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
