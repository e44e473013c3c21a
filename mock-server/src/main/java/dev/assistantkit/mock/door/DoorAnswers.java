package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers the door gives itself, in the error shape ({@link ErrorBodies}), and its log lines:
 * masked, at most a path, never a request's headers or body.
 */
final class DoorAnswers {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final ErrorBodies errors;
  private final boolean verbose;
  private final Supplier<SecretMasker> known;
  private final byte[] internalError;

  DoorAnswers(ErrorBodies errors, boolean verbose, Supplier<SecretMasker> known) {
    this.errors = errors;
    this.verbose = verbose;
    this.known = known;
    this.internalError =
        errors.render(500, DoorRules.INTERNAL_ERROR, "body", "", "the mock failed to answer");
  }

  void refuse(
      Request base,
      HttpServletResponse response,
      int status,
      String rule,
      String in,
      String pointer,
      String message)
      throws IOException {
    write(base, response, status, errors.render(status, rule, in, pointer, message));
    logged(base, status, rule);
  }

  void refuse(Request base, HttpServletResponse response, AdminGuard.Refusal r) throws IOException {
    refuse(base, response, r.status(), r.rule(), r.in(), r.pointer(), r.message());
  }

  /** The refusal of a body found over the limit or broken as it was read; the rest is unread. */
  void refuseBody(
      Request base, HttpServletResponse response, BodyDecoder.Decoded outcome, long limit)
      throws IOException {
    response.setHeader("Connection", "close");
    if (outcome == BodyDecoder.Decoded.TOO_LARGE) {
      refuse(
          base,
          response,
          400,
          DoorRules.BODY_LIMITS,
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
          DoorRules.BODY_CONTENT_ENCODING,
          "body",
          "",
          "the body is not valid in its Content-Encoding");
    }
  }

  /** A failure of the mock (an exception, out of memory): a 500 if nothing was sent yet. */
  void failure(Request base, HttpServletResponse response, Throwable t) {
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

  /**
   * Keeping an answer failed (a bug of the mock's): said once per failure, with no request data.
   */
  static void logKeepFailure(RuntimeException e) {
    LOG.error(
        "an answer could not be kept for the journal and traffic: {}", e.getClass().getName());
  }

  void logged(Request base, int status, String what) {
    if (verbose) {
      LOG.info(
          "{} {} -> {} ({}, answered by the door)", base.getMethod(), safePath(base), status, what);
    }
  }

  private static void write(Request base, HttpServletResponse response, int status, byte[] body)
      throws IOException {
    base.setHandled(true);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    if (base.isAsyncStarted()) {
      // the exchange is asynchronous already: its owner completes it once this is written
      response.getOutputStream().write(body);
      return;
    }
    // on the handling thread, written asynchronously: Jetty's blocking write of an answer's last
    // bytes waits for the client to take them, so a client that pipelined refused requests and
    // never read held a serving thread once its socket's buffers were full
    AsyncContext async = base.startAsync();
    async.setTimeout(0);
    base.getResponse()
        .getHttpOutput()
        .sendContent(
            ByteBuffer.wrap(body), Callback.from(async::complete, failed -> async.complete()));
  }

  /** The path for a log line: masked, this request's own credentials too; at most 200 chars. */
  private String safePath(Request base) {
    String shown =
        RequestMasker.forRequest(known.get(), headers(base)).maskRequestTarget(rawTarget(base));
    return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
  }

  /** The request target as on the wire. */
  static String rawTarget(Request base) {
    String pathQuery = base.getHttpURI().getPathQuery();
    return pathQuery == null || pathQuery.isEmpty() ? "/" : pathQuery;
  }

  /** The path of a request target as on the wire, without the query. */
  static String rawPath(String rawTarget) {
    int q = rawTarget.indexOf('?');
    return q < 0 ? rawTarget : rawTarget.substring(0, q);
  }

  /** Every header field as sent, in order. */
  static List<Map.Entry<String, String>> headers(Request base) {
    List<Map.Entry<String, String>> out = new ArrayList<>(base.getHttpFields().size());
    for (HttpField f : base.getHttpFields()) {
      out.add(Map.entry(f.getName(), f.getValue() == null ? "" : f.getValue()));
    }
    return out;
  }
}
