package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.SpecDocument;
import java.util.LinkedHashMap;
import java.util.List;
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
    PARAMETER_SYNTAX("parameter-syntax"),
    BODY_SYNTAX("body-syntax"),
    INTERNAL_ERROR("internal-error"),
    STATUS_DECLARED("status-declared"),
    SUCCESS_BODY("success-body"),
    ERROR_BODY("error-body"),
    /** That an error names the rules the request broke; a spec that names no rule: error-body. */
    ERROR_NAMES("error-names", ERROR_BODY),
    RESPONSE_JSON("response-json"),
    RESPONSE_HEADER("response-header"),
    ECHO("echo"),
    /** Malformed credentials (the header twice, or not one bearer token): its status is open. */
    MALFORMED_CREDENTIALS("malformed-credentials"),
    /** The judge's rule for a request that breaks no rule of the page but was not accepted. */
    ACCEPTED("accepted");

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

  /** The checks the engine makes whatever the document holds. */
  static final java.util.Set<Check> ALWAYS =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(
              Check.UNKNOWN_ROUTE,
              Check.METHOD_NOT_ALLOWED,
              Check.PREFER,
              Check.INTERNAL_ERROR,
              Check.STATUS_DECLARED,
              Check.SUCCESS_BODY,
              Check.ERROR_BODY,
              Check.ERROR_NAMES,
              Check.RESPONSE_JSON,
              Check.ACCEPTED));

  /** The checks the engine makes for an operation: each needs a rule. */
  public static java.util.Set<Check> needed(Operation op) {
    java.util.Set<Check> needed = java.util.EnumSet.copyOf(ALWAYS);
    if (op.security().required()) {
      needed.add(Check.CREDENTIALS);
    }
    op.body()
        .ifPresent(
            b -> {
              needed.addAll(List.of(Check.CONTENT_TYPE, Check.BODY_REQUIRED, Check.LIMITS));
              if (b.content().stream().anyMatch(m -> m.kind() == MediaType.Family.JSON)) {
                needed.addAll(List.of(Check.JSON_SYNTAX, Check.DUPLICATE_KEY));
              }
              if (b.content().stream()
                  .anyMatch(
                      m ->
                          m.kind() == MediaType.Family.FORM
                              || m.kind() == MediaType.Family.MULTIPART)) {
                needed.add(Check.BODY_SYNTAX);
              }
            });
    boolean styled =
        op.parameters().stream()
            .anyMatch(
                p ->
                    p.in() != Parameter.In.PATH
                        || !p.style().equals("simple")
                        || p.mediaType().isPresent());
    if (styled) {
      needed.add(Check.PARAMETER_SYNTAX);
    }
    if (op.responses().stream().anyMatch(r -> !r.headers().isEmpty())) {
      needed.add(Check.RESPONSE_HEADER);
    }
    op.resource()
        .ifPresent(
            a -> {
              needed.add(Check.EXISTENCE);
              if (a.fill().values().stream().anyMatch(v -> v.startsWith("path."))) {
                needed.add(Check.ECHO);
              }
            });
    return needed;
  }

  private final Map<Check, String> ids;
  private final RuleCatalogue global;

  private EngineRules(Map<Check, String> ids, RuleCatalogue global) {
    this.ids = ids;
    this.global = global;
  }

  /** The document's {@code x-engine-rules}, the kit's for the checks it leaves out. */
  public static EngineRules parse(SpecDocument spec, RuleCatalogue global) {
    Map<Check, String> ids = new LinkedHashMap<>();
    JsonNode n = spec.node("#/x-engine-rules").orElse(null);
    for (Check c : Check.values()) {
      if (n != null && n.has(c.key)) {
        ids.put(c, n.get(c.key).asString());
      } else {
        String kit = KitRules.get().engineRule(c.key);
        if (kit != null) {
          ids.put(c, kit);
        }
      }
    }
    return new EngineRules(ids, global);
  }

  /** The id a check reports, if the spec or the kit names one. */
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
      found = Optional.of(op.rules().get(id).forOperation(op));
    } else {
      found = global.find(id).map(r -> r.forOperation(op));
    }
    return found.isEmpty() && check.fallback != null ? find(check.fallback, op) : found;
  }

  public RuleCatalogue global() {
    return global;
  }
}
