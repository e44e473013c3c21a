package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last look at every answer of the mock's own, on every road: secret properties masked on the
 * JSON tree, known secrets and this request's credentials masked anywhere (an error message that
 * quotes a value, a provider option stored as sent); an error of the mock's own that is not JSON
 * gets the error shape, unless the document itself gives it. Users' stubs and upstreams answer as
 * they are.
 */
final class AnswerMasking {

  private AnswerMasking() {}

  static Reply mask(ErrorBodies errors, Reply reply, SecretMasker masker) {
    byte[] body = reply.body();
    if (body.length == 0) {
      return reply;
    }
    String type = reply.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.contains("json")) {
      if (reply.status() < 400 || reply.documented()) {
        // docs, the spec, a document's own answer (a text or XML example of an error): nothing of
        // a request in them
        return reply;
      }
      String rule = DoorRules.forStatus(reply.status());
      return retyped(
          reply,
          reply.status(),
          errors.render(
              reply.status(),
              rule,
              DoorRules.partFor(rule),
              "",
              "this mock has nothing at this path"));
    }
    byte[] shown = masker.maskJsonBody(body).orElse(null);
    if (shown == null) {
      return retyped(
          reply,
          500,
          errors.render(
              500, DoorRules.INTERNAL_ERROR, "body", "", "the mock's answer was not valid JSON"));
    }
    return shown == body
        ? reply
        : new Reply(reply.status(), reply.reason(), reply.headers(), shown);
  }

  private static Reply retyped(Reply reply, int status, byte[] json) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : reply.headers()) {
      if (!h.getKey().equalsIgnoreCase("Content-Type")
          && !h.getKey().equalsIgnoreCase("Content-Length")) {
        headers.add(h);
      }
    }
    headers.add(Map.entry("Content-Type", "application/json"));
    return new Reply(status, headers, json);
  }
}
