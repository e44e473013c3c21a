package dev.assistantkit.contract;

import dev.assistantkit.contract.answers.Answers;
import dev.assistantkit.contract.answers.ResourceViews;
import dev.assistantkit.contract.evaluation.Creator;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Evaluator;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.evaluation.Predictor;
import dev.assistantkit.contract.evaluation.Pruner;
import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.generation.Generator;
import dev.assistantkit.contract.judging.ExampleSubjects;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Judge;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.judging.ResponseChecks;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleBook;
import dev.assistantkit.contract.rules.RuleCatalogue;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SecretNames;
import dev.assistantkit.contract.spec.SpecDocument;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A spec, loaded once, and the only door into the contract core: its operations and rules (read by
 * the {@code spec} and {@code rules} parts), the one decision path ({@link #evaluate} for the mock,
 * {@link #predict} with {@link #judge} for the suite and the traffic judges: the {@code evaluation}
 * and {@code judging} parts), the answers it writes ({@code answers}) and the masks ({@code
 * masking}). No part reaches back into this class. Immutable and safe to share between threads.
 */
public final class Contract {

  private final SpecDocument spec;
  private final SchemaWalker walker;
  private final Map<String, ResourceModel> resources;
  private final RuleBook rules;
  private final SecretNames secrets;
  private final SecretMasker masker;
  private final ResourceViews views;
  private final Answers answers;
  private final Predictor predictor;
  private final Creator creator;
  private final Judge judge;
  private final ExampleSubjects examples;
  private final ResponseChecks responseChecks;
  private final SchemaSet schemas;
  private final java.util.concurrent.atomic.AtomicReference<Generator> generator =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Where a contract's resources come from. */
  public enum Resources {
    /** Only those the document declares ({@code x-resource}); a plain document is stateless. */
    DECLARED,
    /** Those it declares, else those its collection/item path pairs imply ({@code --stateful}). */
    INFERRED
  }

  private Contract(SpecDocument spec) {
    this(spec, Resources.DECLARED);
  }

  private Contract(SpecDocument spec, Resources mode) {
    this.spec = spec;
    this.walker = new SchemaWalker(spec);
    SchemaSet schemas = new SchemaSet(spec);
    this.schemas = schemas;
    java.util.Map<String, ResourceModel> declared = ResourceModel.parse(spec, walker);
    this.rules =
        RuleBook.read(
            spec,
            walker,
            schemas,
            declared,
            mode == Resources.INFERRED
                ? Optional.of(location -> generator().valid(location, 0, Direction.RESPONSE))
                : Optional.empty());
    java.util.Map<String, ResourceModel> all = new java.util.LinkedHashMap<>(declared);
    all.putAll(rules.inferred());
    this.resources = java.util.Collections.unmodifiableMap(all);
    this.secrets = SecretNames.parse(spec);
    java.util.Set<String> secretNames = new java.util.HashSet<>(secrets.writeOnly());
    secretNames.addAll(secrets.carriers());
    this.masker = new SecretMasker(secretNames);
    this.views = new ResourceViews(secrets);
    // the generator is built on the first answer that needs it: the page's answers never do
    this.answers =
        new Answers(
            spec,
            schemas,
            views,
            (location, seed) -> generator().valid(location, seed, Direction.RESPONSE));
    Decision.Basis basis = new Decision.Basis(rules.order(), answers, new Pruner(walker));
    Evaluator evaluator = new Evaluator(rules, schemas, spec, basis);
    this.predictor = new Predictor(rules, evaluator, walker, basis);
    this.creator = new Creator(rules, predictor, spec);
    this.responseChecks = new ResponseChecks(rules.engine(), schemas, walker::effectiveAt);
    this.judge = new Judge(rules, responseChecks);
    this.examples = new ExampleSubjects(spec, rules);
  }

  /**
   * Loads the spec that ships in contract-core's jar.
   *
   * @throws IllegalStateException when the spec and its catalogues disagree
   */
  public static Contract load() {
    return new Contract(SpecDocument.fromClasspath(SpecDocument.RESOURCE));
  }

  /** Loads a spec from YAML text (tests, other specs). */
  public static Contract fromYaml(String yaml) {
    return new Contract(SpecDocument.fromYaml(yaml));
  }

  /**
   * Loads a spec from its main file, following relative {@code $ref}s to the other files it is
   * split across ({@link SpecDocument#fromFile}).
   */
  public static Contract fromFile(Path file) {
    return new Contract(SpecDocument.fromFile(file));
  }

  /**
   * Loads a spec from its main file, with its resources declared or, where it declares none and
   * {@code resources} says so, inferred from its collection/item paths ({@code --stateful}).
   */
  public static Contract fromFile(Path file, Resources resources) {
    return new Contract(SpecDocument.fromFile(file), resources);
  }

  /**
   * The contract of a document already read: for a caller that needs the document's {@link
   * SpecDocument#files() files} whether or not it makes a contract (a watcher of them).
   *
   * @throws IllegalStateException when the spec and its catalogues disagree
   */
  public static Contract of(SpecDocument spec, Resources resources) {
    return new Contract(spec, resources);
  }

  /** Loads a spec from YAML text, its resources declared or inferred. */
  public static Contract fromYaml(String yaml, Resources resources) {
    return new Contract(SpecDocument.fromYaml(yaml), resources);
  }

  // ------------------------------------------------------------------ what the spec holds

  public SpecDocument spec() {
    return spec;
  }

  public SchemaWalker walker() {
    return walker;
  }

  public List<Operation> operations() {
    return rules.operations();
  }

  public Optional<Operation> operation(String operationId) {
    return rules.operations().stream().filter(o -> o.id().equals(operationId)).findFirst();
  }

  public Collection<ResourceModel> resources() {
    return resources.values();
  }

  public Optional<ResourceModel> resource(String name) {
    return Optional.ofNullable(resources.get(name));
  }

  /** The spec's global catalogue: rules of no one operation (routes, the HTTP edge, the mock). */
  public RuleCatalogue globalRules() {
    return rules.global();
  }

  /** Every rule of the spec, with the order of its stages. */
  public RuleBook rules() {
    return rules;
  }

  /** A rule by id, from any catalogue (operations first). */
  public Optional<Rule> rule(String id) {
    return rules.rule(id);
  }

  /** Every rule once, by id: the operations' catalogues in order, then the global one. */
  public List<Rule> allRules() {
    return rules.all();
  }

  /** The response rules that judge an operation's answers. */
  public List<Rule> responseRules(Operation op) {
    return rules.responseRules(op);
  }

  /** The rule a built-in check of the engine reports, by its {@code x-engine-rules} key. */
  public Optional<Rule> engineRule(String check, Operation op) {
    return rules.engineRule(check, op);
  }

  public SecretNames secrets() {
    return secrets;
  }

  /** Masks secrets in text bound for a log, a report or a response. */
  public SecretMasker masker() {
    return masker;
  }

  public ResourceViews views() {
    return views;
  }

  public Answers answers() {
    return answers;
  }

  /**
   * Valid and one-keyword-broken instances of the document's schemas (the suite's requests on any
   * document), built on first use and shared.
   */
  public Generator generator() {
    return generator.updateAndGet(g -> g != null ? g : new Generator(spec, schemas));
  }

  // ------------------------------------------------------------------ the one decision path

  /** Which operation a method and raw path (query allowed) name. Methods are case-sensitive. */
  public Route route(String method, String target) {
    return rules.route(method, target);
  }

  /**
   * The mock's decision: what the contract answers to a request, with everything known (the keys it
   * accepts, the resources it holds). Honours the mock control {@code Prefer: code=NNN}.
   *
   * @throws IllegalStateException when the knowledge leaves something unknown (use {@link
   *     #predict})
   */
  public Decision evaluate(ApiRequest request, Knowledge knowledge) {
    return predictor.evaluate(request, knowledge);
  }

  /**
   * A decision kept as text ({@link Decision#keptAsText}) made again, to be judged: it answers a
   * judge as the decision's {@link Decision#kept} form would.
   */
  public Decision keptDecision(Decision.KeptRequest keeper) {
    return predictor.keptAgain(keeper);
  }

  /**
   * What a conformant server answers, for every possibility the knowledge leaves open (a key of
   * unknown standing, a resource of unknown existence or state). Mock controls are not honoured: a
   * real server ignores them.
   */
  public Prediction predict(ApiRequest request, Knowledge knowledge) {
    return predictor.predict(request, knowledge);
  }

  /** What a conformant server answers to a predicted request, for people ("400 naming ..."). */
  public String expected(Prediction prediction) {
    return Judge.expected(prediction);
  }

  /**
   * Judges an answer to a predicted request.
   *
   * @param subjects the rules the request is about (a catalogue case's rule), for naming a break
   *     when the request itself breaks none
   * @param skipGroups groups of checks to leave out (e.g. {@code error-shape})
   */
  public Judgement judge(
      Prediction prediction, Observed answer, Set<String> subjects, Set<String> skipGroups) {
    return judge.judge(prediction, answer, subjects, skipGroups);
  }

  /**
   * A judge of real traffic (the proxy's, a recording's): exchanges judged in order, learning as it
   * goes.
   *
   * @param givenKeys the keys the server accepts, when known; empty: learnt from the answers
   */
  public TrafficJudge trafficJudge(List<String> givenKeys) {
    return new TrafficJudge(predictor, judge, examples, givenKeys);
  }

  /**
   * The response checks alone (declared status, body schema, JSON, echoes) for an answer to a
   * request: no expectation of the status. Empty for a request that names no operation.
   */
  public List<Finding> checkResponse(ApiRequest request, Observed answer, Set<String> skipGroups) {
    Route route = route(request.method(), request.target());
    if (!(route instanceof Route.Matched m)) {
      return List.of();
    }
    return responseChecks.check(m.operation(), m.parameters(), answer, skipGroups);
  }

  // ------------------------------------------------------------------ resources

  /**
   * Creates a resource from fields (the seed, the mock's admin endpoint): an update of a new
   * resource (in its schema's default state) by the first operation that updates it, judged like
   * any request under the profile. The new resource's version is 0.
   *
   * @param fields the fields, with or without the id property (a random UUID when absent)
   * @return the state, or the decision that rejected the fields
   */
  public Creator.Creation create(ResourceModel model, ObjectNode fields, Profile profile) {
    return creator.create(model, fields, profile, Map.of());
  }

  /**
   * Creates a resource from fields, as {@link #create(ResourceModel, ObjectNode, Profile)}, in the
   * collection its parents' path values name (a resource nested under another's item, {@link
   * ResourceModel#scope}).
   *
   * @param parents the values of the resource's {@link ResourceModel#scope} parameters
   */
  public Creator.Creation create(
      ResourceModel model, ObjectNode fields, Profile profile, Map<String, String> parents) {
    return creator.create(model, fields, profile, parents);
  }

  /** The resources present after a mock starts: each seed of each resource, created. */
  public List<ResourceState> seed(ResourceModel model, Profile profile) {
    return creator.seed(model, profile);
  }
}
