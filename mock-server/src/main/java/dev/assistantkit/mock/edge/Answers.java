package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.contract.masking.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last look at every answer WireMock gives. Registered after the mock's own transformers:
 *
 * <ul>
 *   <li>as a response-definition transformer, it masks the mock's own answers (their stubs carry
 *       {@link Edge#OWN_STUB_METADATA}) before WireMock renders and journals them: secret
 *       properties on the JSON tree, known secrets and this request's credentials anywhere, so an
 *       error message that quotes a value or a provider option stored as sent shows no secret; an
 *       error of the mock's own that is not JSON gets the error shape. Users' stubs answer as they
 *       are.
 *   <li>as a response transformer, it logs every answer with --verbose, masked.
 * </ul>
 */
final class Answers implements ResponseDefinitionTransformerV2, ResponseTransformerV2 {

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

  private SecretMasker masker() {
    return Exchange.current().map(e -> e.masker).orElseGet(known);
  }

  static boolean isOwn(StubMapping stub) {
    return stub != null
        && stub.getMetadata() != null
        && Edge.OWN_STUB_VALUE.equals(stub.getMetadata().get(Edge.OWN_STUB_METADATA));
  }

  /** Masks an answer of the mock's own, before it is rendered and journaled. */
  @Override
  public ResponseDefinition transform(ServeEvent event) {
    ResponseDefinition answer = event.getResponseDefinition();
    if (!isOwn(event.getStubMapping()) || answer.specifiesBodyFile()) {
      return answer;
    }
    byte[] body = answer.getByteBody();
    Out out = mask(errors, answer.getStatus(), contentType(answer.getHeaders()), body, masker());
    if (out.retyped()) {
      return withBody(answer, out.status(), out.body());
    }
    return out.body() == body
        ? answer
        : ResponseDefinitionBuilder.like(answer).but().withBody(out.body()).build();
  }

  /**
   * An answer of the mock's own as it goes out.
   *
   * @param status its status
   * @param body its body (the same array when nothing was masked)
   * @param retyped whether the body was replaced by one in the error shape: its Content-Type is
   *     then application/json
   */
  record Out(int status, byte[] body, boolean retyped) {}

  /**
   * Masks an answer of the mock's own: secret properties on the JSON tree, known secrets and this
   * request's credentials anywhere; an error that is not JSON gets the error shape.
   */
  static Out mask(
      EdgeErrors errors, int status, String contentType, byte[] body, SecretMasker masker) {
    if (body == null || body.length == 0) {
      return new Out(status, body, false);
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    if (!type.contains("json")) {
      if (status < 400) {
        return new Out(status, body, false); // docs, the spec: nothing of a request in them
      }
      String rule = EdgeRules.forStatus(status);
      return new Out(
          status,
          errors.render(
              status, rule, EdgeRules.partFor(rule), "", "this mock has nothing at this path"),
          true);
    }
    byte[] shown = masker.maskJsonBody(body).orElse(null);
    if (shown == null) {
      return new Out(
          500,
          errors.render(
              500, EdgeRules.INTERNAL_ERROR, "body", "", "the mock's answer was not valid JSON"),
          true);
    }
    return new Out(status, shown, false);
  }

  /** Logs the answer as sent (--verbose). */
  @Override
  public Response transform(Response response, ServeEvent event) {
    if (verbose) {
      log(event.getRequest(), response, masker());
    }
    return response;
  }

  /** The headers of an answer whose body was replaced by one in the error shape. */
  static List<Map.Entry<String, String>> retyped(List<Map.Entry<String, String>> headers) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (!h.getKey().equalsIgnoreCase(ContentTypeHeader.KEY)
          && !h.getKey().equalsIgnoreCase("Content-Length")) {
        out.add(h);
      }
    }
    out.add(Map.entry(ContentTypeHeader.KEY, "application/json"));
    return out;
  }

  private static ResponseDefinition withBody(ResponseDefinition answer, int status, byte[] json) {
    List<HttpHeader> headers = new ArrayList<>();
    if (answer.getHeaders() != null) {
      for (HttpHeader h : answer.getHeaders().all()) {
        if (!h.keyEquals(ContentTypeHeader.KEY) && !h.keyEquals("Content-Length")) {
          headers.add(h);
        }
      }
    }
    headers.add(HttpHeader.httpHeader(ContentTypeHeader.KEY, "application/json"));
    return ResponseDefinitionBuilder.like(answer)
        .but()
        .withStatus(status)
        .withHeaders(new HttpHeaders(headers))
        .withBody(json)
        .build();
  }

  private static String contentType(HttpHeaders headers) {
    if (headers == null) {
      return "";
    }
    HttpHeader h = headers.getHeader(ContentTypeHeader.KEY);
    return h.isPresent() ? h.firstValue().toLowerCase(Locale.ROOT) : "";
  }

  private static void log(Request request, Response response, SecretMasker masker) {
    byte[] sent = request.getBody() == null ? new byte[0] : request.getBody();
    byte[] answered = response.getBody() == null ? new byte[0] : response.getBody();
    String type = contentType(response.getHeaders());
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
