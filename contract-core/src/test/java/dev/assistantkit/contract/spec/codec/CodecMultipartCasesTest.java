package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertProblem;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.contract.spec.SpecDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Multipart bodies as data: {@code
 * src/test/resources/codec/multipart/multipart-<valid|invalid>-<reason>.txt}, each with its
 * Content-Type and the value or problem it must give (format in that folder's README).
 */
class CodecMultipartCasesTest {

  static final Path CASES = Path.of("src/test/resources/codec/multipart");

  static final MultipartCodec CODEC = codec();

  private static MultipartCodec codec() {
    SpecDocument spec =
        SpecDocument.fromYaml(
            """
            openapi: 3.1.0
            mediaType:
              schema:
                type: object
                properties:
                  orderId: {type: integer}
                  note: {type: string}
                  meta: {type: object}
                  file: {type: string, format: binary}
                  tags: {type: array, items: {type: string}}
            """);
    return MultipartCodec.of(spec, spec.require("#/mediaType"));
  }

  @TestFactory
  Stream<DynamicTest> each_body_gives_its_value_or_its_problem() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("multipart-"))
          .sorted()
          .toList()
          .stream()
          .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }
  }

  private static void check(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int blank = text.indexOf("\n\n");
    String[] head = text.substring(0, blank).split("\n");
    String contentType = head[0].substring("Content-Type: ".length());
    String expect = head[1].substring("Expect: ".length());
    String body = text.substring(blank + 2);
    if (!file.getFileName().toString().contains("-lf-only-")) {
      body = body.replace("\n", "\r\n");
    }
    MultipartResult r = CODEC.decode(contentType, body.getBytes(StandardCharsets.UTF_8));
    if (expect.startsWith("value: ")) {
      assertEquals(
          json(expect.substring("value: ".length())), decodedValue(r.result(), file.toString()));
    } else {
      String[] problem = expect.substring("problem: ".length()).split(" ", 2);
      assertProblem(
          r.result(), ProblemKind.valueOf(problem[0]), problem.length > 1 ? problem[1] : "");
    }
  }
}
