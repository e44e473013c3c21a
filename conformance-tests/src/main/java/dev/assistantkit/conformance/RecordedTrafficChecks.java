package dev.assistantkit.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every exchange of this API in the HAR files given with --har, judged by the contract in order.
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("recorded traffic")
@Order(4)
public class RecordedTrafficChecks {

  @TestFactory
  @DisplayName("each recorded exchange gets the contracts verdict")
  Stream<DynamicNode> each_recorded_exchange_gets_the_contracts_verdict(SuiteRun run) {
    return Checks.of(run, CheckKind.RECORDED);
  }
}
