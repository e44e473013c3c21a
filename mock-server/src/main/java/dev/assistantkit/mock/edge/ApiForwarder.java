package dev.assistantkit.mock.edge;

import dev.assistantkit.contract.masking.SecretMasker;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Proxy mode: answers API requests itself, by forwarding them to a live deployment, instead of
 * handing them to WireMock. The edge still reads and bounds the request body first; the upstream's
 * answer goes back unchanged (the edge adds no CORS headers of its own to it).
 */
public interface ApiForwarder {

  /** Whether a path (without the query) is forwarded, or served by the mock itself (docs). */
  boolean forwards(String path);

  /**
   * Forwards one request and writes the upstream's answer (or a 502 in the error shape).
   *
   * @param sent the request as the client sent it
   * @param shown the same request as it may be shown (secrets masked)
   * @param masker the masker of this request (it knows the request's own secrets)
   * @return whether the answer went out whole; false when it was cut (the upstream stalled or broke
   *     off, or the client went away): the edge then closes the connection instead of ending the
   *     answer, so that the client cannot take what it got for the whole answer
   */
  boolean forward(
      ReceivedRequest sent, Shown shown, SecretMasker masker, HttpServletResponse response)
      throws IOException;

  /**
   * A request as it may be shown: secrets masked, bodies that cannot be masked withheld.
   *
   * @param method the method
   * @param target the path and query, masked
   * @param headers the headers, masked
   * @param body the body, masked or withheld
   */
  record Shown(
      String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {}
}
