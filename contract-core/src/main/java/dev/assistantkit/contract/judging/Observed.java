package dev.assistantkit.contract.judging;

/**
 * An answer a server gave, as far as the judge needs it.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header, or null
 * @param body the body, as much of it as was kept
 * @param truncated whether the body was cut (then it is not judged as JSON)
 * @param violations the {@code X-Contract-Violations} header, or null: the rules an error names
 *     where its body (the document's own shape, or text) has no place for them
 */
public record Observed(
    int status, String contentType, byte[] body, boolean truncated, String violations) {

  public Observed {
    body = body == null ? new byte[0] : body;
  }

  public Observed(int status, String contentType, byte[] body, boolean truncated) {
    this(status, contentType, body, truncated, null);
  }

  public static Observed of(int status, String contentType, byte[] body) {
    return new Observed(status, contentType, body, false);
  }

  /** The header that lists the rules an error broke when its body cannot name them. */
  public static final String VIOLATIONS_HEADER = "X-Contract-Violations";
}
