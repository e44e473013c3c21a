package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertProblem;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.spec.OpenApiVersion;
import dev.assistantkit.contract.spec.codec.CodecMultipartTest.CountingStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile multipart bodies end in a problem after reading a bounded number of bytes: the bound is
 * shown by counting the bytes the parser took from the stream, never by a clock.
 */
class CodecMultipartHostileTest {

  private static final int MB = 1 << 20;

  /** The parser reads through an 8 KiB buffer: it may take that much beyond where it stops. */
  private static final int BUFFER = 8192;

  static final String TYPE = "multipart/form-data; boundary=b";

  static MultipartCodec codec(CodecSettings settings) {
    return MultipartCodec.of(
        json(
            """
            {"schema":{"type":"object","properties":{"note":{"type":"string"},"n":{"type":"integer"}}}}
            """),
        n -> n,
        settings,
        OpenApiVersion.V3_1);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void a_megabyte_header_line_stops_at_the_header_bound() {
    byte[] body =
        ascii(
            "--b\r\nContent-Disposition: form-data; name=\""
                + "x".repeat(MB)
                + "\"\r\n\r\nv\r\n--b--\r\n");
    CountingStream in = new CountingStream(body, BUFFER);
    CodecSettings s = CodecSettings.defaults();
    assertProblem(codec(s).decode(TYPE, in).result(), ProblemKind.PART_HEADER, "");
    assertTrue(in.read <= s.maxPartHeaderBytes() + 5 + BUFFER, "read " + in.read);
  }

  @Test
  void ten_thousand_parts_stop_at_the_part_bound() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      out.writeBytes(
          ascii("--b\r\nContent-Disposition: form-data; name=\"n" + i + "\"\r\n\r\nv\r\n"));
    }
    out.writeBytes(ascii("--b--\r\n"));
    byte[] body = out.toByteArray();
    CountingStream in = new CountingStream(body, BUFFER);
    CodecSettings s = CodecSettings.defaults();
    assertProblem(codec(s).decode(TYPE, in).result(), ProblemKind.TOO_MANY_PARTS, "");
    long perPart = body.length / 10_000 + 1;
    assertTrue(
        in.read <= (s.maxParts() + 1) * perPart + BUFFER, "read " + in.read + " of " + body.length);
  }

  @Test
  void a_body_longer_than_the_bound_stops_there() {
    byte[] body =
        ascii(
            "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "x".repeat(MB)
                + "\r\n--b--\r\n");
    CountingStream in = new CountingStream(body, BUFFER);
    CodecSettings s = CodecSettings.defaults().withMaxBodyBytes(64 * 1024);
    assertProblem(codec(s).decode(TYPE, in).result(), ProblemKind.TOO_LARGE, "");
    assertTrue(in.read <= s.maxBodyBytes() + 1, "read " + in.read);
  }

  @Test
  void a_megabyte_of_near_miss_delimiters_is_scanned_once_and_refused_at_its_end() {
    byte[] body =
        ascii(
            "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "\r\n-\r\n--\r\n--a".repeat(MB / 14));
    CountingStream in = new CountingStream(body, BUFFER);
    assertProblem(
        codec(CodecSettings.defaults()).decode(TYPE, in).result(),
        ProblemKind.MULTIPART_STRUCTURE,
        "");
    assertEquals(body.length, in.read);
  }

  @Test
  void a_megabyte_of_padding_after_a_boundary_stops_early() {
    byte[] body = ascii("--b" + " ".repeat(MB) + "\r\n");
    CountingStream in = new CountingStream(body, BUFFER);
    assertProblem(
        codec(CodecSettings.defaults()).decode(TYPE, in).result(),
        ProblemKind.MULTIPART_STRUCTURE,
        "");
    assertTrue(in.read <= 2 * BUFFER, "read " + in.read);
  }

  @Test
  void a_megabyte_of_bare_boundaries_stops_at_the_first_part_without_headers() {
    byte[] body = ascii("--b\r\n".repeat(MB / 5));
    assertProblem(
        codec(CodecSettings.defaults()).decode(TYPE, body).result(), ProblemKind.PART_HEADER, "");
  }

  @Test
  void text_that_is_not_utf8_is_refused_and_a_declared_charset_is_honoured() {
    byte[] head = ascii("--b\r\nContent-Disposition: form-data; name=\"note\"\r\n");
    byte[] bad =
        concat(head, ascii("\r\n"), new byte[] {(byte) 0xC3, (byte) 0x28}, ascii("\r\n--b--\r\n"));
    assertProblem(
        codec(CodecSettings.defaults()).decode(TYPE, bad).result(),
        ProblemKind.INVALID_TEXT,
        "/note");
    byte[] latin1 =
        concat(
            head,
            ascii("Content-Type: text/plain; charset=ISO-8859-1\r\n\r\n"),
            new byte[] {'c', 'a', 'f', (byte) 0xE9},
            ascii("\r\n--b--\r\n"));
    assertEquals(
        json("{\"note\":\"café\"}"),
        decodedValue(codec(CodecSettings.defaults()).decode(TYPE, latin1).result(), "latin1"));
    byte[] charsetField =
        concat(
            ascii(
                "--b\r\nContent-Disposition: form-data; name=\"_charset_\"\r\n\r\nISO-8859-1\r\n"),
            head,
            ascii("\r\n"),
            new byte[] {'c', 'a', 'f', (byte) 0xE9},
            ascii("\r\n--b--\r\n"));
    assertEquals(
        json("{\"note\":\"café\",\"_charset_\":\"ISO-8859-1\"}"),
        decodedValue(
            codec(CodecSettings.defaults()).decode(TYPE, charsetField).result(), "_charset_"));
  }

  static byte[] concat(byte[]... parts) {
    return CodecMultipartTest.concat(parts);
  }
}
