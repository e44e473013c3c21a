package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.edge.AsSent;
import dev.assistantkit.mock.edge.ReceivedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request of a serve event as the client sent it (WireMock holds it masked): the one place the
 * mock's extensions get it from, handed over by the edge ({@link ReceivedRequest#current()}).
 */
final class OriginalRequests {

  private OriginalRequests() {}

  static Optional<ApiRequest> of(ServeEvent event) {
    Optional<ReceivedRequest> sent = ReceivedRequest.current();
    if (sent.isEmpty()) {
      return Optional.empty();
    }
    ReceivedRequest r = sent.get();
    Request view = event.getRequest();
    // Authorization as the edge judges it: the client's, unless a server-side extension of the
    // mock's own (a request filter) replaced what the edge handed to WireMock
    String authorization = AsSent.headers(view).get("Authorization");
    List<Map.Entry<String, String>> headers = new ArrayList<>(r.headers().size());
    boolean seen = false;
    for (Map.Entry<String, String> h : r.headers()) {
      if (h.getKey().equalsIgnoreCase("Authorization")) {
        if (!seen && authorization != null) {
          headers.add(Map.entry(h.getKey(), authorization));
        }
        seen = true;
      } else {
        headers.add(h);
      }
    }
    if (!seen && authorization != null) {
      headers.add(Map.entry("Authorization", authorization));
    }
    return Optional.of(new ApiRequest(r.method(), r.rawTarget(), Headers.of(headers), r.body()));
  }
}
