package dev.assistantkit.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every exchange of this API in the HAR files given with --har, judged by the contract in order;
 * then, as the last test of the suite, whether the run judged anything at all.
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("recorded traffic")
@Order(4)
public class RecordedTrafficChecks {

  @TestFactory
  @DisplayName("each recorded exchange gets the contracts verdict")
  Stream<DynamicNode> each_recorded_exchange_gets_the_contracts_verdict(SuiteRun run) {
    // the last check class: the run's closing test comes after its own checks
    return Stream.concat(
        Checks.of(run, CheckKind.RECORDED), Stream.of(Checks.somethingJudged(run)));
  }
}
