package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The parameters of one operation, decoded together from one request: the query string and the
 * cookies are split once for all of them, and a free-form exploded object ({@code style: form,
 * explode: true} with no declared properties, or {@code additionalProperties}) takes only the pairs
 * no other parameter of the operation names (OAS 3.1.1 Appendix C: {@code {?formulas*,words}}).
 */
public final class ParameterSet {

  private final List<ParameterCodec> parameters;
  private final CodecSettings settings;

  private ParameterSet(List<ParameterCodec> parameters, CodecSettings settings) {
    this.parameters = List.copyOf(parameters);
    this.settings = settings;
  }

  /** The parameters of a document's operation (path-level and operation-level, merged). */
  public static ParameterSet of(SpecDocument spec, List<JsonNode> parameterObjects) {
    return of(parameterObjects, ParameterCodec.resolverOf(spec), CodecSettings.defaults());
  }

  /**
   * @throws IllegalArgumentException as {@link ParameterCodec#of(SpecDocument, JsonNode)} does
   */
  public static ParameterSet of(
      List<JsonNode> parameterObjects, UnaryOperator<JsonNode> resolve, CodecSettings settings) {
    List<JsonNode> resolved = new ArrayList<>();
    for (JsonNode p : parameterObjects) {
      resolved.add(ParameterCodec.resolvedObject(p, resolve));
    }
    List<ParameterCodec> codecs = new ArrayList<>();
    for (JsonNode p : resolved) {
      String in = p.path("in").asString("");
      Set<String> others =
          resolved.stream()
              .filter(o -> o != p && o.path("in").asString("").equals(in))
              .map(o -> o.path("name").asString(""))
              .collect(Collectors.toSet());
      Predicate<String> foreign =
          key -> others.contains(key) || others.contains(deepObjectName(key));
      codecs.add(ParameterCodec.of(p, resolve, settings, foreign));
    }
    return new ParameterSet(codecs, settings);
  }

  private static String deepObjectName(String key) {
    int bracket = key.indexOf('[');
    return bracket < 0 ? key : key.substring(0, bracket);
  }

  public List<ParameterCodec> parameters() {
    return parameters;
  }

  /**
   * Every parameter of a request, decoded, in the order of the parameters.
   *
   * @param rawPathValues the raw (still percent-encoded) segment matched for each path parameter
   * @param rawQuery the query string as on the wire (null or empty: none)
   * @param headers the request's headers (the Cookie header included)
   */
  public List<ParameterValue> decode(
      Map<String, String> rawPathValues, String rawQuery, Headers headers) {
    RawQuery query = RawQuery.parse(rawQuery, settings);
    RequestCookies cookies = RequestCookies.parse(headers.all("Cookie"), settings);
    List<ParameterValue> out = new ArrayList<>(parameters.size());
    for (ParameterCodec p : parameters) {
      DecodeResult r =
          switch (p.in()) {
            case PATH ->
                rawPathValues.containsKey(p.name())
                    ? p.decodePath(rawPathValues.get(p.name()))
                    : DecodeResult.absent();
            case QUERY -> p.decodeQuery(query);
            case HEADER -> p.decodeHeader(headers.all(p.name()));
            case COOKIE -> p.decodeCookie(cookies);
          };
      out.add(new ParameterValue(p, r));
    }
    return out;
  }
}
