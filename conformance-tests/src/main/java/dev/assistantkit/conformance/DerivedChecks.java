package dev.assistantkit.conformance;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cases derived from the request schema when the run starts, judged by the core. */
@ExtendWith(ConformanceExtension.class)
@DisplayName("cases derived from the spec")
@Order(2)
public class DerivedChecks {

  @TestFactory
  @DisplayName("each derived body gets the contract's answer")
  Stream<DynamicContainer> each_derived_body_gets_the_contracts_answer(Session session) {
    Map<String, List<DerivedCases.Derived>> groups = new LinkedHashMap<>();
    for (DerivedCases.Derived d : DerivedCases.derive(session.contract())) {
      groups.computeIfAbsent(d.group(), g -> new java.util.ArrayList<>()).add(d);
    }
    return groups.entrySet().stream()
        .map(
            g ->
                dynamicContainer(
                    g.getKey(),
                    g.getValue().stream()
                        .map(
                            d ->
                                dynamicTest(
                                    d.name(),
                                    () ->
                                        session.check(
                                            session.bodyCase(
                                                "derived/" + d.group() + "/" + d.name(),
                                                d.json(),
                                                d.givenMode(),
                                                d.subjects()))))));
  }
}
