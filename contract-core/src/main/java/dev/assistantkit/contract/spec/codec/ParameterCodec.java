package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.SpecDocument;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One Parameter Object, read once, that decodes its value from the raw request for the engine's
 * validator.
 *
 * <p>Decoding takes the pieces as they came: a path parameter's matched segment still
 * percent-encoded, the query string, every value of a header, the Cookie headers. It gives the
 * value (coerced to the schema's types where the text allows), nothing, or a {@link CodecProblem};
 * client input never throws.
 *
 * <p>Thread-safe and immutable: build one per parameter at start-up.
 */
public final class ParameterCodec {

  private final String name;
  private final ParameterLocation in;
  private final ParameterStyle style;
  private final boolean explode;
  private final boolean allowEmptyValue;
  private final String mediaType;
  private final SchemaShape shape;
  private final CodecSettings settings;
  private final Predicate<String> foreign;
  private final String pointer;

  private ParameterCodec(
      JsonNode p,
      UnaryOperator<JsonNode> resolve,
      CodecSettings settings,
      Predicate<String> foreign) {
    this.name = p.path("name").asString("");
    this.in = ParameterLocation.of(p.path("in").asString(""));
    if (name.isEmpty() || in == null) {
      throw new IllegalArgumentException("a Parameter Object needs a name and a known 'in'");
    }
    this.pointer = CodecProblem.child("", name);
    this.settings = settings;
    this.foreign = foreign;
    this.allowEmptyValue = p.path("allowEmptyValue").asBoolean(false);
    JsonNode content = p.get("content");
    if (content != null) {
      if (!content.isObject() || content.size() != 1) {
        throw new IllegalArgumentException(describe() + ": 'content' holds exactly one media type");
      }
      Map.Entry<String, JsonNode> only = content.properties().iterator().next();
      this.mediaType = only.getKey();
      JsonNode media = SchemaShape.resolveSafely(only.getValue(), resolve);
      this.shape = SchemaShape.of(media == null ? null : media.get("schema"), resolve);
      this.style = null;
      this.explode = false;
      return;
    }
    this.mediaType = null;
    this.style = style(p.get("style"));
    this.explode = p.path("explode").asBoolean(style.defaultExplode());
    this.shape = SchemaShape.of(p.get("schema"), resolve);
  }

  private ParameterStyle style(JsonNode given) {
    ParameterStyle s =
        given == null ? ParameterStyle.defaultFor(in) : ParameterStyle.of(given.asString(""));
    if (s == null || !s.definedFor(in)) {
      throw new IllegalArgumentException(
          describe() + ": style " + given + " is not defined for in: " + in.wireName());
    }
    return s;
  }

  /**
   * A parameter of a document: {@code $ref}s (of the parameter, its schema, their parts) are
   * followed through the document.
   *
   * @throws IllegalArgumentException when the Parameter Object is not one the OpenAPI Specification
   *     defines: no name, an unknown {@code in} or {@code style}, a style not defined for its
   *     location, {@code content} with other than one media type
   */
  public static ParameterCodec of(SpecDocument spec, JsonNode parameter) {
    return of(parameter, resolverOf(spec), CodecSettings.defaults());
  }

  /** A parameter whose schema holds no {@code $ref} (or whose references need not be followed). */
  public static ParameterCodec of(JsonNode parameter) {
    return of(parameter, UnaryOperator.identity(), CodecSettings.defaults());
  }

  /**
   * A parameter with a resolver of your own (say, one that follows references across files).
   *
   * @param resolve a node for a node: the target of a Reference Object, anything else as it is
   */
  public static ParameterCodec of(
      JsonNode parameter, UnaryOperator<JsonNode> resolve, CodecSettings settings) {
    return new ParameterCodec(resolvedObject(parameter, resolve), resolve, settings, n -> false);
  }

  static ParameterCodec of(
      JsonNode parameter,
      UnaryOperator<JsonNode> resolve,
      CodecSettings settings,
      Predicate<String> foreign) {
    return new ParameterCodec(resolvedObject(parameter, resolve), resolve, settings, foreign);
  }

  static JsonNode resolvedObject(JsonNode node, UnaryOperator<JsonNode> resolve) {
    JsonNode p = SchemaShape.resolveSafely(node, resolve);
    if (p == null || !p.isObject()) {
      throw new IllegalArgumentException("not an object, or a reference that cannot be followed");
    }
    return p;
  }

  /** The document's own resolver ({@link SpecDocument#resolve}), for local references. */
  public static UnaryOperator<JsonNode> resolverOf(SpecDocument spec) {
    return spec::resolve;
  }

  public String name() {
    return name;
  }

  public ParameterLocation in() {
    return in;
  }

  // ---- decoding ------------------------------------------------------------------------------

  /**
   * A path parameter from the raw segment value matched for {@code {name}}, still percent-encoded
   * (not {@link dev.assistantkit.contract.spec.PathTemplate#match}'s decoded value: the style's
   * delimiters must be split off first). A {@code +} is itself.
   */
  public DecodeResult decodePath(String rawValue) {
    expect(ParameterLocation.PATH);
    return guarded(
        () ->
            mediaType != null
                ? content(rawValue, Unescape.PATH)
                : new ValueReader(
                        name,
                        style,
                        explode,
                        shape,
                        Unescape.PATH,
                        false,
                        pointer,
                        settings.maxPairs())
                    .read(rawValue));
  }

  /** A query parameter from the raw query string (parsed here; prefer the parsed-once form). */
  public DecodeResult decodeQuery(String rawQuery) {
    return decodeQuery(RawQuery.parse(rawQuery, settings));
  }

  /**
   * A query parameter. With {@code allowEmptyValue} false (the default), {@code ?name=} (or a bare
   * {@code ?name}) of a single-valued read is {@link ProblemKind#EMPTY_VALUE}, as openapi-core
   * reads it; exploded arrays and objects are not checked.
   */
  public DecodeResult decodeQuery(RawQuery query) {
    expect(ParameterLocation.QUERY);
    if (!query.problems().isEmpty()) {
      return DecodeResult.failed(query.problems().get(0));
    }
    Fields fields = query.fields();
    if (mediaType != null) {
      return guarded(
          () -> {
            String raw = singleContentValue(fields, false);
            return raw == null ? null : content(raw, fields.unescape());
          });
    }
    FieldsReader reader =
        new FieldsReader(name, style, explode, shape, pointer, false, !allowEmptyValue, settings);
    return guarded(() -> reader.read(fields, foreign, new BitSet()));
  }

  /**
   * A header parameter from every value of its header, in order (an empty list: not sent). Values
   * are taken as sent, not percent-decoded (OAS 3.1.1 Appendix D; Prism and openapi-core read them
   * so too). Several values combine as one comma-separated list (RFC 9110 section 5.3); for a
   * primitive or a content parameter several values are {@link ProblemKind#DUPLICATE}.
   */
  public DecodeResult decodeHeader(List<String> values) {
    expect(ParameterLocation.HEADER);
    if (values.isEmpty()) {
      return DecodeResult.absent();
    }
    boolean single = mediaType != null || shape.kind() == SchemaShape.ShapeKind.PRIMITIVE;
    if (single && values.size() > 1) {
      return DecodeResult.failed(
          new CodecProblem(
              ProblemKind.DUPLICATE, pointer, "the header is sent " + values.size() + " times"));
    }
    String combined = values.stream().collect(Collectors.joining(","));
    return guarded(
        () ->
            mediaType != null
                ? content(Pieces.strip(combined), Unescape.NONE)
                : new ValueReader(
                        name,
                        style,
                        explode,
                        shape,
                        Unescape.NONE,
                        true,
                        pointer,
                        settings.maxPairs())
                    .read(combined));
  }

  /** A cookie parameter from every value of the Cookie header (parsed here). */
  public DecodeResult decodeCookie(List<String> cookieHeaderValues) {
    return decodeCookie(RequestCookies.parse(cookieHeaderValues, settings));
  }

  /**
   * A cookie parameter. Values are percent-decoded ({@code +} is itself); a cookie sent twice
   * counts once, the first (RFC 6265 section 5.4). Exploded arrays are the values of every cookie
   * of the name ({@code color=blue; color=black}); exploded objects are cookies named by the
   * schema's properties ({@code R=100; G=200}): the OAS table's {@code &} becomes the cookie
   * separator, there being no other reading of form style in a Cookie header (OAS 3.1.1 Appendix D
   * calls form with several values incorrect for cookies, and leaves it implementation-defined).
   */
  public DecodeResult decodeCookie(RequestCookies cookies) {
    expect(ParameterLocation.COOKIE);
    if (!cookies.problems().isEmpty()) {
      return DecodeResult.failed(cookies.problems().get(0));
    }
    Fields fields = cookies.fields();
    if (mediaType != null) {
      return guarded(
          () -> {
            String raw = singleContentValue(fields, true);
            return raw == null ? null : content(raw, Unescape.COOKIE);
          });
    }
    FieldsReader reader =
        new FieldsReader(name, style, explode, shape, pointer, true, false, settings);
    return guarded(() -> reader.read(fields, foreign, new BitSet()));
  }

  private String singleContentValue(Fields fields, boolean firstWins) {
    List<Integer> at = fields.indexes(name);
    if (at.isEmpty()) {
      return null;
    }
    if (at.size() > 1 && !firstWins) {
      throw new CodecFailure(ProblemKind.DUPLICATE, pointer, "sent " + at.size() + " times");
    }
    String raw = fields.raw(at.get(0));
    if (raw.isEmpty() && in == ParameterLocation.QUERY && !allowEmptyValue) {
      throw new CodecFailure(
          ProblemKind.EMPTY_VALUE, pointer, "sent empty, and allowEmptyValue is false");
    }
    return raw;
  }

  /** A {@code content} parameter's text: JSON parsed for JSON media types, else coerced text. */
  private JsonNode content(String raw, Unescape unescape) {
    String text = unescape.apply(raw, pointer);
    return MediaTypes.isJson(mediaType)
        ? MediaTypes.json(text, pointer)
        : Scalars.coerce(text, shape);
  }

  private DecodeResult guarded(Supplier<JsonNode> read) {
    try {
      return DecodeResult.ofNullable(read.get());
    } catch (CodecFailure f) {
      return DecodeResult.failed(f.problem());
    }
  }

  private void expect(ParameterLocation location) {
    if (in != location) {
      throw new IllegalStateException(describe() + " is not in " + location.wireName());
    }
  }

  private String describe() {
    return "parameter '" + name + "' in " + (in == null ? "?" : in.wireName());
  }

  @Override
  public String toString() {
    return describe()
        + " ("
        + (style != null ? style.wireName() + (explode ? ", explode" : "") : mediaType)
        + ")";
  }
}
