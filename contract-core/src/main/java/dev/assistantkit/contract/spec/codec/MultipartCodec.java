package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.OpenApiVersion;
import dev.assistantkit.contract.spec.SpecDocument;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * A {@code multipart/form-data} request body, read from its Media Type Object.
 *
 * <p>Decoding splits the body ({@link MultipartParser}: bounded, streaming, never an exception for
 * client input) and builds a JSON object of its fields:
 *
 * <ul>
 *   <li>A part is a file when its property's schema is binary ({@code format: binary}, or {@code
 *       contentMediaType} without {@code contentEncoding}) or it carries a {@code filename}; a file
 *       stands as its {@link FormPart#placeholder()} string, its bytes in {@link
 *       MultipartResult#parts()}.
 *   <li>Other parts are text in their {@code charset} (else the {@code _charset_} field's, else
 *       UTF-8, RFC 7578 section 4.6), read strictly: bytes that are not text are {@link
 *       ProblemKind#INVALID_TEXT}, an unknown charset {@link ProblemKind#CHARSET}.
 *   <li>Each property is read by its {@link FieldRule}: content-based by default (scalars coerced,
 *       repeated parts for arrays, {@code application/json} parts for objects and wherever {@code
 *       encoding.contentType} says JSON); style-based when the Encoding Object gives {@code style},
 *       {@code explode} or {@code allowReserved} and the document is 3.1 (3.0.3 and 3.0.4 say they
 *       are ignored unless the media type is application/x-www-form-urlencoded; 3.1.0 and 3.1.1
 *       apply them to multipart/form-data too), the part names and bodies then standing for a query
 *       string's names and values (OAS 3.1.1 Appendix C), without percent-decoding.
 * </ul>
 */
public final class MultipartCodec {

  private final FormRules rules;
  private final CodecSettings settings;

  private MultipartCodec(FormRules rules, CodecSettings settings) {
    this.rules = rules;
    this.settings = settings;
  }

  /**
   * @throws IllegalArgumentException when the Media Type Object is not an object, or an Encoding
   *     Object names a style that is not a query style
   */
  public static MultipartCodec of(SpecDocument spec, JsonNode mediaTypeObject) {
    return of(
        mediaTypeObject, ParameterCodec.resolverOf(spec), CodecSettings.defaults(), spec.version());
  }

  public static MultipartCodec of(
      JsonNode mediaTypeObject,
      UnaryOperator<JsonNode> resolve,
      CodecSettings settings,
      OpenApiVersion version) {
    return new MultipartCodec(
        FormRules.of(mediaTypeObject, resolve, version == OpenApiVersion.V3_1, settings), settings);
  }

  public MultipartResult decode(String contentType, byte[] body) {
    return decode(contentType, new ByteArrayInputStream(body));
  }

  /**
   * The body read from a stream: at most {@link CodecSettings#maxBodyBytes()} bytes are read, and
   * nothing after the closing boundary.
   *
   * @param contentType the request's Content-Type, whose {@code boundary} splits the body
   * @throws java.io.UncheckedIOException when the stream itself fails (not a client-input problem)
   */
  public MultipartResult decode(String contentType, InputStream body) {
    Optional<String> boundary = boundary(contentType);
    if (boundary.isEmpty()) {
      return MultipartResult.failed(
          new CodecProblem(
              ProblemKind.MULTIPART_BOUNDARY,
              "",
              "the Content-Type has no valid multipart boundary"));
    }
    List<FormPart> parts;
    try {
      parts = new MultipartParser(boundary.get(), settings).parse(body);
    } catch (CodecFailure f) {
      return MultipartResult.failed(f.problem());
    }
    try {
      return new MultipartResult(DecodeResult.of(object(parts)), parts);
    } catch (CodecFailure f) {
      return new MultipartResult(DecodeResult.failed(f.problem()), parts);
    }
  }

  private JsonNode object(List<FormPart> parts) {
    Charset fallback = defaultCharset(parts);
    List<String> names = new ArrayList<>(parts.size());
    List<String> values = new ArrayList<>(parts.size());
    BitSet files = new BitSet();
    for (int i = 0; i < parts.size(); i++) {
      FormPart p = parts.get(i);
      names.add(p.name());
      FieldRule rule = rules.rule(p.name());
      if (p.headers().first("Content-Type").isPresent() && !rule.accepts(p.contentType())) {
        throw new CodecFailure(
            ProblemKind.PART_CONTENT_TYPE,
            CodecProblem.child("", p.name()),
            "the part's Content-Type is not one its encoding names (" + rule.contentType() + ")");
      }
      boolean file = p.filename().isPresent() || rule.binary();
      if (file) {
        files.set(i);
      }
      values.add(file ? p.placeholder() : text(p, fallback));
    }
    return rules.decode(Fields.ofText(names, values), files);
  }

  private static Charset defaultCharset(List<FormPart> parts) {
    for (FormPart p : parts) {
      if (p.name().equals("_charset_") && p.filename().isEmpty()) {
        return charset(new String(p.bytes(), StandardCharsets.US_ASCII).strip(), "/_charset_");
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static String text(FormPart p, Charset fallback) {
    String pointer = CodecProblem.child("", p.name());
    Charset cs =
        MediaTypes.parameter(p.contentType(), "charset")
            .map(c -> charset(c, pointer))
            .orElse(fallback);
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(p.bytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecFailure(ProblemKind.INVALID_TEXT, pointer, "a text part is not " + cs.name());
    }
  }

  private static Charset charset(String name, String pointer) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new CodecFailure(ProblemKind.CHARSET, pointer, "an unknown charset");
    }
  }

  /**
   * The {@code boundary} of a {@code multipart/*} Content-Type, if it is one RFC 2046 allows: 1 to
   * 70 characters of DIGIT, ALPHA and {@code '()+_,-./:=?} or space, not ending in a space.
   */
  static Optional<String> boundary(String contentType) {
    if (contentType == null || !MediaTypes.essence(contentType).startsWith("multipart/")) {
      return Optional.empty();
    }
    return MediaTypes.parameter(contentType, "boundary").filter(MultipartCodec::validBoundary);
  }

  private static boolean validBoundary(String b) {
    if (b.isEmpty() || b.length() > 70 || b.endsWith(" ")) {
      return false;
    }
    for (int i = 0; i < b.length(); i++) {
      char c = b.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "'()+_,-./:=? ".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
