package dev.assistantkit.mock.door;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages, replaced: every error Jetty or a servlet answers on its own (a bad request
 * line, a URI or headers too large, an unsupported version, a servlet's sendError, an exception,
 * running out of memory) is the mock's JSON error body, never HTML, a stack trace or a class name.
 * Installed on the server and on each context.
 */
final class DoorErrorHandler extends ErrorHandler {

  /** Pre-rendered, for when nothing more can be allocated. */
  private final byte[] internalError;

  private final ErrorBodies errors;

  DoorErrorHandler(ErrorBodies errors) {
    this.errors = errors;
    this.internalError =
        errors.render(500, DoorRules.INTERNAL_ERROR, "body", "", "the mock failed to answer");
    setShowStacks(false);
    setShowServlet(false);
    setShowMessageInTitle(false);
  }

  /** Every method gets a body, not only GET, POST and HEAD. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    int status = response.getStatus();
    if (status == 505) {
      status = 400; // an HTTP version the mock does not speak is the client's mistake
      response.setStatus(400);
    }
    byte[] body = body(status);
    response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
    response.setContentType("application/json");
    response.setContentLength(body.length);
    try {
      response.getOutputStream().write(body);
    } catch (IllegalStateException writerInUse) {
      response.getWriter().write(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * The body of a message Jetty could not even parse (the status is Jetty's; 5xx never come here).
   */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    return ByteBuffer.wrap(body(status));
  }

  byte[] body(int status) {
    if (status >= 500 && status != 503) {
      return internalError;
    }
    String rule = DoorRules.forStatus(status);
    return errors.render(status, rule, DoorRules.partFor(rule), "", message(status));
  }

  private static String message(int status) {
    return switch (status) {
      case 400 -> "the request is not well-formed HTTP/1.1 (request line, headers or framing)";
      case 404 -> "this mock has nothing at this path";
      case 408 -> "the request took too long to arrive";
      case 413 -> "the request body is too large";
      case 414 -> "the request target (URI) is too long for this mock";
      case 431 -> "the request headers are too large for this mock";
      case 503 -> "the mock is not ready to answer";
      default -> "the request could not be handled (HTTP " + status + ")";
    };
  }
}
