package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.Headers;
import java.util.Objects;
import java.util.Optional;

/**
 * One part of a {@code multipart/form-data} body: what the parser read (every part, files and text
 * alike, with its raw bytes).
 *
 * <p>The byte array is the part's own and is not copied: do not change it.
 *
 * @param name the {@code name} of its {@code Content-Disposition: form-data}
 * @param filename its {@code filename} ({@code filename*} when both are sent, as RFC 6266 prefers)
 * @param contentType its Content-Type, {@code text/plain} when it has none (RFC 7578 section 4.4)
 * @param headers all its headers, as sent
 * @param bytes its body, raw
 */
public record FormPart(
    String name, Optional<String> filename, String contentType, Headers headers, byte[] bytes) {

  static final int PLACEHOLDER_NAME_LENGTH = 64;

  public FormPart {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(bytes, "bytes");
  }

  /**
   * What a file part stands as in the decoded JSON object, where its schema wants a string: a short
   * descriptor such as {@code <file: 1234 bytes, image/png, "cat.png">}, never the bytes themselves
   * (binary bytes read as text would be neither faithful nor small). The bytes stay in {@link
   * #bytes()}. The filename is cut to {@value #PLACEHOLDER_NAME_LENGTH} characters.
   */
  public String placeholder() {
    StringBuilder out = new StringBuilder("<file: ").append(bytes.length).append(" bytes, ");
    out.append(MediaTypes.essence(contentType));
    filename.ifPresent(
        f ->
            out.append(", \"")
                .append(
                    f.length() > PLACEHOLDER_NAME_LENGTH
                        ? f.substring(0, PLACEHOLDER_NAME_LENGTH)
                        : f)
                .append('"'));
    return out.append('>').toString();
  }

  @Override
  public String toString() {
    return "FormPart[" + name + ", " + contentType + ", " + bytes.length + " bytes]";
  }
}
