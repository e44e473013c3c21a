package dev.assistantkit.contract;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders reports as the contract's decided error body ({@code ErrorResponse}). */
public final class ErrorBodies {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SpecDocument spec;

  ErrorBodies(SpecDocument spec) {
    this.spec = spec;
  }

  /** The ErrorResponse for a report, answered with the given status. */
  public byte[] render(int status, ValidationReport report) {
    ObjectNode body = JSON.createObjectNode();
    body.put("success", false);
    String summary = spec.statusDescription(status);
    int n = report.violations().size();
    body.put(
        "message",
        status == 400 ? summary + ": " + n + (n == 1 ? " problem" : " problems") : summary);
    ArrayNode errors = body.putArray("errors");
    for (Violation v : report.violations()) {
      ObjectNode e = errors.addObject();
      e.put("rule", v.ruleId());
      e.put("in", v.in().wireName());
      e.put("pointer", v.pointer());
      e.put("message", v.message());
    }
    return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
  }
}
