package dev.assistantkit.contract;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The contract of {@code PATCH /assistant/update/{assistant_id}}: the spec, its rule catalogue and
 * the validators built from it. Load it once; it is immutable and safe to share between threads.
 */
public final class Contract {

  private final SpecDocument spec;
  private final RuleCatalogue rules;
  private final RequestValidator requests;
  private final ResponseValidator responses;
  private final SecretMasker masker;
  private final ErrorBodies errorBodies;

  private Contract(SpecDocument spec) {
    this.spec = spec;
    this.rules = RuleCatalogue.load(spec);
    SchemaSet schemas = new SchemaSet(spec);
    this.requests = new RequestValidator(spec, rules, schemas);
    this.responses = new ResponseValidator(spec, rules, schemas);
    this.masker = new SecretMasker(spec.secretPropertyNames());
    this.errorBodies = new ErrorBodies(spec);
  }

  /**
   * Loads the spec that ships in contract-core's jar, checks the catalogue against it and builds
   * the validators.
   *
   * @throws IllegalStateException when the spec and its catalogue disagree
   */
  public static Contract load() {
    return new Contract(SpecDocument.fromClasspath());
  }

  public SpecDocument spec() {
    return spec;
  }

  public RuleCatalogue rules() {
    return rules;
  }

  public RequestValidator requests() {
    return requests;
  }

  public ResponseValidator responses() {
    return responses;
  }

  public SecretMasker masker() {
    return masker;
  }

  public ErrorBodies errorBodies() {
    return errorBodies;
  }

  /**
   * The whole decision, in the contract's order: credentials (401), the request on its own (400),
   * existence (404), the rules that depend on the assistant's current mode (400), else 200.
   *
   * @param keyAccepted whether a bearer token is one the server accepts
   * @param currentMode the current mode of an assistant by id, empty when there is none
   */
  public Evaluation evaluate(
      ContractRequest request,
      Predicate<String> keyAccepted,
      Function<String, Optional<String>> currentMode) {
    ValidationReport auth = requests.checkCredentials(request, keyAccepted);
    if (!auth.isEmpty()) {
      return new Evaluation(401, auth);
    }
    RequestCheck check = requests.checkRequest(request);
    if (!check.passed()) {
      return new Evaluation(400, check.report());
    }
    Optional<String> mode = currentMode.apply(request.assistantId());
    if (mode.isEmpty()) {
      return new Evaluation(404, notFound(request.assistantId()));
    }
    ValidationReport state = requests.checkAgainstState(check, mode.get());
    return state.isEmpty() ? new Evaluation(200, state) : new Evaluation(400, state);
  }

  /** The report for an assistant id that names no assistant. */
  public ValidationReport notFound(String assistantId) {
    Rule rule = rules.get("assistant.exists");
    return ValidationReport.of(
        rule.violation(
            Part.PATH,
            "/assistant_id",
            rule.enforcedBy().get(0),
            java.util.Map.of("value", assistantId)));
  }
}
