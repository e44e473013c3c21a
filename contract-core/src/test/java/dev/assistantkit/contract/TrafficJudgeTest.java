package dev.assistantkit.contract;

import static dev.assistantkit.contract.Fixtures.CONTRACT;
import static dev.assistantkit.contract.Fixtures.GIVEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The judge of real traffic names what it can know a request was about, and judges labels alike.
 */
class TrafficJudgeTest {

  private static final byte[] ERR =
      "{\"success\":false,\"message\":\"no\",\"errors\":[]}".getBytes(StandardCharsets.UTF_8);

  private static ApiRequest request(String authorization, String body) {
    return new ApiRequest(
        "PATCH",
        "/assistant/update/" + GIVEN,
        Headers.of(Map.of("Content-Type", "application/json", "Authorization", authorization)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static Set<String> failures(TrafficJudge.Judged j, Profile p) {
    return j.judgement().failures(p).stream()
        .map(Finding::ruleId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void a_rejected_page_example_breaks_page_examples() {
    TrafficJudge judge = CONTRACT.trafficJudge(List.of(Fixtures.KEY));
    String example =
        CONTRACT.spec().exampleValue("#/components/examples/SwitchToRealtime").toString();
    TrafficJudge.Judged j =
        judge.next(
            request("Bearer " + Fixtures.KEY, example),
            Optional.empty(),
            Observed.of(400, "application/json", ERR),
            Set.of("error-shape"));
    assertEquals(Set.of("page.examples"), failures(j, Profile.DOCUMENTED), j::toString);
  }

  @Test
  void a_malformed_header_masked_in_a_recording_is_judged_as_the_live_one() {
    TrafficJudge.Judged recorded =
        CONTRACT
            .trafficJudge(List.of())
            .next(
                request("Bearer ***", "{\"assistant_name\":\"n\"}"),
                Optional.of(TrafficJudge.MALFORMED),
                Observed.of(400, "application/json", ERR),
                Set.of("error-shape"));
    TrafficJudge.Judged live =
        CONTRACT
            .trafficJudge(List.of())
            .next(
                request("Bearer a b", "{\"assistant_name\":\"n\"}"),
                Optional.empty(),
                Observed.of(400, "application/json", ERR),
                Set.of("error-shape"));
    for (Profile p : Profile.values()) {
      assertEquals(failures(live, p), failures(recorded, p), p::toString);
    }
    assertEquals(Set.of(), failures(recorded, Profile.DOCUMENTED), "400 follows the page");
    assertEquals(Set.of("auth.malformed"), failures(recorded, Profile.STRICT));
  }
}
