package dev.assistantkit.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bounded, seeded fuzz of each operation's body, judged by the contract like any other case. */
@ExtendWith(ConformanceExtension.class)
@DisplayName("fuzzed bodies")
@Order(3)
public class FuzzChecks {

  @TestFactory
  @DisplayName("each fuzzed body gets the contracts answer")
  Stream<DynamicNode> each_fuzzed_body_gets_the_contracts_answer(SuiteRun run) {
    return Checks.of(run, CheckKind.FUZZ);
  }
}
