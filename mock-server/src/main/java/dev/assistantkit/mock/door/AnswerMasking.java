package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The last look at every answer of the mock's own, on every road: secret properties masked on the
 * JSON tree, known secrets and this request's credentials masked anywhere (an error message that
 * quotes a value, a provider option stored as sent); an error of the mock's own that is not JSON
 * gets the error shape, unless the document itself gives it. Users' stubs and upstreams answer as
 * they are.
 *
 * <p>An answer the mock gives again and again as the same bytes (an example or a generated body of
 * a stateless document, made once and kept) is read once for each masker that reads it: the door's
 * own masker (every known secret, for a request that sent no credentials) remembers, by identity,
 * the last bodies of up to 16 KiB it found nothing to mask in, 64 at most: what it holds that would
 * otherwise be garbage (a stateful answer, made for one request) stays under 1 MiB. A request's own
 * masker (its credentials) reads every body every time.
 */
final class AnswerMasking {

  private static final int CLEAN = 64;
  private static final int CLEAN_BYTES = 16 * 1024;

  private final ErrorBodies errors;
  private final Supplier<SecretMasker> known;
  // bodies the masker in the same slot found nothing to mask in: a hit needs both, identical
  private final AtomicReferenceArray<Clean> clean = new AtomicReferenceArray<>(CLEAN);

  private record Clean(SecretMasker masker, byte[] body) {}

  /**
   * @param known the door's masker of every known secret (as it is now: a reload may replace it)
   */
  AnswerMasking(ErrorBodies errors, Supplier<SecretMasker> known) {
    this.errors = errors;
    this.known = known;
  }

  ErrorBodies errors() {
    return errors;
  }

  Reply mask(Reply reply, SecretMasker masker) {
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
    boolean remembered = body.length <= CLEAN_BYTES && masker == known.get();
    int slot = System.identityHashCode(body) & (CLEAN - 1);
    if (remembered) {
      Clean c = clean.get(slot);
      if (c != null && c.body() == body && c.masker() == masker) {
        return reply;
      }
    }
    byte[] shown = masker.maskJsonBody(body).orElse(null);
    if (remembered && shown == body) {
      clean.set(slot, new Clean(masker, body));
    }
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
