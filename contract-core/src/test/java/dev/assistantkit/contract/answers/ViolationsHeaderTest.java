package dev.assistantkit.contract.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The X-Contract-Violations header carries only printable ASCII, whatever names a request sent. */
class ViolationsHeaderTest {

  @Test
  void names_past_ascii_are_escaped_as_json_reads_them() {
    String json = "[{\"pointer\":\"/caf\u00e9\u2028\\r\"}]";
    String header = Answers.asciiOnly(json);
    assertEquals("[{\"pointer\":\"/caf\\u00e9\\u2028\\r\"}]", header);
    assertEquals(
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(json),
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(header));
  }
}
