package dev.assistantkit.contract.spec.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a {@code multipart/form-data} body. The boundary is {@code kit-} and 32 hex digits of the
 * SHA-256 of the parts, so the same parts always give the same bytes; should it occur in a part,
 * the next candidate is tried. Names and file names are quoted with the WHATWG escapes ({@code "}
 * as {@code %22}, CR as {@code %0D}, LF as {@code %0A}) and otherwise sent as UTF-8, as browsers
 * do.
 */
final class MultipartWriter {

  private static final byte[] CRLF = {'\r', '\n'};

  private MultipartWriter() {}

  static MultipartBody write(List<FormField> fields, List<FormPart> files) {
    List<byte[]> parts = new ArrayList<>();
    for (FormField f : fields) {
      parts.add(part(f.name(), null, f.contentType(), f.value().getBytes(StandardCharsets.UTF_8)));
    }
    for (FormPart p : files) {
      parts.add(part(p.name(), p.filename().orElse(null), p.contentType(), p.bytes()));
    }
    String boundary = boundary(parts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] dashes = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    for (byte[] p : parts) {
      out.writeBytes(dashes);
      out.writeBytes(CRLF);
      out.writeBytes(p);
      out.writeBytes(CRLF);
    }
    out.writeBytes(dashes);
    out.writeBytes("--".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(CRLF);
    return new MultipartBody(
        "multipart/form-data; boundary=" + boundary, out.toByteArray(), List.of());
  }

  private static byte[] part(String name, String filename, String contentType, byte[] body) {
    StringBuilder h =
        new StringBuilder("Content-Disposition: form-data; name=\"")
            .append(quote(name))
            .append('"');
    if (filename != null) {
      h.append("; filename=\"").append(quote(filename)).append('"');
    }
    h.append("\r\n");
    if (contentType != null) {
      h.append("Content-Type: ").append(contentType).append("\r\n");
    }
    h.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static String quote(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String boundary(List<byte[]> parts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    for (byte[] p : parts) {
      sha.update(p);
      sha.update((byte) 0);
    }
    byte[] seed = sha.digest();
    for (int attempt = 0; ; attempt++) {
      sha.update(seed);
      sha.update(Integer.toString(attempt).getBytes(StandardCharsets.US_ASCII));
      String candidate = "kit-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
      byte[] needle = ("--" + candidate).getBytes(StandardCharsets.US_ASCII);
      if (parts.stream().noneMatch(p -> contains(p, needle))) {
        return candidate;
      }
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
