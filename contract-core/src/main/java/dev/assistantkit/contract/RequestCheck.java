package dev.assistantkit.contract;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The outcome of checking a request on its own, before the assistant is looked up.
 *
 * <p>Holds the parsed body for the checks against the assistant's state; the body never leaves
 * contract-core as a Jackson node (callers on Jackson 2 re-read {@link ContractRequest#body()}).
 */
public final class RequestCheck {

  private final ValidationReport report;
  private final JsonNode body;

  RequestCheck(ValidationReport report, JsonNode body) {
    this.report = report;
    this.body = body;
  }

  public ValidationReport report() {
    return report;
  }

  public boolean passed() {
    return report.isEmpty();
  }

  Optional<JsonNode> body() {
    return Optional.ofNullable(body);
  }
}
