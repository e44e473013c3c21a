package dev.assistantkit.contract.spec.codec;

import java.util.List;

/**
 * A request's query string, split into its pairs once (parse once, read many: every query parameter
 * of an operation reads the same pairs). Splitting is one pass and stops at {@link
 * CodecSettings#maxPairs()}; a query string past that bound is refused as a whole, by every
 * parameter that reads it.
 */
public final class RawQuery {

  private final Fields fields;

  private RawQuery(Fields fields) {
    this.fields = fields;
  }

  /** The query string as on the wire, without or with its leading {@code ?}; null reads as none. */
  public static RawQuery parse(String raw, CodecSettings settings) {
    String q = raw == null ? "" : raw;
    return new RawQuery(Fields.ofQuery(q, Unescape.query(settings), settings.maxPairs()));
  }

  public static RawQuery parse(String raw) {
    return parse(raw, CodecSettings.defaults());
  }

  /** The query string of a request target ({@code /path?query}), or none. */
  public static RawQuery ofTarget(String target, CodecSettings settings) {
    int q = target.indexOf('?');
    return parse(q < 0 ? "" : target.substring(q + 1), settings);
  }

  /** How many pairs were read. */
  public int size() {
    return fields.size();
  }

  /** Problems of the query string as a whole: too many pairs. */
  public List<CodecProblem> problems() {
    return fields.overflowed()
        ? List.of(
            new CodecProblem(
                ProblemKind.TOO_MANY_PAIRS, "", "more than " + fields.size() + " query pairs"))
        : List.of();
  }

  Fields fields() {
    return fields;
  }
}
