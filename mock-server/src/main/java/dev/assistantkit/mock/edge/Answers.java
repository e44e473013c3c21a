package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.contract.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last look at every answer WireMock gives, before it is journaled and sent. The mock's own
 * answers (its stubs carry {@link Edge#OWN_STUB_METADATA}) are masked like requests: secret
 * properties on the JSON tree, known secrets and this request's credentials anywhere, so an error
 * message that quotes a value, or a provider option stored as sent, shows no secret; an error of
 * the mock's own that is not JSON gets the error shape. Users' stubs answer as they are. With
 * --verbose, every answer is logged here, masked.
 */
final class Answers implements ResponseTransformerV2 {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final EdgeErrors errors;
  private final Supplier<SecretMasker> known;
  private final boolean verbose;

  Answers(EdgeErrors errors, Supplier<SecretMasker> known, boolean verbose) {
    this.errors = errors;
    this.known = known;
    this.verbose = verbose;
  }

  @Override
  public String getName() {
    return "assistant-edge-answers";
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public Response transform(Response response, ServeEvent event) {
    SecretMasker masker = Exchange.current().map(e -> e.masker).orElseGet(known);
    Response out = isOwn(event.getStubMapping()) ? masked(response, masker) : response;
    if (verbose) {
      log(event.getRequest(), out, masker);
    }
    return out;
  }

  static boolean isOwn(StubMapping stub) {
    return stub != null
        && stub.getMetadata() != null
        && Edge.OWN_STUB_VALUE.equals(stub.getMetadata().get(Edge.OWN_STUB_METADATA));
  }

  private Response masked(Response response, SecretMasker masker) {
    byte[] body = response.getBody();
    if (body == null || body.length == 0) {
      return response;
    }
    String type = contentType(response);
    if (!type.contains("json")) {
      if (response.getStatus() < 400) {
        return response; // docs, the spec: nothing of a request in them
      }
      int status = response.getStatus();
      String rule = EdgeRules.forStatus(status);
      return withBody(
          response,
          errors.render(
              status, rule, EdgeRules.partFor(rule), "", "this mock has nothing at this path"),
          true);
    }
    byte[] shown = masker.maskJsonBody(body).orElse(null);
    if (shown == body) {
      return response;
    }
    if (shown == null) {
      String rule = EdgeRules.INTERNAL_ERROR;
      return withBody(
          Response.Builder.like(response).but().status(500).build(),
          errors.render(500, rule, "body", "", "the mock's answer was not valid JSON"),
          true);
    }
    return withBody(response, shown, false);
  }

  private static Response withBody(Response response, byte[] body, boolean json) {
    List<HttpHeader> headers = new ArrayList<>();
    for (HttpHeader h : response.getHeaders().all()) {
      if (!(json && h.keyEquals(ContentTypeHeader.KEY)) && !h.keyEquals("Content-Length")) {
        headers.add(h);
      }
    }
    if (json) {
      headers.add(HttpHeader.httpHeader(ContentTypeHeader.KEY, "application/json"));
    }
    return Response.Builder.like(response)
        .but()
        .headers(new HttpHeaders(headers))
        .body(body)
        .build();
  }

  private static String contentType(Response response) {
    HttpHeader h = response.getHeaders().getHeader(ContentTypeHeader.KEY);
    return h.isPresent() ? h.firstValue().toLowerCase(Locale.ROOT) : "";
  }

  private static void log(Request request, Response response, SecretMasker masker) {
    byte[] sent = request.getBody() == null ? new byte[0] : request.getBody();
    byte[] answered = response.getBody() == null ? new byte[0] : response.getBody();
    String type = contentType(response);
    String answer =
        type.contains("json") || type.startsWith("text/plain")
            ? new String(answered, StandardCharsets.UTF_8)
            : "(" + answered.length + " bytes of " + (type.isEmpty() ? "no type" : type) + ")";
    LOG.info(
        masker.maskLog(
            request.getMethod()
                + " "
                + request.getUrl()
                + " -> "
                + response.getStatus()
                + " "
                + answer
                + "\n  body: "
                + (sent.length == 0 ? "(none)" : new String(sent, StandardCharsets.UTF_8))));
  }
}
