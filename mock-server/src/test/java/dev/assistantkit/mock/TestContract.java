package dev.assistantkit.mock;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The product's contract for the mock's tests, and small helpers over it. */
final class TestContract {

  static final Contract CONTRACT = Contract.load();
  static final Operation UPDATE = CONTRACT.operations().get(0);

  private TestContract() {}

  /** A named example of the spec (components/examples), as JSON text. */
  static String example(String name) {
    return MockHttp.JSON.writeValueAsString(
        CONTRACT.spec().exampleValue("#/components/examples/" + name));
  }

  /** The response checks of the core for an answer of the mock to an update of this id. */
  static List<Finding> responseFindings(String id, MockHttp.Answer a) {
    ApiRequest r =
        new ApiRequest("PATCH", "/assistant/update/" + id, Headers.of(Map.of()), new byte[0]);
    return CONTRACT.checkResponse(r, Observed.of(a.status(), a.contentType(), a.body()), Set.of());
  }
}
