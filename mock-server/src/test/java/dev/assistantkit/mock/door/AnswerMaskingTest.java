package dev.assistantkit.mock.door;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.masking.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The mock's own answers are masked on the way out, and an answer given again as the same bytes is
 * read once by the door's masker: remembering a body found clean never lets a secret out, whether
 * the door learns a new secret (a reload) or a request's own credentials are in it.
 */
class AnswerMaskingTest {

  private static final String NEW_KEY = "key-learnt-on-reload-7d2e";
  private static final String TOKEN = "request-token-91ab3c";

  private static Reply json(String text) {
    return new Reply(
        200,
        List.of(Map.entry("Content-Type", "application/json")),
        text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Reply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void a_body_remembered_clean_is_read_again_for_any_other_masker() {
    AtomicReference<SecretMasker> known =
        new AtomicReference<>(SecretMasker.standard().withSecrets(List.of("mock-dev-key")));
    AnswerMasking masking = new AnswerMasking(ErrorBodies.json(), known::get);
    Reply given = json("{\"note\":\"" + NEW_KEY + "\",\"echo\":\"" + TOKEN + "\"}");

    // nothing the door knows is in it: given as it is, twice (the second time remembered)
    assertSame(given, masking.mask(given, known.get()));
    assertSame(given, masking.mask(given, known.get()));

    // a request's own masker knows its credentials: the same bytes are read again
    SecretMasker withToken = known.get().withSecrets(List.of(TOKEN));
    String shown = text(masking.mask(given, withToken));
    assertFalse(shown.contains(TOKEN), shown);

    // the door learns a key (a reload): its masker is another, the same bytes are read again
    known.set(known.get().withSecrets(List.of(NEW_KEY)));
    shown = text(masking.mask(given, known.get()));
    assertFalse(shown.contains(NEW_KEY), shown);
    shown = text(masking.mask(given, known.get()));
    assertFalse(shown.contains(NEW_KEY), "and again: " + shown);
  }

  @Test
  void a_body_with_a_secret_is_masked_every_time() {
    SecretMasker known = SecretMasker.standard().withSecrets(List.of("mock-dev-key"));
    AnswerMasking masking = new AnswerMasking(ErrorBodies.json(), () -> known);
    Reply given = json("{\"api_key\":\"abc123def456\",\"echo\":\"Bearer mock-dev-key\"}");
    for (int i = 0; i < 3; i++) {
      String shown = text(masking.mask(given, known));
      assertFalse(shown.contains("abc123def456"), shown);
      assertFalse(shown.contains("mock-dev-key"), shown);
      assertTrue(shown.contains(SecretMasker.MASK), shown);
    }
  }

  @Test
  void a_body_over_16_kib_is_not_held_once_sent() throws InterruptedException {
    SecretMasker known = SecretMasker.standard();
    AnswerMasking masking = new AnswerMasking(ErrorBodies.json(), () -> known);
    java.lang.ref.WeakReference<byte[]> held = maskedOnce(masking, known, 17 * 1024);
    for (int i = 0; i < 20 && held.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertTrue(held.get() == null, "a large answer made for one request is not remembered");
  }

  private static java.lang.ref.WeakReference<byte[]> maskedOnce(
      AnswerMasking masking, SecretMasker known, int size) {
    Reply large = json("{\"text\":\"" + "x".repeat(size) + "\"}");
    assertSame(large, masking.mask(large, known));
    return new java.lang.ref.WeakReference<>(large.body());
  }
}
