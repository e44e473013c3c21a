package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The request as the client sent it, for the mock's extensions that judge it (credentials, the
 * body's exact bytes), given the masked view WireMock passes them.
 */
public final class AsSent {

  private AsSent() {}

  /**
   * The first value of every header as sent. Authorization is the client's, unless a server-side
   * WireMock extension (a request filter) replaced the masked value the edge handed to WireMock:
   * then it is that extension's. No client can cause that: the edge derives what it hands over from
   * what the client sent.
   */
  public static Map<String, String> headers(Request view) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    var sent = ReceivedRequest.current();
    if (sent.isEmpty()) {
      for (HttpHeader h : view.getHeaders().all()) {
        out.putIfAbsent(h.key(), h.firstValue());
      }
      return out;
    }
    sent.get().headers().forEach(h -> out.putIfAbsent(h.getKey(), h.getValue()));
    String handed = Exchange.current().map(e -> e.handedAuthorization).orElse(null);
    String seen = view.containsHeader("Authorization") ? view.getHeader("Authorization") : null;
    if (!Objects.equals(handed, seen)) {
      if (seen == null) {
        out.remove("Authorization");
      } else {
        out.put("Authorization", seen);
      }
    }
    return out;
  }

  /** The body as sent (decoded from its Content-Encoding), else the body WireMock holds. */
  public static byte[] body(Request view) {
    return ReceivedRequest.current()
        .map(ReceivedRequest::body)
        .orElseGet(() -> view.getBody() == null ? new byte[0] : view.getBody());
  }
}
