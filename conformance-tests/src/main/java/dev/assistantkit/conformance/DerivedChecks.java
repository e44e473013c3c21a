package dev.assistantkit.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bodies derived from each operation's request schema when the run starts, judged by the contract.
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("cases derived from the spec")
@Order(2)
public class DerivedChecks {

  @TestFactory
  @DisplayName("each derived body gets the contracts answer")
  Stream<DynamicNode> each_derived_body_gets_the_contracts_answer(SuiteRun run) {
    return Checks.of(run, CheckKind.DERIVED);
  }
}
