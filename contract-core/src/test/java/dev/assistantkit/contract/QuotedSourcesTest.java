package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.masking.QuotedSources;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecLimits;
import dev.assistantkit.contract.spec.SpecLoadException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A loader's reason for refusing a spec, masked for a log or the health check when the spec holds a
 * key the masker knows: YAML readers quote the line at fault and cut a long one short ({@code
 * sk-live-7Hq ...}), a fragment of the key no masker can find by itself. Each case is a real
 * refusal of the loader, checked to show the key (or a part of it) before it is masked.
 */
class QuotedSourcesTest {

  static final String KEY = "sk-watch-Q7f3Zr9LmW2xK8pT4vN6";
  static final String SLASHED = "adm/Token+9Xq2Lp7Zs";

  static final String HEAD =
      """
      openapi: 3.1.0
      info: {title: t, version: '1'}
      paths: {}
      """;

  @TempDir Path dir;

  private final SecretMasker masker = SecretMasker.standard().withSecrets(List.of(KEY, SLASHED));

  /** The forms of the secrets the cases write, each checked for any 8 characters in a row. */
  static List<String> forms() {
    String basic =
        Base64.getEncoder().encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8));
    return List.of(
        KEY,
        URLEncoder.encode(KEY, StandardCharsets.UTF_8).replace("-", "%2D"),
        basic.substring(8), // past "user:" and the first character of the key
        "\\u0073" + KEY.substring(1),
        SLASHED.replace("/", "~1"),
        SLASHED);
  }

  record BrokenSpec(String name, String tail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<BrokenSpec> cases() {
    String b64 =
        Base64.getEncoder().encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8));
    return List.of(
        new BrokenSpec("whole-in-an-unclosed-quote", "x-fixture: \"Bearer " + KEY + "\n"),
        new BrokenSpec("cut-short-after-a-tab", "x-fixture:\n\tapi_key: " + KEY + "\n"),
        new BrokenSpec("base64-cut-short", "x-fixture:\n\tb: Basic " + b64 + "\n"),
        new BrokenSpec(
            "percent-encoded-cut-short",
            "x-fixture:\n\turl: http://h/?api_key="
                + URLEncoder.encode(KEY, StandardCharsets.UTF_8).replace("-", "%2D")
                + "\n"),
        new BrokenSpec(
            "json-escaped-cut-short",
            "x-fixture: \"" + "p".repeat(20) + " \\u0073" + KEY.substring(1) + "\n"),
        new BrokenSpec(
            "a-pointer-escaped-name",
            "components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/"
                + SLASHED.replace("/", "~1")
                + "'\n"));
  }

  private SpecLoadException refusal(String tail) throws IOException {
    Path spec = dir.resolve("openapi.yaml");
    Files.writeString(spec, HEAD + tail);
    return assertThrows(SpecLoadException.class, () -> SpecDocument.fromFile(spec));
  }

  private static Optional<String> fragment(String text) {
    for (String form : forms()) {
      for (int i = 0; i + 8 <= form.length(); i++) {
        if (text.contains(form.substring(i, i + 8))) {
          return Optional.of(form.substring(i, i + 8));
        }
      }
    }
    return Optional.empty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void no_part_of_a_key_is_left_in_the_loaders_reason(BrokenSpec c) throws IOException {
    SpecLoadException e = refusal(c.tail());
    assertTrue(fragment(e.getMessage()).isPresent(), "the case shows a key: " + e.getMessage());

    QuotedSources quoted = QuotedSources.read(masker, e.files(), SpecLimits.DEFAULT.maxBytes());
    String shown = quoted.mask(e.getMessage());
    assertEquals(Optional.empty(), fragment(shown), shown);
    assertEquals(Optional.empty(), fragment(quoted.mask(e.where())), e.where());
    assertTrue(shown.contains("openapi.yaml"), "it still names the file: " + shown);
  }

  @Test
  void the_reason_keeps_its_line_and_column_and_what_holds_no_secret() throws IOException {
    SpecLoadException e = refusal("x-fixture:\n\tapi_key: " + KEY + "\n");
    String shown =
        QuotedSources.read(masker, e.files(), SpecLimits.DEFAULT.maxBytes()).mask(e.getMessage());
    assertTrue(shown.contains("line 4, column 1"), shown);
    assertTrue(shown.contains("api_key:"), "the line's own words stay: " + shown);

    SpecLoadException plain = refusal("x-fixture:\n\tnote: nothing secret here\n");
    assertEquals(
        plain.getMessage(),
        QuotedSources.read(masker, plain.files(), SpecLimits.DEFAULT.maxBytes())
            .mask(plain.getMessage()),
        "a reason that quotes no secret is left as it is");
  }

  @Test
  void texts_given_as_strings_and_files_that_are_gone() {
    QuotedSources quoted = QuotedSources.of(masker, List.of("a: " + KEY + " b"));
    assertEquals("x *** y", quoted.mask("x " + KEY.substring(0, 12) + " y"));
    assertEquals("x sk- y", quoted.mask("x sk- y"), "shorter than a secret can be");
    assertNull(quoted.mask(null));
    QuotedSources none = QuotedSources.read(masker, List.of(dir.resolve("gone.yaml")), 1 << 20);
    assertEquals("key *** here", none.mask("key " + KEY + " here"));
    assertFalse(none.mask("cut " + KEY.substring(0, 12)).contains("***"), "nothing to compare");
  }
}
