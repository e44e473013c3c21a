package dev.assistantkit.conformance;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.assistantkit.contract.Rule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every case the rule catalogue writes down, sent to the server and judged by the core. */
@ExtendWith(ConformanceExtension.class)
@DisplayName("catalogue cases")
@Order(1)
public class CatalogueChecks {

  @TestFactory
  @DisplayName("each catalogue case gets the contract's answer")
  Stream<DynamicContainer> each_catalogue_case_gets_the_contracts_answer(Session session) {
    return session.contract().rules().all().stream()
        .filter(rule -> !rule.cases().isEmpty())
        .map(
            rule ->
                dynamicContainer(
                    label(rule),
                    rule.cases().stream()
                        .map(c -> dynamicTest(c.name(), () -> session.check(session.caseOf(c))))));
  }

  private static String label(Rule rule) {
    return rule.id() + " (" + rule.origin().wireName() + ")";
  }
}
