package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The door's Jetty handler: every request passes here, in this order, before anything else sees it.
 *
 * <ol>
 *   <li><b>Request line</b>: methods are case-sensitive ({@code patch} is not PATCH), a query's
 *       {@code %} must start an escape, and an asterisk-form target is only for {@code OPTIONS}
 *       (400 {@code request.malformed}).
 *   <li><b>Who</b>: the admin surface refuses other origins and, beyond loopback, requests without
 *       the token ({@link AdminGuard}); API paths get CORS ({@link Cors}) unless the request goes
 *       to an upstream that answers for itself.
 *   <li><b>Body</b>: read and bounded by {@link BodyIntake}: at once when it has arrived with the
 *       head, else asynchronously, with a deadline.
 *   <li><b>Hand-over</b>: the {@link Exchange} goes to the {@link Downstream} (the gate). A failure
 *       is a JSON 500; an exchange no road answered is one too.
 * </ol>
 */
final class DoorHandler extends AbstractHandler {

  private final DoorPolicy policy;
  private final Door.Parts parts;
  private final AdminGuard guard;
  private final BodyIntake bodies;
  private final Downstream downstream;
  private final Supplier<SecretMasker> known;
  private final LongSupplier maxBodyBytes;

  DoorHandler(
      DoorPolicy policy,
      Door.Parts parts,
      Downstream downstream,
      Supplier<SecretMasker> known,
      LongSupplier maxBodyBytes) {
    this.policy = policy;
    this.parts = parts;
    this.guard = new AdminGuard(policy);
    this.bodies = new BodyIntake(policy, parts.answers());
    this.downstream = downstream;
    this.known = known;
    this.maxBodyBytes = maxBodyBytes;
  }

  BodyIntake bodies() {
    return bodies;
  }

  @Override
  public void handle(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      front(target == null ? "" : target, base, request, response);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      parts.answers().failure(base, response, t);
    }
  }

  private void front(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = base.getMethod();
    String raw = DoorAnswers.rawTarget(base);
    if (!isUpperCaseToken(method)) {
      malformed(
          base,
          response,
          "HTTP methods are case-sensitive (RFC 9110): send the method in capitals, e.g. PATCH");
      return;
    }
    if (raw.equals("*")) {
      asterisk(base, response, method);
      return;
    }
    if (!wellEncodedQuery(raw)) {
      malformed(
          base,
          response,
          "the query has a % that is not followed by two hex digits; percent-encode a literal % as %25");
      return;
    }
    // the stricter of the path as Jetty resolved it and as sent: /docs/..;/__admin is the admin
    // surface, and so is /__mock/assistants/..;/.. (which Jetty resolves to /)
    Surface surface = stricter(surface(target), surface(DoorAnswers.rawPath(raw)));
    if (surface != Surface.API) {
      Optional<AdminGuard.Refusal> refusal = guard.check(method, target, request::getHeader);
      if (refusal.isPresent()) {
        if (refusal.get().status() == 401) {
          response.setHeader("WWW-Authenticate", "Bearer realm=\"assistant-mock admin\"");
        }
        parts.answers().refuse(base, response, refusal.get());
        return;
      }
    } else if (!downstream.doorSpeaksCors(surface, target)) {
      // the upstream's answer goes back unchanged, CORS headers and preflights too
    } else if (Cors.isPreflight(method, request)) {
      Cors.answerPreflight(request, response);
      base.setHandled(true);
      parts.answers().logged(base, 200, "CORS preflight");
      return;
    } else {
      Cors.grant(request, response);
    }
    long limit = surface == Surface.ADMIN ? policy.maxAdminBodyBytes() : maxBodyBytes.getAsLong();
    bodies.read(
        base,
        request,
        response,
        limit,
        (body, async) -> hand(base, response, surface, body, async));
  }

  /** Builds the exchange and hands it to the gate; never throws. */
  private void hand(
      Request base,
      HttpServletResponse response,
      Surface surface,
      byte[] body,
      AsyncContext async) {
    Exchange x = null;
    try {
      var headers = DoorAnswers.headers(base);
      x =
          new Exchange(
              parts,
              base,
              response,
              surface,
              headers,
              body,
              RequestMasker.forRequest(known.get(), headers),
              async);
      downstream.answer(x);
      if (!x.answered() && !x.detached()) {
        x.fail(new IllegalStateException("no road answered the request"));
      }
    } catch (RuntimeException | Error e) {
      if (x == null) {
        parts.answers().failure(base, response, e);
        if (async != null) {
          async.complete();
        }
      } else {
        x.fail(e);
      }
    }
  }

  /** The asterisk-form target (RFC 9112 3.2.4): OPTIONS asks what the server allows. */
  private void asterisk(Request base, HttpServletResponse response, String method)
      throws IOException {
    if (!method.equals("OPTIONS")) {
      malformed(base, response, "the request target * is only for OPTIONS");
      return;
    }
    base.setHandled(true);
    response.setStatus(200);
    response.setHeader("Allow", Cors.METHODS);
    response.setContentLength(0);
    parts.answers().logged(base, 200, "OPTIONS *");
  }

  private static Surface stricter(Surface a, Surface b) {
    if (a == Surface.ADMIN || b == Surface.ADMIN) {
      return Surface.ADMIN;
    }
    return a == Surface.MOCK || b == Surface.MOCK ? Surface.MOCK : Surface.API;
  }

  static Surface surface(String target) {
    if (target.equals("/__admin") || target.startsWith("/__admin/")) {
      return Surface.ADMIN;
    }
    String t = target.toLowerCase(Locale.ROOT);
    return t.contains("/__admin") || t.contains("/__mock") ? Surface.MOCK : Surface.API;
  }

  /** A 400 {@code request.malformed} for a request line the door will not pass on. */
  private void malformed(Request base, HttpServletResponse response, String message)
      throws IOException {
    parts.answers().refuse(base, response, 400, DoorRules.MALFORMED, "path", "", message);
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
}
