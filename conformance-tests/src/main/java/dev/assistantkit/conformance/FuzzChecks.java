package dev.assistantkit.conformance;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded, seeded fuzz: generated bodies must never get a 5xx, and a body the contract rejects
 * must not get a 200. Every answer is judged like any other case.
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("fuzzed bodies")
@Order(3)
public class FuzzChecks {

  @TestFactory
  @DisplayName("each fuzzed body gets the contract's answer, never a 5xx")
  Stream<DynamicTest> each_fuzzed_body_gets_the_contracts_answer_never_a_5xx(Session session) {
    var settings = session.settings();
    return new FuzzBodies(new SpecBodies(session.contract()))
        .generate(settings.seed(), settings.fuzz()).stream()
            .map(
                f ->
                    dynamicTest(
                        f.name(),
                        () ->
                            session.check(
                                session.bodyCase(
                                    "fuzz/" + f.name(),
                                    new String(f.body(), StandardCharsets.UTF_8),
                                    Optional.empty(),
                                    List.of()))));
  }
}
