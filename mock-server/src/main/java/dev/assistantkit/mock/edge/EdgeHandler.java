package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.common.Json;
import dev.assistantkit.contract.masking.SecretMasker;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * The edge: every request passes here before WireMock, in this order.
 *
 * <ol>
 *   <li><b>Ready</b>: until the contract is loaded, requests wait (asynchronously, no thread held,
 *       at most {@link EdgePolicy#holdTimeout()}); nothing is answered before the mock can answer
 *       correctly.
 *   <li><b>Method</b>: methods are case-sensitive; {@code patch} is not PATCH (400).
 *   <li><b>Who</b>: the admin surface refuses other origins and, beyond loopback, requests without
 *       the token ({@link AdminGuard}); API paths get CORS ({@link Cors}).
 *   <li><b>Body</b>: read and bounded by {@link BodyIntake}: at once when it has arrived with the
 *       head, else asynchronously, with a deadline.
 *   <li><b>Hand-over</b>: WireMock gets a masked view ({@link RequestMasker}); the request as sent
 *       is {@link ReceivedRequest#current()} while WireMock handles it. A failure is a JSON 500.
 * </ol>
 */
final class EdgeHandler extends HandlerWrapper {

  private static final String STAGE = EdgeHandler.class.getName() + ".stage";

  /** Where a request goes. */
  enum Route {
    /** The API and the docs: CORS for any origin. */
    API,
    /** The mock's own state endpoints ({@code /__mock}), and anything that names the admin. */
    MOCK,
    /** WireMock's admin API ({@code /__admin}, Jetty's admin context). */
    ADMIN
  }

  /** What the edge needs once the contract is loaded. */
  record Open(SecretMasker known, long maxBodyBytes) {}

  /** A request dispatched again: after the hold (no body yet), or with its body read. */
  private record Stage(Route route, byte[] body, long since) {}

  private final EdgePolicy policy;
  private final EdgeErrors errors;
  private final AdminGuard guard;
  private final EdgeAnswers answers;
  private final BodyIntake bodies;
  private final CompletableFuture<Open> opened = new CompletableFuture<>();
  private volatile Open open;
  private volatile ApiForwarder forwarder;
  private volatile DirectApi direct;

  EdgeHandler(EdgePolicy policy, EdgeErrors errors, AdminGuard guard) {
    this.policy = policy;
    this.errors = errors;
    this.guard = guard;
    SecretMasker before = SecretMasker.standard().withSecrets(policy.secrets());
    this.answers =
        new EdgeAnswers(errors, policy.verbose(), () -> open == null ? before : open.known());
    this.bodies = new BodyIntake(policy, answers);
  }

  /** Proxy mode: API requests go to this forwarder, not to WireMock. */
  void forwardTo(ApiForwarder apiForwarder) {
    this.forwarder = apiForwarder;
  }

  /** API requests are offered to this first; those it declines go to WireMock. */
  void answerDirectly(DirectApi directApi) {
    this.direct = directApi;
  }

  private boolean forwarded(Route route, String target) {
    ApiForwarder f = forwarder;
    if (route != Route.API || f == null) {
      return false;
    }
    int q = target.indexOf('?');
    return f.forwards(q < 0 ? target : target.substring(0, q));
  }

  void open(Open ready) {
    open = ready;
    opened.complete(ready);
  }

  void abort(Throwable cause) {
    opened.completeExceptionally(cause);
  }

  /** Requests whose bodies are being read asynchronously right now. */
  int pendingBodies() {
    return bodies.pending();
  }

  /** The memory those bodies hold, in bytes. */
  long pendingBodyBytes() {
    return bodies.held();
  }

  @Override
  public void handle(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Stage stage = (Stage) request.getAttribute(STAGE);
    if (stage != null) {
      request.removeAttribute(STAGE);
      if (stage.body() != null) {
        pass(target, base, request, response, stage.route(), stage.body());
        return;
      }
    } else if (base.getDispatcherType() != DispatcherType.REQUEST) {
      super.handle(target, base, request, response);
      return;
    }
    Open ready = open;
    if (ready == null) {
      if (stage == null) {
        hold(base, request, response);
      } else {
        answers.refuse(
            base, response, 503, EdgeRules.NOT_READY, "path", "", "the mock did not start");
      }
      return;
    }
    try {
      front(
          target == null ? "" : target,
          base,
          request,
          response,
          ready,
          stage == null ? base.getTimeStamp() : stage.since());
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      answers.failure(base, response, t);
    }
  }

  // ---- 1. ready --------------------------------------------------------------------------------

  private void hold(Request base, HttpServletRequest request, HttpServletResponse response) {
    AsyncContext async = request.startAsync();
    async.setTimeout(policy.holdTimeout().toMillis());
    AtomicBoolean done = new AtomicBoolean();
    async.addListener(
        new AsyncListener() {
          @Override
          public void onTimeout(AsyncEvent event) throws IOException {
            if (done.compareAndSet(false, true)) {
              answers.refuse(
                  base,
                  response,
                  503,
                  EdgeRules.NOT_READY,
                  "path",
                  "",
                  "the mock is still loading its contract; try again");
              async.complete();
            }
          }

          @Override
          public void onComplete(AsyncEvent event) {
            done.set(true);
          }

          @Override
          public void onError(AsyncEvent event) {
            done.set(true);
          }

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
    opened.whenComplete(
        (ready, failure) -> {
          if (done.compareAndSet(false, true)) {
            request.setAttribute(STAGE, new Stage(null, null, System.currentTimeMillis()));
            async.dispatch();
          }
        });
  }

  // ---- 2. method, 3. who, 4. body -----------------------------------------------------------

  private void front(
      String target,
      Request base,
      HttpServletRequest request,
      HttpServletResponse response,
      Open ready,
      long since)
      throws IOException, ServletException {
    String method = base.getMethod();
    if (!isUpperCaseToken(method)) {
      malformed(
          base,
          response,
          "HTTP methods are case-sensitive (RFC 9110): send the method in capitals, e.g. PATCH");
      return;
    }
    if (!wellEncodedQuery(EdgeAnswers.rawTarget(base))) {
      // WireMock percent-decodes every query parameter and would fail on this: a 500 for a
      // client's mistake
      malformed(
          base,
          response,
          "the query has a % that is not followed by two hex digits; percent-encode a literal % as %25");
      return;
    }
    Route route = route(target);
    if (route != Route.API) {
      Optional<AdminGuard.Refusal> refusal = guard.check(method, target, request::getHeader);
      if (refusal.isPresent()) {
        if (refusal.get().status() == 401) {
          response.setHeader("WWW-Authenticate", "Bearer realm=\"assistant-mock admin\"");
        }
        answers.refuse(base, response, refusal.get());
        return;
      }
    } else if (forwarded(route, target)) {
      // proxy mode: the upstream's answer goes back unchanged, CORS headers and preflights too
    } else if (Cors.isPreflight(method, request)) {
      Cors.answerPreflight(request, response);
      base.setHandled(true);
      answers.logged(base, 200, "CORS preflight");
      return;
    } else {
      Cors.grant(request, response);
    }
    long limit = route == Route.ADMIN ? policy.maxAdminBodyBytes() : ready.maxBodyBytes();
    bodies.read(
        base,
        request,
        response,
        limit,
        since,
        body -> pass(target, base, request, response, route, body),
        body -> request.setAttribute(STAGE, new Stage(route, body, 0)));
  }

  static Route route(String target) {
    if (target.equals("/__admin") || target.startsWith("/__admin/")) {
      return Route.ADMIN;
    }
    String t = target.toLowerCase(Locale.ROOT);
    return t.contains("/__admin") || t.contains("/__mock") ? Route.MOCK : Route.API;
  }

  /** A 400 {@code request.malformed} for a request line the edge will not pass on. */
  private void malformed(Request base, HttpServletResponse response, String message)
      throws IOException {
    answers.refuse(base, response, 400, EdgeRules.MALFORMED, "path", "", message);
  }

  /** Whether every % in the query starts a percent-encoded byte (%XX). */
  static boolean wellEncodedQuery(String rawTarget) {
    int q = rawTarget.indexOf('?');
    if (q < 0) {
      return true;
    }
    for (int i = rawTarget.indexOf('%', q); i >= 0; i = rawTarget.indexOf('%', i + 1)) {
      if (i + 2 >= rawTarget.length()
          || Character.digit(rawTarget.charAt(i + 1), 16) < 0
          || Character.digit(rawTarget.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUpperCaseToken(String method) {
    if (method == null || method.isEmpty() || method.equals("CONNECT")) {
      return false;
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return false;
      }
    }
    return true;
  }

  // ---- 5. hand-over ----------------------------------------------------------------------------

  private void pass(
      String target,
      Request base,
      HttpServletRequest request,
      HttpServletResponse response,
      Route route,
      byte[] body)
      throws IOException, ServletException {
    ReceivedRequest received =
        new ReceivedRequest(
            base.getMethod(), EdgeAnswers.rawTarget(base), EdgeAnswers.headers(base), body);
    if (route == Route.ADMIN && looksGzipped(body)) {
      // WireMock inflates a body that starts like gzip, whole and unbounded: never let it
      answers.refuse(
          base,
          response,
          400,
          EdgeRules.BODY_CONTENT_ENCODING,
          "body",
          "",
          "a gzip body must say so with Content-Encoding: gzip (the mock inflates it, once)");
      return;
    }
    if (route == Route.ADMIN && !policy.allowAdminProxy() && namesAProxy(body)) {
      answers.refuse(base, response, AdminGuard.proxyRefusal());
      return;
    }
    SecretMasker masker = RequestMasker.forRequest(open.known(), received.headers());
    DirectApi d = direct;
    if (route == Route.API && d != null && forwarder == null) {
      try {
        Optional<DirectApi.Reply> reply = d.answer(received);
        if (reply.isPresent()) {
          answerDirectly(base, request, response, received, masker, reply.get());
          return;
        }
      } catch (RuntimeException | Error e) {
        if (response.isCommitted()) {
          throw e;
        }
        answers.failure(base, response, e);
        return;
      }
    }
    MaskedRequest view = RequestMasker.view(request, received, masker, route == Route.ADMIN);
    if (forwarded(route, target)) {
      try {
        boolean whole = forwarder.forward(received, view.shown(base.getMethod()), masker, response);
        base.setHandled(true);
        if (!whole) {
          // half an answer is out: closing the connection, not ending the answer, shows it cut
          base.getHttpChannel().abort(new IOException("the upstream's answer was cut"));
        }
      } catch (RuntimeException | Error e) {
        if (response.isCommitted()) {
          throw e;
        }
        answers.failure(base, response, e);
      }
      return;
    }
    Exchange.enter(received, masker, view.authorization());
    try {
      super.handle(target, base, view, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      if (response.isCommitted()) {
        throw e; // half an answer is out: Jetty drops the connection
      }
      answers.failure(base, response, e);
    } finally {
      Exchange.exit();
    }
  }

  /**
   * Sends an answer the direct API gave: masked as WireMock would have masked it ({@link Answers}),
   * kept (journal, traffic) before it goes out, so a client that has its answer finds it kept.
   */
  private void answerDirectly(
      Request base,
      HttpServletRequest request,
      HttpServletResponse response,
      ReceivedRequest received,
      SecretMasker masker,
      DirectApi.Reply reply)
      throws IOException {
    List<Map.Entry<String, String>> headers = reply.headers();
    Answers.Out out =
        Answers.mask(
            errors, reply.status(), firstValue(headers, "Content-Type"), reply.body(), masker);
    if (out.retyped()) {
      headers = Answers.retyped(headers);
    }
    // what the journal shows is taken from Jetty now (it recycles the request) and masked later
    String scheme = request.getScheme();
    int port = request.getServerPort();
    String peer = request.getRemoteAddr();
    String protocol = request.getProtocol();
    String serverName = received.header("Host").isPresent() ? null : request.getServerName();
    long arrived = base.getTimeStamp();
    reply
        .keep()
        .accept(
            new DirectApi.Exchanged(
                () -> seen(received, masker, scheme, serverName, port, peer, protocol),
                Instant.ofEpochMilli(arrived),
                out.status(),
                headers,
                out.body(),
                Math.max(0, System.currentTimeMillis() - arrived) * 1000));
    base.setHandled(true);
    response.setStatus(out.status());
    for (Map.Entry<String, String> h : headers) {
      response.addHeader(h.getKey(), h.getValue());
    }
    byte[] body = out.body() == null ? new byte[0] : out.body();
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** A request as WireMock would journal it: the masked view, its URL and its client. */
  private static DirectApi.Seen seen(
      ReceivedRequest received,
      SecretMasker masker,
      String scheme,
      String serverName,
      int port,
      String peer,
      String protocol) {
    ApiForwarder.Shown shown = RequestMasker.mask(received, masker, false);
    String host = firstValue(shown.headers(), "Host");
    String name = host.isEmpty() && serverName != null ? serverName : MaskedRequest.hostName(host);
    String target = shown.target();
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    String url =
        MaskedRequest.requestUrl(scheme, name, port, path) + (query.isEmpty() ? "" : "?" + query);
    String forwardedFor = firstValue(shown.headers(), "X-Forwarded-For");
    List<Map.Entry<String, String>> cookies =
        MaskedRequest.cookies(shown.headers()).stream()
            .map(c -> Map.entry(c.getName(), c.getValue()))
            .toList();
    return new DirectApi.Seen(
        shown, url, forwardedFor.isEmpty() ? peer : forwardedFor, protocol, cookies);
  }

  private static String firstValue(List<Map.Entry<String, String>> headers, String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return "";
  }

  private static boolean looksGzipped(byte[] body) {
    return body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
  }

  /** Does an admin body ask for a stub that proxies (a stub, an import, a recording)? */
  private static boolean namesAProxy(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try {
      var tree = Json.getObjectMapper().readTree(body);
      return tree != null
          && (tree.findValue("proxyBaseUrl") != null || tree.findValue("targetBaseUrl") != null);
    } catch (IOException | RuntimeException e) {
      return false; // WireMock refuses what it cannot read; the stub listener is the second line
    }
  }
}
