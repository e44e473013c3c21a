package dev.assistantkit.contract.spec.codec;

import java.util.List;

/**
 * A decoded multipart body: the JSON object to validate (files stand as {@link
 * FormPart#placeholder()} strings) and every part as read, raw bytes included.
 *
 * @param result the body as a JSON object, or its problems
 * @param parts every part, in order; empty when the body could not be split into parts
 */
public record MultipartResult(DecodeResult result, List<FormPart> parts) {

  public MultipartResult {
    parts = List.copyOf(parts);
  }

  static MultipartResult failed(CodecProblem problem) {
    return new MultipartResult(DecodeResult.failed(problem), List.of());
  }
}
