package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.common.Json;
import dev.assistantkit.contract.SecretMasker;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   <li><b>Body</b>: a Content-Length over the limit is refused before reading; an unknown
 *       Content-Encoding is refused; a body that has fully arrived is read at once on this thread,
 *       any other is read asynchronously ({@link BodyReader}) with a deadline counted from the
 *       request's head, and counted (inflated bytes too) as it streams ({@link BodyDecoder}).
 *   <li><b>Hand-over</b>: WireMock gets a masked view ({@link RequestMasker}); the request as sent
 *       is {@link ReceivedRequest#current()} while WireMock handles it. A failure is a JSON 500.
 * </ol>
 */
final class EdgeHandler extends HandlerWrapper {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");
  private static final String STAGE = EdgeHandler.class.getName() + ".stage";
  private static final byte[] NO_BODY = new byte[0];
  private static final int FAST_PATH_BUFFER = 8192;

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
  private final byte[] internalError;
  private final CompletableFuture<Open> opened = new CompletableFuture<>();
  private volatile Open open;
  private final AtomicInteger pendingBodies = new AtomicInteger();

  EdgeHandler(EdgePolicy policy, EdgeErrors errors, AdminGuard guard) {
    this.policy = policy;
    this.errors = errors;
    this.guard = guard;
    this.internalError =
        errors.render(500, EdgeRules.INTERNAL_ERROR, "body", "", "the mock failed to answer");
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
    return pendingBodies.get();
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
        refuse(base, response, 503, EdgeRules.NOT_READY, "path", "", "the mock did not start");
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
      failure(base, response, t);
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
              refuse(
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

  // ---- 2. method, 3. who ----------------------------------------------------------------------

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
      refuse(
          base,
          response,
          400,
          EdgeRules.MALFORMED,
          "path",
          "",
          "HTTP methods are case-sensitive (RFC 9110): send the method in capitals, e.g. PATCH");
      return;
    }
    Route route = route(target);
    if (route != Route.API) {
      Optional<AdminGuard.Refusal> refusal = guard.check(method, target, request::getHeader);
      if (refusal.isPresent()) {
        AdminGuard.Refusal r = refusal.get();
        if (r.status() == 401) {
          response.setHeader("WWW-Authenticate", "Bearer realm=\"assistant-mock admin\"");
        }
        refuse(base, response, r.status(), r.rule(), r.in(), r.pointer(), r.message());
        return;
      }
    } else if (Cors.isPreflight(method, request)) {
      Cors.answerPreflight(request, response);
      base.setHandled(true);
      logEdgeAnswer(base, 200, "CORS preflight");
      return;
    } else {
      Cors.grant(request, response);
    }
    readBody(target, base, request, response, route, ready, since);
  }

  static Route route(String target) {
    if (target.equals("/__admin") || target.startsWith("/__admin/")) {
      return Route.ADMIN;
    }
    String t = target.toLowerCase(Locale.ROOT);
    return t.contains("/__admin") || t.contains("/__mock") ? Route.MOCK : Route.API;
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

  // ---- 4. body ---------------------------------------------------------------------------------

  private void readBody(
      String target,
      Request base,
      HttpServletRequest request,
      HttpServletResponse response,
      Route route,
      Open ready,
      long since)
      throws IOException, ServletException {
    String encoding =
        String.join(", ", java.util.Collections.list(request.getHeaders("Content-Encoding")));
    Optional<BodyDecoder.Coding> coding =
        BodyDecoder.Coding.parse(encoding.isEmpty() ? null : encoding);
    if (coding.isEmpty()) {
      response.setHeader("Connection", "close");
      refuse(
          base,
          response,
          400,
          EdgeRules.BODY_CONTENT_ENCODING,
          "header",
          "/Content-Encoding",
          "this mock reads request bodies sent as they are, gzip or deflate; not in another"
              + " Content-Encoding");
      return;
    }
    long limit = route == Route.ADMIN ? policy.maxAdminBodyBytes() : ready.maxBodyBytes();
    long length = request.getContentLengthLong();
    if (length > limit) {
      response.setHeader("Connection", "close");
      refuse(
          base,
          response,
          400,
          EdgeRules.BODY_LIMITS,
          "body",
          "",
          "the body exceeds a limit of this server: Content-Length "
              + length
              + " is over "
              + limit
              + " bytes");
      return;
    }
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (length == 0 || (length < 0 && !chunked)) {
      pass(target, base, request, response, route, NO_BODY);
      return;
    }
    ServletInputStream in = request.getInputStream();
    BodyDecoder decoder = new BodyDecoder(coding.get(), limit, length);
    if (length > 0) {
      // fast path: a body that arrived with its head is read now, on this thread
      byte[] buffer = new byte[(int) Math.min(length, FAST_PATH_BUFFER)];
      long got = 0;
      while (got < length) {
        int available = in.available();
        if (available <= 0) {
          break;
        }
        int n =
            in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(available, length - got)));
        if (n < 0) {
          break;
        }
        got += n;
        BodyDecoder.Outcome o = decoder.write(buffer, 0, n);
        if (o != BodyDecoder.Outcome.OK) {
          decoder.close();
          refuseBody(base, response, o, decoder.wireBytes(), limit);
          return;
        }
      }
      if (got == length) {
        BodyDecoder.Outcome o = decoder.finish();
        decoder.close();
        if (o != BodyDecoder.Outcome.OK) {
          refuseBody(base, response, o, decoder.wireBytes(), limit);
        } else {
          pass(target, base, request, response, route, decoder.body());
        }
        return;
      }
    }
    // the rest is still on its way: read it as it arrives, holding no thread meanwhile
    AsyncContext async = request.startAsync();
    long deadline = Math.max(since, base.getTimeStamp()) + policy.bodyTimeout().toMillis();
    async.setTimeout(Math.max(1, deadline - System.currentTimeMillis()));
    BodyReader reader =
        new BodyReader(async, in, decoder, new Pending(base, request, response, route, limit));
    async.addListener(reader);
    pendingBodies.incrementAndGet();
    in.setReadListener(reader);
  }

  /** The end of an asynchronous read. Exactly one method is called per request. */
  private final class Pending implements BodyReader.Outcomes {
    private final Request base;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Route route;
    private final long limit;

    Pending(
        Request base,
        HttpServletRequest request,
        HttpServletResponse response,
        Route route,
        long limit) {
      this.base = base;
      this.request = request;
      this.response = response;
      this.route = route;
      this.limit = limit;
    }

    @Override
    public void complete(BodyReader reader, byte[] body) {
      pendingBodies.decrementAndGet();
      request.setAttribute(STAGE, new Stage(route, body, 0));
      reader.async().dispatch();
    }

    @Override
    public void refuse(BodyReader reader, BodyDecoder.Outcome outcome) {
      pendingBodies.decrementAndGet();
      try {
        refuseBody(base, response, outcome, -1, limit);
      } catch (IOException e) {
        // the client is gone
      }
      completeQuietly(reader.async());
    }

    @Override
    public void timedOut(BodyReader reader) {
      pendingBodies.decrementAndGet();
      try {
        response.setHeader("Connection", "close");
        EdgeHandler.this.refuse(
            base,
            response,
            408,
            EdgeRules.BODY_TIMEOUT,
            "body",
            "",
            "the body did not arrive within "
                + policy.bodyTimeout().toSeconds()
                + " s of the request's head");
      } catch (IOException e) {
        // the client is gone
      }
      completeQuietly(reader.async());
    }

    @Override
    public void failed(BodyReader reader, Throwable cause) {
      pendingBodies.decrementAndGet();
      if (cause != null && !response.isCommitted()) {
        try {
          response.setHeader("Connection", "close");
          EdgeHandler.this.refuse(
              base,
              response,
              400,
              EdgeRules.MALFORMED,
              "body",
              "",
              "the body ended before it was complete");
        } catch (IOException | RuntimeException e) {
          // the client is gone
        }
      }
      completeQuietly(reader.async());
    }
  }

  private static void completeQuietly(AsyncContext async) {
    try {
      async.complete();
    } catch (IllegalStateException alreadyDone) {
      // completed (or the server is stopping)
    }
  }

  private void refuseBody(
      Request base,
      HttpServletResponse response,
      BodyDecoder.Outcome outcome,
      long wire,
      long limit)
      throws IOException {
    response.setHeader("Connection", "close");
    if (outcome == BodyDecoder.Outcome.TOO_LARGE) {
      refuse(
          base,
          response,
          400,
          EdgeRules.BODY_LIMITS,
          "body",
          "",
          "the body exceeds a limit of this server: over "
              + limit
              + " bytes (as sent or once decoded)");
    } else {
      refuse(
          base,
          response,
          400,
          EdgeRules.BODY_CONTENT_ENCODING,
          "body",
          "",
          "the body is not valid in its Content-Encoding");
    }
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
    Open ready = open;
    ReceivedRequest received =
        new ReceivedRequest(base.getMethod(), rawTarget(base), headers(base), body);
    if (route == Route.ADMIN && !policy.allowAdminProxy() && namesAProxy(body)) {
      AdminGuard.Refusal r = AdminGuard.proxyRefusal();
      refuse(base, response, r.status(), r.rule(), r.in(), r.pointer(), r.message());
      return;
    }
    SecretMasker masker = RequestMasker.forRequest(ready.known(), received.headers());
    MaskedRequest view = RequestMasker.view(request, received, masker, route == Route.ADMIN);
    Exchange.enter(received, masker, view.authorization());
    try {
      super.handle(target, base, view, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      if (response.isCommitted()) {
        throw e; // half an answer is out: Jetty drops the connection
      }
      failure(base, response, e);
    } finally {
      Exchange.exit();
    }
  }

  private static String rawTarget(Request base) {
    String pathQuery = base.getHttpURI().getPathQuery();
    return pathQuery == null || pathQuery.isEmpty() ? "/" : pathQuery;
  }

  private static List<Map.Entry<String, String>> headers(Request base) {
    List<Map.Entry<String, String>> out = new ArrayList<>(base.getHttpFields().size());
    for (HttpField f : base.getHttpFields()) {
      out.add(Map.entry(f.getName(), f.getValue() == null ? "" : f.getValue()));
    }
    return out;
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

  // ---- answers of the edge's own ---------------------------------------------------------------

  private void refuse(
      Request base,
      HttpServletResponse response,
      int status,
      String rule,
      String in,
      String pointer,
      String message)
      throws IOException {
    byte[] body = errors.render(status, rule, in, pointer, message);
    write(base, response, status, body);
    logEdgeAnswer(base, status, rule);
  }

  private void failure(Request base, HttpServletResponse response, Throwable t) {
    LOG.error(
        "internal error answering {} {}: {}",
        base.getMethod(),
        safePath(base),
        t.getClass().getName());
    if (!response.isCommitted()) {
      try {
        response.setHeader("Connection", "close");
        write(base, response, 500, internalError);
      } catch (IOException | RuntimeException e) {
        // nothing more can be done for this request
      }
    }
  }

  private static void write(Request base, HttpServletResponse response, int status, byte[] body)
      throws IOException {
    base.setHandled(true);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private void logEdgeAnswer(Request base, int status, String what) {
    if (policy.verbose()) {
      LOG.info(
          "{} {} -> {} ({}, answered by the edge)", base.getMethod(), safePath(base), status, what);
    }
  }

  /** The path for a log line: masked with the known secrets, at most 200 characters. */
  private String safePath(Request base) {
    Open ready = open;
    SecretMasker known =
        ready == null ? SecretMasker.standard().withSecrets(policy.secrets()) : ready.known();
    String shown =
        RequestMasker.forRequest(known, headers(base)).maskRequestTarget(rawTarget(base));
    return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
  }
}
