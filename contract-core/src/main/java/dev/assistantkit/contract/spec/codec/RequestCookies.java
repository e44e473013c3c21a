package dev.assistantkit.contract.spec.codec;

import java.util.List;

/**
 * A request's cookies, read once from all its Cookie headers (RFC 6265 section 4.2.1). Bounded like
 * a query string: past {@link CodecSettings#maxPairs()} pairs the cookies are refused as a whole.
 */
public final class RequestCookies {

  private final Fields fields;

  private RequestCookies(Fields fields) {
    this.fields = fields;
  }

  /** From every value of the Cookie header, in order. */
  public static RequestCookies parse(List<String> cookieHeaderValues, CodecSettings settings) {
    return new RequestCookies(Fields.ofCookies(cookieHeaderValues, settings.maxPairs()));
  }

  public static RequestCookies parse(List<String> cookieHeaderValues) {
    return parse(cookieHeaderValues, CodecSettings.defaults());
  }

  public int size() {
    return fields.size();
  }

  /** Problems of the cookies as a whole: too many pairs. */
  public List<CodecProblem> problems() {
    return fields.overflowed()
        ? List.of(
            new CodecProblem(
                ProblemKind.TOO_MANY_PAIRS, "", "more than " + fields.size() + " cookie pairs"))
        : List.of();
  }

  Fields fields() {
    return fields;
  }
}
