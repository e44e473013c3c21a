package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A part's header block: lines of {@code Name: value} (a line starting with whitespace continues
 * the one before, RFC 5322 folding), read as UTF-8 when they are (browsers send raw UTF-8 file
 * names) and as ISO-8859-1 otherwise. {@code Content-Disposition: form-data} with a {@code name} is
 * required (RFC 7578 section 4.2).
 *
 * <p>Names and file names have the three escapes browsers apply undone ({@code %22}, {@code %0D},
 * {@code %0A}: the WHATWG multipart/form-data encoding); a {@code filename*} (RFC 8187 ext-value,
 * which RFC 7578 discourages but clients still send) wins over {@code filename} when it decodes.
 */
final class PartHeaders {

  private PartHeaders() {}

  static String line(ByteArrayOutputStream bytes) {
    byte[] b = bytes.toByteArray();
    return dev.assistantkit.contract.spec.Utf8.decode(b)
        .orElseGet(() -> new String(b, StandardCharsets.ISO_8859_1));
  }

  /** The part of a header block and body. */
  static FormPart part(List<String> lines, byte[] body) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (String line : lines) {
      if (!entries.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
        Map.Entry<String, String> last = entries.remove(entries.size() - 1);
        entries.add(Map.entry(last.getKey(), last.getValue() + " " + line.strip()));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new CodecFailure(ProblemKind.PART_HEADER, "", "a part header line has no name");
      }
      entries.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
    }
    Headers headers = Headers.of(entries);
    String disposition =
        headers
            .first("Content-Disposition")
            .orElseThrow(
                () ->
                    new CodecFailure(
                        ProblemKind.PART_HEADER, "", "a part has no Content-Disposition"));
    if (!MediaTypes.essence(disposition).equals("form-data")) {
      throw new CodecFailure(
          ProblemKind.PART_HEADER, "", "a part is not Content-Disposition: form-data");
    }
    String name =
        MediaTypes.parameter(disposition, "name")
            .map(PartHeaders::unescape)
            .orElseThrow(
                () ->
                    new CodecFailure(ProblemKind.PART_HEADER, "", "a form-data part has no name"));
    Optional<String> filename =
        MediaTypes.parameter(disposition, "filename*")
            .flatMap(PartHeaders::extValue)
            .or(() -> MediaTypes.parameter(disposition, "filename").map(PartHeaders::unescape));
    String contentType = headers.first("Content-Type").orElse("text/plain");
    return new FormPart(name, filename, contentType, headers, body);
  }

  private static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    return s.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
  }

  /** {@code charset'language'percent-encoded} (RFC 8187); empty when it does not decode. */
  static Optional<String> extValue(String v) {
    int first = v.indexOf('\'');
    int second = first < 0 ? -1 : v.indexOf('\'', first + 1);
    if (second < 0) {
      return Optional.empty();
    }
    String charset = v.substring(0, first);
    String encoded = v.substring(second + 1);
    try {
      if (charset.equalsIgnoreCase("UTF-8")) {
        return Optional.of(Percent.decode(encoded, false, ""));
      }
      if (charset.equalsIgnoreCase("ISO-8859-1")) {
        return Optional.of(latin1(encoded));
      }
    } catch (CodecFailure e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String latin1(String encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%'
          && i + 2 < encoded.length()
          && Percent.hex(encoded.charAt(i + 1)) >= 0
          && Percent.hex(encoded.charAt(i + 2)) >= 0) {
        out.write(Percent.hex(encoded.charAt(i + 1)) << 4 | Percent.hex(encoded.charAt(i + 2)));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(Charset.forName("ISO-8859-1"));
  }
}
