package dev.assistantkit.conformance;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One check the run will make, decided when the run starts. The expected answer is not stored: the
 * contract predicts it when the check runs, from what the suite knows at that moment.
 *
 * @param id a stable name, unique in the run
 * @param kind where it comes from
 * @param containers the display path below its check class (operation, rule or group)
 * @param name its display name
 * @param operation the operation it addresses, if any
 * @param request the request to send; empty when it cannot be made (see {@code notMade})
 * @param notMade why no request could be made
 * @param given the state properties the resource must have first; empty when any state will do
 * @param subjects the rules it is about, for naming a break the request itself does not show
 * @param recorded the recorded exchange, for a check of recorded traffic
 */
record PlannedCheck(
    String id,
    CheckKind kind,
    List<String> containers,
    String name,
    Optional<Operation> operation,
    Optional<ApiRequest> request,
    String notMade,
    ObjectNode given,
    Set<String> subjects,
    Optional<HarReader.Recorded> recorded) {

  PlannedCheck {
    containers = List.copyOf(containers);
    subjects = Set.copyOf(subjects);
  }

  /** {@code PATCH /path/{id}}, or "" when it addresses no operation. */
  String operationLabel() {
    return operation.map(CheckPlan::label).orElse("");
  }
}
