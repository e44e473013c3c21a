package dev.assistantkit.contract.judging;

/**
 * An answer a server gave, as far as the judge needs it.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header, or null
 * @param body the body, as much of it as was kept
 * @param truncated whether the body was cut (then it is not judged as JSON)
 */
public record Observed(int status, String contentType, byte[] body, boolean truncated) {

  public Observed {
    body = body == null ? new byte[0] : body;
  }

  public static Observed of(int status, String contentType, byte[] body) {
    return new Observed(status, contentType, body, false);
  }
}
