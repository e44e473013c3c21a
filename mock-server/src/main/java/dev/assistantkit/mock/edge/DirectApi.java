package dev.assistantkit.mock.edge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers API requests without WireMock, for as long as WireMock would give the same answer (only
 * the mock's own stubs registered, nothing delaying or listening to answers). The edge still reads,
 * bounds and masks as for every request: it masks the answer as it masks every answer of the mock's
 * own ({@link Answers}), and hands the exchange over to be kept before the answer goes out.
 */
public interface DirectApi {

  /** The answer to a request as sent, or empty when WireMock must handle it. Never throws. */
  Optional<Reply> answer(ReceivedRequest request);

  /**
   * An answer, before the edge masks it.
   *
   * @param status its status
   * @param headers its headers, in order
   * @param body its body
   * @param keep keeps the exchange (journal, traffic); called before the answer goes out
   */
  record Reply(
      int status, List<Map.Entry<String, String>> headers, byte[] body, Consumer<Exchanged> keep) {}

  /**
   * An exchange answered directly, as it may be shown.
   *
   * @param request the request as WireMock's journal would show it, masked when first asked for
   * @param arrived when the request arrived
   * @param status the status sent
   * @param headers the headers sent (the edge's CORS headers aside)
   * @param body the body sent, masked
   * @param micros how long answering took, from the request's arrival at the edge
   */
  record Exchanged(
      Supplier<Seen> request,
      Instant arrived,
      int status,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      long micros) {}

  /**
   * A request as WireMock would journal it.
   *
   * @param shown method, target, headers and body, masked
   * @param absoluteUrl scheme, host, port and target, masked
   * @param clientIp X-Forwarded-For (masked) if sent, else the peer's address
   * @param protocol e.g. HTTP/1.1
   * @param cookies the cookies of its (masked) Cookie headers, as the servlet API reads them
   */
  record Seen(
      ApiForwarder.Shown shown,
      String absoluteUrl,
      String clientIp,
      String protocol,
      List<Map.Entry<String, String>> cookies) {}
}
