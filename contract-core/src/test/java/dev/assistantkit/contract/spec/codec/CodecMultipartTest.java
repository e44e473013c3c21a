package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertSameValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.spec.SpecDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/** multipart/form-data bodies on the corpus's real media types: files, fields, encodings. */
class CodecMultipartTest {

  static final String UPLOADS = "readme-file-uploads-3.0/file-uploads.yaml";

  static MultipartCodec codec(String document, String pointer) {
    SpecDocument spec = CodecFixtures.corpus(document);
    return MultipartCodec.of(spec, spec.require(pointer));
  }

  static MultipartCodec uploads(String method) {
    return codec(
        UPLOADS,
        "#/paths/~1anything~1multipart-formdata/"
            + method
            + "/requestBody/content/multipart~1form-data");
  }

  /** Text with LF line ends turned into CRLF, as multipart needs; bytes as ISO-8859-1. */
  static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Every byte value, and the delimiter's beginnings that are not the delimiter. */
  static byte[] binary() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 256; i++) {
      out.write(i);
    }
    // near misses of the delimiter CRLF--XyZ, which a sender must never put in a part (RFC 2046)
    out.writeBytes(
        "\r\n-\r\n--Xy\r--XyZ\n--XyZ x--XyZ\r\r\n--X".getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  @Test
  void a_file_stands_as_a_descriptor_and_keeps_its_bytes_while_fields_are_coerced() {
    byte[] png = binary();
    byte[] body =
        concat(
            crlf(
                """
                This is the preamble, ignored.
                --XyZ
                Content-Disposition: form-data; name="orderId"

                12
                --XyZ\t\s
                content-disposition: form-data; name=userId

                34
                --XyZ
                Content-Disposition: form-data; name="documentFile"; filename="a \\"b\\".png"
                Content-Type: image/png

                """),
            png,
            crlf(
                """

                --XyZ--
                This is the epilogue, ignored.
                --XyZ
                """));
    MultipartResult r = uploads("post").decode("multipart/form-data; boundary=\"XyZ\"", body);
    JsonNode v = decodedValue(r.result(), "uploads");
    assertEquals(json("12"), v.get("orderId"));
    assertEquals(json("34"), v.get("userId"));
    assertEquals(
        "<file: " + png.length + " bytes, image/png, \"a \"b\".png\">",
        v.get("documentFile").stringValue());
    assertEquals(3, r.parts().size());
    assertArrayEquals(png, r.parts().get(2).bytes());
    assertEquals(Optional.of("a \"b\".png"), r.parts().get(2).filename());
  }

  @Test
  void repeated_file_parts_are_an_array_when_the_schema_says_array() {
    MultipartCodec c = uploads("put");
    MultipartBody body =
        c.encode(
            json("{}"),
            List.of(
                FormPart.file(
                    "filename", "one.txt", "text/plain", "1".getBytes(StandardCharsets.UTF_8)),
                FormPart.file(
                    "filename", "two.bin", "application/octet-stream", new byte[] {0, 1, 2})));
    MultipartResult r = c.decode(body.contentType(), body.bytes());
    assertEquals(
        json(
            "{\"filename\":[\"<file: 1 bytes, text/plain, \\\"one.txt\\\">\",\"<file: 3 bytes, application/octet-stream, \\\"two.bin\\\">\"]}"),
        decodedValue(r.result(), "files"));
    assertArrayEquals(new byte[] {0, 1, 2}, r.parts().get(1).bytes());
  }

  @Test
  void a_json_encoded_string_field_stays_a_string_and_a_json_object_field_is_parsed() {
    MultipartCodec resend =
        codec(
            "resend-api/resend.yaml",
            "#/paths/~1contacts~1imports/post/requestBody/content/multipart~1form-data");
    MultipartBody body =
        resend.encode(
            json("{\"column_map\":\"{\\\"email\\\":\\\"Email\\\"}\",\"on_conflict\":\"skip\"}"),
            List.of(
                FormPart.file(
                    "file",
                    "c.csv",
                    "text/csv",
                    "Email\na@b.c\n".getBytes(StandardCharsets.UTF_8))));
    JsonNode v = decodedValue(resend.decode(body.contentType(), body.bytes()).result(), "resend");
    assertEquals(json("\"{\\\"email\\\":\\\"Email\\\"}\""), v.get("column_map"));
    assertTrue(v.get("file").stringValue().startsWith("<file: 12 bytes, text/csv"));
    MultipartCodec styled =
        codec(
            "readme-parameters-style-3.0/parameters-style.yaml",
            "#/paths/~1anything~1form-data/post/requestBody/content/multipart~1form-data");
    byte[] raw =
        crlf(
            """
            --b
            Content-Disposition: form-data; name="object"
            Content-Type: application/json

            {"foo":"x","bar":"y"}
            --b--
            """);
    assertEquals(
        json("{\"object\":{\"foo\":\"x\",\"bar\":\"y\"}}"),
        decodedValue(styled.decode("multipart/form-data; boundary=b", raw).result(), "json part"));
  }

  @Test
  void deepl_reads_a_document_upload_with_repeated_glossary_ids() {
    MultipartCodec deepl =
        codec(
            "deepl-api/openapi.yaml",
            "#/paths/~1v2~1document/post/requestBody/content/multipart~1form-data");
    byte[] raw =
        crlf(
            """
            --b
            Content-Disposition: form-data; name="target_lang"

            DE
            --b
            Content-Disposition: form-data; name="glossary_ids"

            g1
            --b
            Content-Disposition: form-data; name="glossary_ids"

            g2
            --b
            Content-Disposition: form-data; name="file"; filename*=UTF-8''%E2%82%AC%20rates.docx; filename="rates.docx"
            Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document

            PK
            --b--
            """);
    MultipartResult r = deepl.decode("multipart/form-data; boundary=b", raw);
    JsonNode v = decodedValue(r.result(), "deepl");
    assertEquals(json("[\"g1\",\"g2\"]"), v.get("glossary_ids"));
    assertEquals(Optional.of("€ rates.docx"), r.parts().get(3).filename());
  }

  @Test
  void a_split_document_is_read_as_the_bundled_tree_it_loads_as() {
    SpecDocument spec =
        SpecDocument.fromFile(CodecFixtures.CORPUS.resolve("redocly-cafe-starter/openapi.yaml"));
    JsonNode mediaType =
        spec.require(
            spec.locate("#/paths/~1menu") + "/post/requestBody/content/multipart~1form-data");
    MultipartCodec cafe = MultipartCodec.of(spec, mediaType);
    for (JsonNode example : mediaType.path("examples")) {
      JsonNode value = example.get("value");
      MultipartBody body = cafe.encode(value, List.of());
      assertSameValue(
          value,
          decodedValue(cafe.decode(body.contentType(), body.bytes()).result(), "cafe"),
          "cafe");
    }
    MultipartBody withPhoto =
        cafe.encode(
            json("{\"name\":\"Tea\",\"price\":\"300\"}"),
            List.of(FormPart.file("photo", "t.jpg", "image/jpeg", new byte[] {1})));
    assertEquals(
        json(
            "{\"name\":\"Tea\",\"price\":300,\"photo\":\"<file: 1 bytes, image/jpeg, \\\"t.jpg\\\">\"}"),
        decodedValue(cafe.decode(withPhoto.contentType(), withPhoto.bytes()).result(), "photo"));
  }

  @Test
  void encoding_styles_apply_to_multipart_in_3_1_and_not_in_3_0() {
    String at = "#/paths/~1anything~1form-data~1form/post/requestBody/content/multipart~1form-data";
    JsonNode value =
        json(
            "{\"primitive\":\"p\",\"array\":[\"a\",\"b\"],\"object\":{\"foo\":\"x\",\"bar\":\"y\"}}");
    MultipartBody v30 =
        codec("readme-parameters-style-3.0/parameters-style.yaml", at).encode(value, List.of());
    MultipartBody v31 =
        codec("readme-parameters-style-3.1/parameters-style.yaml", at).encode(value, List.of());
    String text30 = new String(v30.bytes(), StandardCharsets.UTF_8);
    String text31 = new String(v31.bytes(), StandardCharsets.UTF_8);
    assertTrue(
        text30.contains("name=\"array\"\r\n\r\na\r\n")
            && text30.contains("{\"foo\":\"x\",\"bar\":\"y\"}"),
        text30);
    assertTrue(
        text31.contains("name=\"array\"\r\n\r\na,b\r\n")
            && text31.contains("name=\"object\"\r\n\r\nfoo,x,bar,y\r\n"),
        text31);
  }

  @TestFactory
  Stream<DynamicTest> every_multipart_media_type_of_readme_parameters_style_round_trips() {
    return Stream.of(
            "readme-parameters-style-3.0/parameters-style.yaml",
            "readme-parameters-style-3.1/parameters-style.yaml")
        .flatMap(
            d -> {
              SpecDocument spec = CodecFixtures.corpus(d);
              return spec.expand("#/paths/*/*/requestBody/content/multipart~1form-data").stream()
                  .map(
                      at ->
                          DynamicTest.dynamicTest(
                              d + " " + at,
                              () -> {
                                MultipartCodec c = MultipartCodec.of(spec, spec.require(at));
                                JsonNode declared =
                                    spec.require(at).path("schema").path("properties");
                                JsonNode encoding = spec.require(at).path("encoding");
                                for (int seed = 0; seed < 50; seed++) {
                                  JsonNode value =
                                      sample(declared, encoding, new CodecValues(seed));
                                  MultipartBody body = c.encode(value, List.of());
                                  assertTrue(body.ok(), body.problems().toString());
                                  assertSameValue(
                                      value,
                                      decodedValue(
                                          c.decode(body.contentType(), body.bytes()).result(),
                                          at + " " + value),
                                      at);
                                }
                              }));
            });
  }

  /**
   * A value for readme's primitive/array/object properties; deepObject only carries the object
   * (readme marks the others "unsupported": a deepObject primitive is refused, see below).
   */
  private static JsonNode sample(JsonNode properties, JsonNode encoding, CodecValues g) {
    var o = dev.assistantkit.contract.spec.JsonMappers.plain().createObjectNode();
    CodecValues.Limits item = new CodecValues.Limits(false, ", |");
    boolean deep = encoding.path("object").path("style").asString("").equals("deepObject");
    if (properties.has("primitive") && !deep) {
      o.put("primitive", g.text(CodecValues.Limits.NONE));
    }
    if (!deep) {
      o.set(
          "array",
          g.array(
              3,
              () -> tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(g.text(item))));
    }
    var object = o.putObject("object");
    object.put("foo", g.text(item));
    object.put("bar", g.text(item));
    return o;
  }

  @Test
  void a_deep_object_encoding_of_a_primitive_is_refused_in_3_1_and_ignored_in_3_0() {
    // readme's 3.1 document puts this request body on a GET, its 3.0 twin on a POST
    String at =
        "#/paths/~1anything~1form-data~1deepObject/*/requestBody/content/multipart~1form-data";
    String at31 =
        CodecFixtures.corpus("readme-parameters-style-3.1/parameters-style.yaml").expand(at).get(0);
    String at30 =
        CodecFixtures.corpus("readme-parameters-style-3.0/parameters-style.yaml").expand(at).get(0);
    JsonNode value = json("{\"primitive\":\"p\"}");
    MultipartBody v31 =
        codec("readme-parameters-style-3.1/parameters-style.yaml", at31).encode(value, List.of());
    assertEquals(ProblemKind.UNREPRESENTABLE, v31.problems().get(0).kind());
    assertEquals("/primitive", v31.problems().get(0).pointer());
    assertTrue(
        codec("readme-parameters-style-3.0/parameters-style.yaml", at30)
            .encode(value, List.of())
            .ok());
  }

  @Test
  void the_encoder_is_deterministic_and_its_boundary_is_not_in_the_content() {
    MultipartCodec c = uploads("post");
    JsonNode v = json("{\"orderId\":1,\"userId\":2}");
    List<FormPart> files =
        List.of(FormPart.file("documentFile", "x.bin", "application/octet-stream", binary()));
    MultipartBody a = c.encode(v, files);
    MultipartBody b = c.encode(v, files);
    assertArrayEquals(a.bytes(), b.bytes());
    assertEquals(a.contentType(), b.contentType());
    String boundary = MultipartCodec.boundary(a.contentType()).orElseThrow();
    assertTrue(boundary.startsWith("kit-") && boundary.length() == 36, boundary);
    MultipartResult r = c.decode(a.contentType(), a.bytes());
    assertArrayEquals(binary(), r.parts().get(2).bytes());
  }

  @Test
  void a_stream_is_read_in_any_chunking_and_not_past_its_closing_boundary() {
    byte[] body =
        concat(
            crlf(
                """
                --b
                Content-Disposition: form-data; name="orderId"

                7
                --b--
                """),
            new byte[1 << 20]);
    CountingStream oneByteAtATime = new CountingStream(body, 1);
    MultipartResult r = uploads("post").decode("multipart/form-data; boundary=b", oneByteAtATime);
    assertEquals(json("{\"orderId\":7}"), decodedValue(r.result(), "chunked"));
    assertTrue(oneByteAtATime.read < 100, "read " + oneByteAtATime.read + " bytes");
  }

  /** An input stream that hands out at most {@code chunk} bytes per read and counts them. */
  static final class CountingStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int chunk;
    long read;

    CountingStream(byte[] bytes, int chunk) {
      this.in = new ByteArrayInputStream(bytes);
      this.chunk = chunk;
    }

    @Override
    public int read() {
      int b = in.read();
      read += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = in.read(b, off, Math.min(len, chunk));
      read += Math.max(n, 0);
      return n;
    }
  }
}
