package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A spec whose catalogue and schemas disagree never loads: each edit below breaks the product's
 * spec in one way, and loading must fail naming the problem.
 */
class BrokenSpecTest {

  static String productSpec() {
    try (InputStream in =
        BrokenSpecTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One edit of the product's spec.
   *
   * @param name what it breaks
   * @param from text of the spec to replace (once)
   * @param to the replacement
   * @param says a word the load error must contain
   */
  record Edit(String name, String from, String to, String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static java.util.List<Edit> edits() {
    return java.util.List.of(
        new Edit(
            "a rule names a location that is not there",
            "'#/components/schemas/TtsModel/enum'",
            "'#/components/schemas/TtsModel/enumm'",
            "not in the spec"),
        new Edit(
            "a keyword belongs to no rule",
            "      minProperties: 1\n      additionalProperties: true",
            "      minProperties: 1\n      maxProperties: 9\n      additionalProperties: true",
            "TtsConfig/maxProperties belongs to no rule"),
        new Edit(
            "the engine's credentials rule is missing",
            "  credentials: auth.bearer",
            "  credentials: auth.bearerz",
            "credentials"),
        new Edit(
            "a resource names a missing id parameter",
            "        id-parameter: assistant_id",
            "        id-parameter: assistant_uuid",
            "assistant_uuid"),
        new Edit(
            "the order names an unknown rule",
            "{stage: request, rule: order.validation-before-existence}",
            "{stage: request, rule: order.nope}",
            "order.nope"),
        new Edit(
            "a case is given a field the state lacks",
            "{name: tts-while-realtime, expect: reject, given: {assistant_llm_mode: realtime}",
            "{name: tts-while-realtime, expect: reject, given: {llm_mode: realtime}",
            "llm_mode"),
        new Edit(
            "page-allows leaves out the rule's own status",
            "          page-allows: [400, 401]",
            "          page-allows: [400, 403]",
            "page-allows"),
        new Edit(
            "page-allows names a success",
            "          page-allows: [400, 404]",
            "          page-allows: [400, 404, 200]",
            "page-allows"),
        new Edit(
            "open contents on a rule whose page-allows names no rejection",
            "          page-allows: [200, 400]",
            "          page-allows: [200, 201]",
            "open-contents"),
        new Edit(
            "open contents shown in an example that is not there",
            "            shown-in: ['#/components/examples/SwitchToPipeline']",
            "            shown-in: ['#/components/examples/SwitchToPipelin']",
            "SwitchToPipelin"),
        new Edit(
            "open contents compared neither by keys nor by values",
            "            compare: keys",
            "            compare: kinds",
            "keys or values"),
        new Edit(
            "a response rule says no statuses",
            "          applies-to: [2xx]\n          source: 'The example response is a JSON document.'",
            "          source: 'The example response is a JSON document.'",
            "applies-to"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void a_spec_whose_parts_disagree_is_rejected(Edit edit) {
    String spec = productSpec();
    assertTrue(spec.contains(edit.from()), () -> "the edit does not apply: " + edit.from());
    String broken =
        spec.replaceFirst(Pattern.quote(edit.from()), Matcher.quoteReplacement(edit.to()));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Contract.fromYaml(broken), edit.name());
    assertTrue(e.getMessage().contains(edit.says()), () -> edit.name() + ": " + e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void a_shared_rule_id_must_mean_the_same_in_every_catalogue() {
    String spec = MultiOperationSpec.yaml();
    String broken =
        spec.replaceFirst("(?s)(id: \"?assistant.exists\"?\\s+origin: \"?)documented", "$1decided");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Contract.fromYaml(broken));
    assertTrue(e.getMessage().contains("differs"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void text_that_is_not_a_spec_is_rejected_with_a_reason() {
    assertThrows(IllegalStateException.class, () -> Contract.fromYaml("- just a list"));
    assertThrows(IllegalStateException.class, () -> Contract.fromYaml("openapi: [unclosed"));
  }
}
