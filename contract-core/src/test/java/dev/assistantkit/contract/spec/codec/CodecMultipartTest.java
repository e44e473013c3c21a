package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertProblem;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
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
    byte[] raw =
        crlf(
            """
            --b
            Content-Disposition: form-data; name="filename"; filename="one.txt"
            Content-Type: text/plain

            1
            --b
            Content-Disposition: form-data; name="filename"; filename="two.bin"
            Content-Type: application/octet-stream

            012
            --b--
            """);
    MultipartResult r = uploads("put").decode("multipart/form-data; boundary=b", raw);
    assertEquals(
        json(
            "{\"filename\":[\"<file: 1 bytes, text/plain, \\\"one.txt\\\">\",\"<file: 3 bytes, application/octet-stream, \\\"two.bin\\\">\"]}"),
        decodedValue(r.result(), "files"));
    assertArrayEquals("012".getBytes(StandardCharsets.US_ASCII), r.parts().get(1).bytes());
  }

  @Test
  void a_json_encoded_string_field_stays_a_string_and_a_json_object_field_is_parsed() {
    MultipartCodec resend =
        codec(
            "resend-api/resend.yaml",
            "#/paths/~1contacts~1imports/post/requestBody/content/multipart~1form-data");
    byte[] upload =
        crlf(
            """
            --b
            Content-Disposition: form-data; name="column_map"

            {"email":"Email"}
            --b
            Content-Disposition: form-data; name="on_conflict"

            skip
            --b
            Content-Disposition: form-data; name="file"; filename="c.csv"
            Content-Type: text/csv

            Email a@b.c
            --b--
            """);
    JsonNode v =
        decodedValue(resend.decode("multipart/form-data; boundary=b", upload).result(), "resend");
    assertEquals(json("\"{\\\"email\\\":\\\"Email\\\"}\""), v.get("column_map"));
    assertTrue(v.get("file").stringValue().startsWith("<file: 11 bytes, text/csv"));
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
    byte[] raw =
        crlf(
            """
            --b
            Content-Disposition: form-data; name="name"

            Tea
            --b
            Content-Disposition: form-data; name="price"

            300
            --b
            Content-Disposition: form-data; name="photo"; filename="t.jpg"
            Content-Type: image/jpeg

            x
            --b--
            """);
    assertEquals(
        json(
            "{\"name\":\"Tea\",\"price\":300,\"photo\":\"<file: 1 bytes, image/jpeg, \\\"t.jpg\\\">\"}"),
        decodedValue(cafe.decode("multipart/form-data; boundary=b", raw).result(), "photo"));
  }

  @Test
  void encoding_styles_apply_to_multipart_in_3_1_and_not_in_3_0() {
    String at = "#/paths/~1anything~1form-data~1form/post/requestBody/content/multipart~1form-data";
    byte[] raw =
        crlf(
            """
            --b
            Content-Disposition: form-data; name="array"

            a,b
            --b
            Content-Disposition: form-data; name="object"

            foo,x,bar,y
            --b--
            """);
    String type = "multipart/form-data; boundary=b";
    // 3.0 ignores the styles: the array is its parts, the object a JSON part (and this is not JSON)
    MultipartCodec v30 = codec("readme-parameters-style-3.0/parameters-style.yaml", at);
    assertProblem(v30.decode(type, raw).result(), ProblemKind.CONTENT_SYNTAX, "/object");
    byte[] arrayOnly = crlf("--b\nContent-Disposition: form-data; name=\"array\"\n\na,b\n--b--\n");
    assertEquals(
        json("{\"array\":[\"a,b\"]}"), decodedValue(v30.decode(type, arrayOnly).result(), "3.0"));
    assertEquals(
        json("{\"array\":[\"a\",\"b\"],\"object\":{\"foo\":\"x\",\"bar\":\"y\"}}"),
        decodedValue(
            codec("readme-parameters-style-3.1/parameters-style.yaml", at)
                .decode(type, raw)
                .result(),
            "3.1"));
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
