package dev.assistantkit.contract;

import static dev.assistantkit.contract.Fixtures.CONTRACT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleCase;
import dev.assistantkit.contract.rules.RuleKind;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case written in the catalogue gets the answer it claims, in both profiles: the strict one
 * answers as the case says; the documented one requires the rejection exactly when the case's
 * origin (the rule's, or the case's own) is documented, and allows exactly the statuses the rule's
 * {@code page-allows} lists where the page leaves the status open. An accepted case is required of
 * every server following the page unless it claims the origin decided: then it sends contents the
 * page leaves open ({@code open-contents}), and the documented profile allows exactly the statuses
 * of the rule that says so.
 */
class CatalogueCasesTest {

  static Decision evaluate(Operation op, RuleCase c) {
    ApiRequest request = CaseRequests.request(op, c, Fixtures.KEY, Fixtures.GIVEN).orElseThrow();
    String mode = c.given().path("assistant_llm_mode").asString("pipeline");
    return CONTRACT.evaluate(request, Fixtures.inMode(mode));
  }

  @TestFactory
  Stream<DynamicTest> every_catalogue_case_gets_the_answer_it_claims() {
    return CONTRACT.operations().stream()
        .flatMap(
            op ->
                op.rules().all().stream()
                    .flatMap(
                        r ->
                            r.cases().stream()
                                .map(c -> DynamicTest.dynamicTest(c.id(), () -> check(op, r, c)))));
  }

  private static void check(Operation op, Rule rule, RuleCase c) {
    Decision d = evaluate(op, c);
    if (c.expect() == RuleCase.Expect.ACCEPT) {
      assertEquals(200, d.status(Profile.STRICT), () -> c.id() + " should be accepted: " + d);
      if (c.claimedOrigin().orElse(Origin.DOCUMENTED) == Origin.DOCUMENTED) {
        assertEquals(
            java.util.Set.of(200),
            d.acceptable(Profile.DOCUMENTED),
            () -> c.id() + ": a conformant server must accept it (open: " + d.open() + ")");
        return;
      }
      // decided: it sends contents the page leaves open, which a conformant server may refuse
      assertFalse(d.open().isEmpty(), () -> c.id() + " claims decided, but sends nothing open");
      java.util.Set<Integer> allowed = new java.util.TreeSet<>();
      d.open().violations().forEach(v -> allowed.addAll(v.pageAllows()));
      assertTrue(allowed.size() > 1 && allowed.contains(200), () -> c.id() + ": " + allowed);
      assertEquals(
          allowed,
          new java.util.TreeSet<>(d.acceptable(Profile.DOCUMENTED)),
          () -> c.id() + ": the page allows what the open rules list");
      for (Violation v : d.open().violations()) {
        Rule open = CONTRACT.rule(v.ruleId()).orElseThrow();
        assertTrue(open.openContents().isPresent() && open.origin() == Origin.DECIDED, v::ruleId);
      }
      return;
    }
    assertEquals(rule.status(), d.status(Profile.STRICT), () -> c.id() + ": " + d);
    if (rule.kind() != RuleKind.ORDER) {
      assertTrue(
          d.report(Profile.STRICT).ruleIds().contains(rule.id()),
          () -> c.id() + " should name " + rule.id() + ": " + d);
    }
    // documented: every server that follows the page answers as the contract does; decided: some
    // such server may answer otherwise (accept it, or check in another order)
    Origin origin = c.claimedOrigin().orElse(rule.origin());
    boolean required = d.acceptable(Profile.DOCUMENTED).equals(java.util.Set.of(rule.status()));
    assertEquals(
        origin == Origin.DOCUMENTED,
        required,
        () ->
            c.id()
                + " is "
                + origin.wireName()
                + ", but the documented reading allows "
                + d.acceptable(Profile.DOCUMENTED));
    if (!rule.pageAllows().isEmpty()) {
      // the catalogue lists the statuses the page allows where it leaves the status open
      assertEquals(
          rule.pageAllows(),
          d.acceptable(Profile.DOCUMENTED),
          () -> c.id() + ": the page allows " + rule.pageAllows());
    }
    for (Violation v : d.report(Profile.STRICT).violations()) {
      assertTrue(CONTRACT.rule(v.ruleId()).isPresent(), () -> "unmapped: " + v);
      assertFalse(v.message().isBlank());
    }
  }

  @Test
  void every_request_rule_is_proved_by_a_rejected_and_an_accepted_case() {
    for (Rule r : Fixtures.UPDATE.rules().all()) {
      boolean rejects = r.cases().stream().anyMatch(c -> c.expect() == RuleCase.Expect.REJECT);
      boolean accepts = r.cases().stream().anyMatch(c -> c.expect() == RuleCase.Expect.ACCEPT);
      switch (r.kind()) {
        case SCHEMA, STATE, PROTOCOL -> {
          assertTrue(rejects, () -> r.id() + " has no rejected case");
          assertTrue(accepts, () -> r.id() + " has no accepted case");
        }
        case ORDER -> assertTrue(rejects, () -> r.id() + " has no rejected case");
        case ACCEPTANCE -> assertTrue(accepts, () -> r.id() + " has no accepted case");
        default -> {}
      }
    }
  }

  @Test
  void the_state_rules_are_skipped_only_for_bodies_they_cannot_constrain() {
    assertEquals(
        200, Fixtures.decide("{\"assistant_name\":\"x\"}", "realtime").status(Profile.STRICT));
    assertEquals(
        400,
        Fixtures.decide(
                "{\"assistant_llm_config\":{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\"}}",
                "pipeline")
            .status(Profile.STRICT));
    assertEquals(
        400,
        Fixtures.decide(
                "{\"assistant_tts_model\":\"sarvam\",\"assistant_tts_config\":{\"voice_id\":\"v\"}}",
                "realtime")
            .status(Profile.STRICT));
  }

  @Test
  void an_unknown_rule_id_fails_loudly() {
    assertThrows(IllegalArgumentException.class, () -> Fixtures.UPDATE.rules().get("no.such-rule"));
    assertEquals(Optional.empty(), CONTRACT.rule("no.such-rule"));
  }
}
