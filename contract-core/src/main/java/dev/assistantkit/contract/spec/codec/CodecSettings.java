package dev.assistantkit.contract.spec.codec;

/**
 * The codecs' bounds and their one reading choice; one immutable object, built once.
 *
 * @param maxPairs most name=value pairs read from one query string, form body or set of Cookie
 *     headers, and most pieces (items, keys and values) in one serialized value; beyond it the
 *     piece is refused ({@link ProblemKind#TOO_MANY_PAIRS})
 * @param maxParts most parts in one multipart body ({@link ProblemKind#TOO_MANY_PARTS})
 * @param maxPartHeaderBytes most bytes in one part's header block, all lines with their line ends
 *     ({@link ProblemKind#PART_HEADER})
 * @param maxBodyBytes most bytes read from one multipart body, preamble included ({@link
 *     ProblemKind#TOO_LARGE})
 * @param maxDepth deepest nesting of a deepObject key ({@code a[b][c]} is 2)
 * @param plusIsSpaceInQuery whether a {@code +} in a query string is a space, as in {@code
 *     application/x-www-form-urlencoded} (the default: OpenAPI 3.1.1/3.0.4 Appendix C and E treat
 *     the query string as form-urlencoded, and Prism, openapi-core, servlet containers and the
 *     browsers' URLSearchParams all read it so) or itself, as RFC 3986 and RFC 6570 alone would
 *     have it. The encoders never write a {@code +} for a space, and always write a literal {@code
 *     +} as {@code %2B}, so what they write reads back the same either way.
 */
public record CodecSettings(
    int maxPairs,
    int maxParts,
    int maxPartHeaderBytes,
    long maxBodyBytes,
    int maxDepth,
    boolean plusIsSpaceInQuery) {

  private static final CodecSettings DEFAULTS =
      new CodecSettings(10_000, 1_000, 16 * 1024, 32L * 1024 * 1024, 8, true);

  public CodecSettings {
    if (maxPairs < 1 || maxParts < 1 || maxPartHeaderBytes < 64 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("codec bounds must be positive");
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1");
    }
  }

  /**
   * 10,000 pairs, 1,000 parts, 16 KiB of headers per part, 32 MiB per multipart body, deepObject
   * keys 8 deep, {@code +} read as a space in query strings.
   */
  public static CodecSettings defaults() {
    return DEFAULTS;
  }

  public CodecSettings withMaxBodyBytes(long n) {
    return new CodecSettings(
        maxPairs, maxParts, maxPartHeaderBytes, n, maxDepth, plusIsSpaceInQuery);
  }

  public CodecSettings withPlusIsSpaceInQuery(boolean b) {
    return new CodecSettings(maxPairs, maxParts, maxPartHeaderBytes, maxBodyBytes, maxDepth, b);
  }
}
