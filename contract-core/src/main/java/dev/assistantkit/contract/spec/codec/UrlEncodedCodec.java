package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.Utf8;
import java.util.BitSet;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * An {@code application/x-www-form-urlencoded} request body, read from its Media Type Object
 * (schema and {@code encoding}).
 *
 * <p>Decoding: the body is UTF-8 (WHATWG; the media type has no charset parameter), split on {@code
 * &} and the first {@code =}, each piece percent-decoded with {@code +} as a space. Each declared
 * property is then read by its {@link FieldRule}: without an Encoding Object, content-based (OAS
 * 3.0.4/3.1.1): scalars coerced by type ({@code "5"} to 5 for an integer), arrays from repeated
 * keys ({@code photoUrls=a&photoUrls=b}, which Prism reads as one string), objects as JSON text;
 * with {@code style}/{@code explode}/{@code allowReserved}, as a query parameter of that style
 * would be ({@code deepObject}: {@code address[city]=x}).
 */
public final class UrlEncodedCodec {

  private final FormRules rules;
  private final CodecSettings settings;

  private UrlEncodedCodec(FormRules rules, CodecSettings settings) {
    this.rules = rules;
    this.settings = settings;
  }

  /**
   * @throws IllegalArgumentException when the Media Type Object is not an object, or an Encoding
   *     Object names a style that is not a query style
   */
  public static UrlEncodedCodec of(SpecDocument spec, JsonNode mediaTypeObject) {
    return of(mediaTypeObject, ParameterCodec.resolverOf(spec), CodecSettings.defaults());
  }

  public static UrlEncodedCodec of(
      JsonNode mediaTypeObject, UnaryOperator<JsonNode> resolve, CodecSettings settings) {
    return new UrlEncodedCodec(FormRules.of(mediaTypeObject, resolve, true, settings), settings);
  }

  /** The body as a JSON object ({@code {}} for an empty body). */
  public DecodeResult decode(byte[] body) {
    Optional<String> text = Utf8.decode(body);
    if (text.isEmpty()) {
      return DecodeResult.failed(
          new CodecProblem(ProblemKind.INVALID_TEXT, "", "the form body is not UTF-8"));
    }
    Fields fields = Fields.ofQuery(text.get(), Unescape.FORM_BODY, settings.maxPairs());
    if (fields.overflowed()) {
      return DecodeResult.failed(
          new CodecProblem(
              ProblemKind.TOO_MANY_PAIRS, "", "more than " + settings.maxPairs() + " form fields"));
    }
    try {
      return DecodeResult.of(rules.decode(fields, new BitSet()));
    } catch (CodecFailure f) {
      return DecodeResult.failed(f.problem());
    }
  }
}
