package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.SpecDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The spec's {@code x-engine-rules}: which catalogue rule each built-in check of the engine
 * reports. Looked up in the operation's catalogue first, then in the spec's global one.
 */
public final class EngineRules {

  /** The built-in checks. */
  public enum Check {
    CREDENTIALS("credentials"),
    CONTENT_TYPE("content-type"),
    BODY_REQUIRED("body-required"),
    JSON_SYNTAX("json-syntax"),
    DUPLICATE_KEY("duplicate-key"),
    LIMITS("limits"),
    EXISTENCE("existence"),
    UNKNOWN_ROUTE("unknown-route"),
    METHOD_NOT_ALLOWED("method-not-allowed"),
    PREFER("prefer"),
    INTERNAL_ERROR("internal-error"),
    STATUS_DECLARED("status-declared"),
    SUCCESS_BODY("success-body"),
    ERROR_BODY("error-body"),
    RESPONSE_JSON("response-json"),
    ECHO("echo"),
    /** Malformed credentials (the header twice, or not one bearer token): its status is open. */
    MALFORMED_CREDENTIALS("malformed-credentials"),
    /** The judge's rule for a request that breaks no rule of the page but was not accepted. */
    ACCEPTED("accepted");

    public final String key;

    Check(String key) {
      this.key = key;
    }
  }

  private final Map<Check, String> ids;
  private final RuleCatalogue global;

  private EngineRules(Map<Check, String> ids, RuleCatalogue global) {
    this.ids = ids;
    this.global = global;
  }

  public static EngineRules parse(SpecDocument spec, RuleCatalogue global) {
    Map<Check, String> ids = new LinkedHashMap<>();
    JsonNode n = spec.node("#/x-engine-rules").orElse(null);
    for (Check c : Check.values()) {
      if (n != null && n.has(c.key)) {
        ids.put(c, n.get(c.key).asString());
      }
    }
    return new EngineRules(ids, global);
  }

  /** The id a check reports, if the spec names one. */
  Optional<String> id(Check check) {
    return Optional.ofNullable(ids.get(check));
  }

  /** The rule a check reports for an operation (null: the spec's global rules only). */
  public Rule rule(Check check, Operation op) {
    return find(check, op)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "x-engine-rules names no rule for the check "
                        + check.key
                        + (op == null ? "" : " of " + op.id())));
  }

  public Optional<Rule> find(Check check, Operation op) {
    String id = ids.get(check);
    if (id == null) {
      return Optional.empty();
    }
    if (op != null && op.rules().contains(id)) {
      return Optional.of(op.rules().get(id));
    }
    return global.find(id);
  }

  public RuleCatalogue global() {
    return global;
  }
}
