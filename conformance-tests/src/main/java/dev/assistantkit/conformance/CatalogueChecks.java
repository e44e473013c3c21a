package dev.assistantkit.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every case the spec's rule catalogue writes down, sent to the server and judged by the contract.
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("catalogue cases")
@Order(1)
public class CatalogueChecks {

  @TestFactory
  @DisplayName("each catalogue case gets the contracts answer")
  Stream<DynamicNode> each_catalogue_case_gets_the_contracts_answer(SuiteRun run) {
    return Checks.of(run, CheckKind.CATALOGUE);
  }
}
