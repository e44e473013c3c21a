package dev.assistantkit.conformance;

import dev.assistantkit.contract.CaseRequests;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.contract.Origin;
import dev.assistantkit.contract.RuleCase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the suite sends, with what it is about. The expected answer is not stored here: it is
 * predicted by the contract core when the case runs, in the assistant's mode at that moment.
 *
 * @param id a stable name, e.g. {@code tts.pair/model-without-config}
 * @param request the request to send
 * @param givenMode the mode the assistant must be in first, if it matters
 * @param subjects the rules the case is about; empty: the rules the prediction names
 * @param origin the case's own origin (catalogue cases); empty: the origins of the rules
 * @param claim what the catalogue says the answer is (catalogue cases)
 */
public record CheckCase(
    String id,
    ContractRequest request,
    Optional<String> givenMode,
    List<String> subjects,
    Optional<Origin> origin,
    Optional<RuleCase.Expect> claim) {

  public CheckCase {
    subjects = List.copyOf(subjects);
  }

  /** A case of the rule catalogue, addressed to the assistant under test. */
  static CheckCase of(RuleCase c, String apiKey, String assistantId) {
    return new CheckCase(
        c.id(),
        CaseRequests.toRequest(c, apiKey, assistantId),
        c.givenMode(),
        List.of(c.ruleId()),
        Optional.of(c.origin()),
        Optional.of(c.expect()));
  }

  /** A JSON body sent with valid credentials and Content-Type to the assistant under test. */
  static CheckCase body(
      String id,
      String json,
      Optional<String> givenMode,
      List<String> subjects,
      String apiKey,
      String assistantId) {
    return new CheckCase(
        id,
        jsonRequest(json.getBytes(StandardCharsets.UTF_8), apiKey, assistantId),
        givenMode,
        subjects,
        Optional.empty(),
        Optional.empty());
  }

  static ContractRequest jsonRequest(byte[] body, String apiKey, String assistantId) {
    return new ContractRequest(
        assistantId,
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + apiKey),
        body);
  }

  @Override
  public String toString() {
    return id;
  }
}
