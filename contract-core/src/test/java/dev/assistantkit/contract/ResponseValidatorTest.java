package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Responses as data: status, content type, body, and the rule ids the check must produce. */
class ResponseValidatorTest {

  private static final String ID = "550e8400-e29b-41d4-a716-446655440000";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          documented-success       | 200 | application/json                | {"success":true,"message":"Assistant updated successfully","data":{"assistant_id":"550e8400-e29b-41d4-a716-446655440000"}} |
          extra-fields-allowed     | 200 | application/json; charset=utf-8 | {"success":true,"message":"ok","data":{"assistant_id":"550e8400-e29b-41d4-a716-446655440000","x":1},"y":2} |
          created-not-declared     | 201 | application/json                | {"success":true}                                                     | response.status-declared
          teapot-not-declared      | 418 | application/json                | {}                                                                   | response.status-declared
          no-assistant-id          | 200 | application/json                | {"success":true,"message":"ok","data":{}}                            | response.success-body
          no-data                  | 200 | application/json                | {"success":true,"message":"ok"}                                      | response.success-body
          other-assistant-id       | 200 | application/json                | {"success":true,"message":"ok","data":{"assistant_id":"11111111-1111-4111-8111-111111111111"}} | response.assistant-id-echo
          success-as-string        | 200 | application/json                | {"success":"true","message":"ok","data":{"assistant_id":"550e8400-e29b-41d4-a716-446655440000"}} | response.success-body
          success-as-text-plain    | 200 | text/plain                      | {"success":true,"message":"ok","data":{"assistant_id":"550e8400-e29b-41d4-a716-446655440000"}} | response.json
          success-not-json         | 200 | application/json                | Assistant updated                                                    | response.success-body
          error-documented-shape   | 400 | application/json                | {"success":false,"message":"bad","errors":[{"rule":"tts.pair","in":"body","pointer":"/assistant_tts_config","message":"m"}]} |
          error-fastapi-shape      | 400 | application/json                | {"detail":"bad request"}                                             | response.error-body
          error-as-html            | 500 | text/html                       | <html>oops</html>                                                    | response.error-body
          unauthorized-shape       | 401 | application/json                | {"success":false,"message":"Unauthorized","errors":[]}               |
          """)
  void response_check_names_the_broken_rule(
      String name, int status, String type, String body, String rules) {
    var report =
        CatalogueCasesTest.CONTRACT
            .responses()
            .check(status, type, body.getBytes(StandardCharsets.UTF_8), ID);
    Set<String> expected = rules == null ? Set.of() : Set.of(rules.split(","));
    assertEquals(expected, report.ruleIds(), report::toString);
  }
}
