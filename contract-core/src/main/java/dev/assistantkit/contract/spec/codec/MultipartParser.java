package dev.assistantkit.contract.spec.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code multipart/form-data} body (RFC 7578 on RFC 2046 section 5.1.1), read as a stream in one
 * pass with bounded memory: the delimiter {@code CRLF--boundary} is found by a Knuth-Morris-Pratt
 * automaton, so each byte is looked at a bounded number of times and no byte is read twice; nothing
 * past the close delimiter (the epilogue) is read at all.
 *
 * <ul>
 *   <li>The preamble before the first delimiter is skipped; the first delimiter may start the body.
 *   <li>After a delimiter: {@code --} closes the body; else optional transport padding (spaces,
 *       tabs) and a line end (CRLF, or a bare LF) start a part; anything else is {@link
 *       ProblemKind#MULTIPART_STRUCTURE}.
 *   <li>Part headers end at an empty line; their block is bounded ({@link
 *       CodecSettings#maxPartHeaderBytes()}), as are the parts' count and the bytes read.
 *   <li>A body that ends before its close delimiter is {@link ProblemKind#MULTIPART_STRUCTURE}.
 *   <li>{@code Content-Transfer-Encoding} (deprecated for form-data, RFC 7578 section 4.7) is not
 *       applied: the bytes stay as sent.
 * </ul>
 */
final class MultipartParser {

  private static final int MAX_PADDING = 256;

  private final byte[] delimiter;
  private final int[] failure;
  private final CodecSettings settings;

  MultipartParser(String boundary, CodecSettings settings) {
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.failure = failure(delimiter);
    this.settings = settings;
  }

  /** KMP failure function: the longest proper prefix that is also a suffix of delimiter[0..i]. */
  private static int[] failure(byte[] pattern) {
    int[] f = new int[pattern.length];
    int k = 0;
    for (int i = 1; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) {
        k = f[k - 1];
      }
      if (pattern[i] == pattern[k]) {
        k++;
      }
      f[i] = k;
    }
    return f;
  }

  /**
   * Every part, in order.
   *
   * @throws CodecFailure for a malformed or oversized body
   * @throws UncheckedIOException when the stream fails
   */
  List<FormPart> parse(InputStream in) {
    Source src = new Source(in, settings.maxBodyBytes());
    if (!scan(src, null, 2)) {
      throw new CodecFailure(
          ProblemKind.MULTIPART_STRUCTURE, "", "the body has no opening boundary");
    }
    List<FormPart> parts = new ArrayList<>();
    while (!closes(src)) {
      if (parts.size() == settings.maxParts()) {
        throw new CodecFailure(
            ProblemKind.TOO_MANY_PARTS, "", "more than " + settings.maxParts() + " parts");
      }
      List<String> headers = headers(src);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (!scan(src, body, 0)) {
        throw new CodecFailure(
            ProblemKind.MULTIPART_STRUCTURE, "", "the body ends before its closing boundary");
      }
      parts.add(PartHeaders.part(headers, body.toByteArray()));
    }
    return parts;
  }

  /**
   * Reads up to and including the next delimiter, writing what comes before it to the sink.
   *
   * @param matched how much of the delimiter counts as seen already (2: the virtual CRLF that lets
   *     the body start with {@code --boundary})
   * @return false when the stream ended first
   */
  private boolean scan(Source src, ByteArrayOutputStream sink, int matched) {
    int m = matched;
    for (int b = src.next(); b >= 0; b = src.next()) {
      while (m > 0 && delimiter[m] != (byte) b) {
        int fallback = failure[m - 1];
        if (sink != null) {
          sink.write(delimiter, 0, m - fallback);
        }
        m = fallback;
      }
      if (delimiter[m] == (byte) b) {
        if (++m == delimiter.length) {
          return true;
        }
      } else if (sink != null) {
        sink.write(b);
      }
    }
    return false;
  }

  /** After a delimiter: true for the close delimiter, false for a part to follow. */
  private boolean closes(Source src) {
    int b = src.next();
    if (b == '-') {
      if (src.next() == '-') {
        return true;
      }
      throw structure("a boundary is followed by a single '-'");
    }
    for (int padding = 0; b == ' ' || b == '\t'; padding++) {
      if (padding == MAX_PADDING) {
        throw structure("a boundary is followed by too much padding");
      }
      b = src.next();
    }
    if (b == '\r') {
      b = src.next();
    }
    if (b != '\n') {
      throw structure(b < 0 ? "the body ends after a boundary" : "a boundary is followed by text");
    }
    return false;
  }

  private List<String> headers(Source src) {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int budget = settings.maxPartHeaderBytes();
    for (int b = src.next(); ; b = src.next()) {
      if (b < 0) {
        throw structure("the body ends inside a part's headers");
      }
      if (--budget < 0) {
        throw new CodecFailure(
            ProblemKind.PART_HEADER,
            "",
            "a part's headers are longer than " + settings.maxPartHeaderBytes() + " bytes");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = PartHeaders.line(line);
      line.reset();
      text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      if (text.isEmpty()) {
        return lines;
      }
      lines.add(text);
    }
  }

  private static CodecFailure structure(String detail) {
    return new CodecFailure(ProblemKind.MULTIPART_STRUCTURE, "", detail);
  }

  /** The body's bytes through an 8 KiB buffer, counted against the body bound. */
  private static final class Source {
    private final InputStream in;
    private final long max;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private long consumed;

    Source(InputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    int next() {
      if (position == limit && !fill()) {
        return -1;
      }
      if (++consumed > max) {
        throw new CodecFailure(
            ProblemKind.TOO_LARGE, "", "the body is longer than " + max + " bytes");
      }
      return buffer[position++] & 0xFF;
    }

    private boolean fill() {
      try {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, max + 1 - consumed)));
        if (n <= 0) {
          return false;
        }
        position = 0;
        limit = n;
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
