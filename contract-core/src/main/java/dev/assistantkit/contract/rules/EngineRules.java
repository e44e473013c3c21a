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
    /**
     * A string or name that is not valid Unicode; a spec that names no rule for it: JSON syntax.
     */
    TEXT_UNICODE("text-unicode", JSON_SYNTAX),
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
    ECHO("echo");

    public final String key;

    /** The check whose rule this one reports when the spec names none for it. */
    private final Check fallback;

    Check(String key) {
      this(key, null);
    }

    Check(String key, Check fallback) {
      this.key = key;
      this.fallback = fallback;
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
    Optional<Rule> found;
    if (id == null) {
      found = Optional.empty();
    } else if (op != null && op.rules().contains(id)) {
      found = Optional.of(op.rules().get(id));
    } else {
      found = global.find(id);
    }
    return found.isEmpty() && check.fallback != null ? find(check.fallback, op) : found;
  }

  public RuleCatalogue global() {
    return global;
  }
}
