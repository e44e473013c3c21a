package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.answers.Answers;
import dev.assistantkit.contract.rules.EvaluationOrder;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.PathTemplate;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.TreeText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's whole decision on one request, under one set of assumptions (the key accepted or
 * not, the resource present in a state or absent): every stage's violations, in both readings, the
 * status each profile answers, the statuses a conformant server may answer, and the new state and
 * the answer when the request is accepted. The readings are computed when first asked for, so the
 * mock pays only for the profile it serves.
 */
public final class Decision {

  /**
   * What the decision assumed where the caller did not know.
   *
   * @param key whether the bearer token was taken as accepted (null: no credentials involved)
   * @param resource the resource as assumed (null: the operation names none)
   * @param parent the parent item a nested resource's collection is under, as assumed (null: the
   *     operation's resource has no parent whose existence is asked, {@link
   *     dev.assistantkit.contract.spec.ResourceModel#parentItem})
   */
  public record Assumption(
      Knowledge.KeyVerdict key, Knowledge.ResourceView resource, Knowledge.ResourceView parent) {

    /** An assumption about no parent. */
    public Assumption(Knowledge.KeyVerdict key, Knowledge.ResourceView resource) {
      this(key, resource, null);
    }
  }

  /**
   * What every decision of a contract shares: the order of the stages, how answers are written, and
   * how the documented reading prunes an update.
   *
   * @param order the decided order of the stages
   * @param answers the contract's answers
   * @param pruner what the documented reading keeps of an update
   */
  public record Basis(EvaluationOrder order, Answers answers, Pruner pruner) {}

  /**
   * Where a decision kept for judging finds its request again ({@link #kept}): whoever keeps the
   * exchange holds the request once, for showing it and for this.
   */
  @FunctionalInterface
  public interface KeptRequest {
    /** The request as it was decided on: the same method, target, headers and body. */
    ApiRequest request();

    /**
     * Keeps the text of the state a kept decision saw where the keeper keeps its own bytes, and
     * says whether it did (a keeper keeps one at most); the decision reads it back with {@link
     * #seen()}. By default the decision holds the text itself.
     */
    default boolean keepSeen(String text) {
      return false;
    }

    /** The text {@link #keepSeen} kept, exactly. */
    default String seen() {
      throw new IllegalStateException("this keeper keeps no text");
    }
  }

  /** The assumptions a kept decision shares with others: every one but a state seen. */
  private static final Assumption[][] SHARED = shared();

  private final Basis basis;
  private final Optional<Answer> fixedAnswer;
  private final ValidationReport fixedReport;

  /** Makes the readings when first asked for; null for a fixed decision (it has none). */
  private final Evaluator reader;

  // a decision as made holds its request, route and assumption; a kept one holds where its request
  // is found again, its operation (its route's values are read again from the request's path), and
  // the state it saw as one string: a tree is a few objects per field, and a journal keeps a
  // thousand decisions that every young collection copies
  private final ApiRequest request;
  private final KeptRequest source;
  private final Route route;
  private final Operation operation;
  private final Assumption assumption;
  private final Knowledge.KeyVerdict seenKey;
  private final String seenId;
  private final String seenFields;
  private final long seenVersion;
  private final boolean seenComplete;

  // each made when first asked for, under this decision's lock: the mock pays for one reading only
  private Stages strict;
  private Stages documented;
  private Optional<ResourceState> appliedStrict;
  private Optional<ResourceState> appliedDocumented;

  /**
   * @param reader makes the two readings of the request when first asked for (null: the decision is
   *     fixed, it has none)
   */
  Decision(
      Basis basis,
      ApiRequest request,
      Route route,
      Assumption assumption,
      Optional<Answer> fixedAnswer,
      ValidationReport fixedReport,
      Evaluator reader) {
    this.basis = basis;
    this.request = request;
    this.source = null;
    this.route = route;
    this.operation = null;
    this.assumption = assumption;
    this.seenKey = null;
    this.seenId = null;
    this.seenFields = null;
    this.seenVersion = 0;
    this.seenComplete = false;
    this.fixedAnswer = fixedAnswer;
    this.fixedReport = fixedReport;
    this.reader = reader;
  }

  /** The kept form of a decision ({@link #kept}), its readings made already copied in by it. */
  private Decision(Decision of, KeptRequest source) {
    this.basis = of.basis;
    this.fixedAnswer = of.fixedAnswer;
    this.fixedReport = of.fixedReport;
    this.reader = of.reader;
    this.request = null;
    this.source = source;
    boolean matched = of.route instanceof Route.Matched;
    this.route = matched ? null : of.route;
    this.operation = matched ? ((Route.Matched) of.route).operation() : null;
    Assumption a = of.assumption();
    Optional<String> fields =
        a.resource() instanceof Knowledge.Present p
            ? TreeText.write(p.state().fields())
            : Optional.empty();
    // an assumption about a parent item (a nested resource, --stateful) is kept as it is: rare,
    // and the parent's view decides the verdict as much as the resource's
    if (fields.isPresent() && a.parent() == null) {
      ResourceState st = ((Knowledge.Present) a.resource()).state();
      this.assumption = null;
      this.seenKey = a.key();
      this.seenId = st.id();
      // the keeper may hold the text with its own bytes: a string is two objects more per decision
      this.seenFields = source.keepSeen(fields.get()) ? null : fields.get();
      this.seenVersion = st.version();
      this.seenComplete = st.complete();
    } else {
      this.assumption = shared(a);
      this.seenKey = null;
      this.seenId = null;
      this.seenFields = null;
      this.seenVersion = 0;
      this.seenComplete = false;
    }
  }

  /** A decision kept as text ({@link #keptAsText}), made again from it and its request. */
  private Decision(
      Basis basis,
      Evaluator reader,
      Operation operation,
      KeptRequest source,
      Assumption assumption,
      Knowledge.KeyVerdict seenKey,
      String seenId,
      String seenFields,
      long seenVersion,
      boolean seenComplete) {
    this.basis = basis;
    this.fixedAnswer = Optional.empty();
    this.fixedReport = ValidationReport.empty();
    this.reader = reader;
    this.request = null;
    this.source = source;
    this.route = null;
    this.operation = operation;
    this.assumption = assumption;
    this.seenKey = seenKey;
    this.seenId = seenId;
    this.seenFields = seenFields;
    this.seenVersion = seenVersion;
    this.seenComplete = seenComplete;
    this.appliedStrict = Optional.empty();
    this.appliedDocumented = Optional.empty();
  }

  /**
   * Keeps this decision as one text its keeper holds ({@link KeptRequest#keepSeen}), when it can be
   * made again from that text and its request alone ({@link #fromText}): a decision its stages make
   * (no mock control, no fixed answer), of a matched route, about no parent item, on the very
   * request the keeper gives. A mock keeps a thousand decisions, and every young collection copies
   * each object they are: kept so, a decision is no object at all until it is judged.
   *
   * @return whether it is kept so; if not, keep {@link #kept} instead
   */
  public synchronized boolean keptAsText(KeptRequest keeper, ApiRequest asSent) {
    if (reader == null
        || fixedAnswer.isPresent()
        || isKept()
        || !(route instanceof Route.Matched)
        || assumption.parent() != null
        || !sameRequest(request, asSent)) {
      return false;
    }
    Assumption a = assumption;
    String text;
    if (a.resource() instanceof Knowledge.Present p) {
      Optional<String> fields = TreeText.write(p.state().fields());
      if (fields.isEmpty() || p.state().id() == null) {
        return false;
      }
      ResourceState st = p.state();
      text =
          "p"
              + keyDigit(a.key())
              + (st.complete() ? '1' : '0')
              + st.version()
              + ':'
              + st.id().length()
              + ':'
              + st.id()
              + fields.get();
    } else {
      int view = a.resource() == null ? 0 : a.resource() instanceof Knowledge.Absent ? 1 : 2;
      text = "s" + keyDigit(a.key()) + view;
    }
    return keeper.keepSeen(text);
  }

  /**
   * A decision {@link #keptAsText} kept, made again: it answers a judge as the kept form of the
   * decision made then would ({@link #kept}), its readings made again from the request when first
   * asked for.
   *
   * @param operation the operation the request names (routed again by the same contract)
   */
  static Decision fromText(Basis basis, Evaluator reader, Operation operation, KeptRequest keeper) {
    String t = keeper.seen();
    if (t.length() < 3 || (t.charAt(0) != 's' && t.charAt(0) != 'p')) {
      throw new IllegalArgumentException("the keeper holds no decision kept as text");
    }
    Knowledge.KeyVerdict key = key(t.charAt(1));
    if (t.charAt(0) == 's') {
      Assumption a = SHARED[t.charAt(1) - '0'][t.charAt(2) - '0'];
      return new Decision(basis, reader, operation, keeper, a, null, null, null, 0, false);
    }
    boolean complete = t.charAt(2) == '1';
    int colon = t.indexOf(':', 3);
    long version = Long.parseLong(t, 3, colon, 10);
    int colon2 = t.indexOf(':', colon + 1);
    int idLength = Integer.parseInt(t, colon + 1, colon2, 10);
    String id = t.substring(colon2 + 1, colon2 + 1 + idLength);
    String fields = t.substring(colon2 + 1 + idLength);
    return new Decision(basis, reader, operation, keeper, null, key, id, fields, version, complete);
  }

  private static char keyDigit(Knowledge.KeyVerdict key) {
    return (char) ('0' + (key == null ? 0 : key.ordinal() + 1));
  }

  private static Knowledge.KeyVerdict key(char digit) {
    return digit == '0' ? null : Knowledge.KeyVerdict.values()[digit - '1'];
  }

  /**
   * This decision as kept to be judged later (a mock keeps one per exchange in its journal): it
   * answers every question a judge asks as this one does, and holds only what a judge needs: not
   * its request when the caller keeps it, nor the body as a reading read it, nor the state an
   * accepted update made (it is not for answering: {@link #body} and {@link #applied} are empty);
   * the state it saw is held as one string ({@link TreeText}). A reading not made yet is made again
   * from the request when first asked for.
   *
   * @param source where the caller keeps the request
   * @param asSent the request {@code source} gives: when it is not the one decided on (a caller
   *     changed a header first), the decision keeps its own instead, its headers in one string
   */
  public synchronized Decision kept(KeptRequest source, ApiRequest asSent) {
    KeptRequest from = source;
    ApiRequest r = request();
    if (!sameRequest(r, asSent)) {
      ApiRequest own = r.withHeaders(r.headers().compact());
      from = () -> own;
    }
    Decision k = new Decision(this, from);
    k.strict = strict == null ? null : strict.withoutBody();
    k.documented = documented == null ? null : documented.withoutBody();
    k.appliedStrict = Optional.empty();
    k.appliedDocumented = Optional.empty();
    return k;
  }

  private static boolean sameRequest(ApiRequest a, ApiRequest b) {
    return a == b
        || (a.method().equals(b.method())
            && a.target().equals(b.target())
            && (a.body() == b.body() || java.util.Arrays.equals(a.body(), b.body()))
            && a.headers().sameEntries(b.headers()));
  }

  /** Whether this decision is a kept one ({@link #kept}). */
  private boolean isKept() {
    return source != null;
  }

  public ApiRequest request() {
    return request != null ? request : source.request();
  }

  public Route route() {
    if (route != null || operation == null) {
      return route;
    }
    // a kept decision's operation, its values read again from the path as the router read them
    Map<String, String> raw =
        operation.path().matchRaw(request().path()).orElse(java.util.Collections.emptyMap());
    return new Route.Matched(operation, PathTemplate.decoded(raw), raw);
  }

  public Assumption assumption() {
    if (assumption != null) {
      return assumption;
    }
    ObjectNode tree = (ObjectNode) TreeText.read(seenFields != null ? seenFields : source.seen());
    return new Assumption(
        seenKey, new Knowledge.Present(new ResourceState(seenId, tree, seenVersion, seenComplete)));
  }

  /** The operation the request names, if it names one. */
  public Optional<Operation> operation() {
    if (operation != null) {
      return Optional.of(operation);
    }
    return route instanceof Route.Matched m ? Optional.of(m.operation()) : Optional.empty();
  }

  /** The path parameters, percent-decoded (empty when no operation matched). */
  public Map<String, String> parameters() {
    return route() instanceof Route.Matched m ? m.parameters() : Map.of();
  }

  /** An assumption as kept: one of a few shared, when it is not a state seen nor of a parent. */
  private static Assumption shared(Assumption a) {
    if (a.parent() != null) {
      return a;
    }
    int view =
        a.resource() == null
            ? 0
            : a.resource() instanceof Knowledge.Absent
                ? 1
                : a.resource() instanceof Knowledge.Unknown ? 2 : -1;
    return view < 0 ? a : SHARED[a.key() == null ? 0 : a.key().ordinal() + 1][view];
  }

  private static Assumption[][] shared() {
    Knowledge.KeyVerdict[] keys = Knowledge.KeyVerdict.values();
    Assumption[][] out = new Assumption[keys.length + 1][];
    for (int k = 0; k <= keys.length; k++) {
      Knowledge.KeyVerdict key = k == 0 ? null : keys[k - 1];
      out[k] =
          new Assumption[] {
            new Assumption(key, null),
            new Assumption(key, new Knowledge.Absent()),
            new Assumption(key, new Knowledge.Unknown())
          };
    }
    return out;
  }

  /** Whether a mock control (Prefer) or the route decided the answer, not the stages. */
  public boolean fixed() {
    return fixedAnswer.isPresent();
  }

  /** The resource the decision saw, when it assumed one present. */
  public Optional<ResourceState> resourceSeen() {
    return assumption().resource() instanceof Knowledge.Present p
        ? Optional.of(p.state())
        : Optional.empty();
  }

  synchronized Stages stages(Profile profile) {
    if (profile == Profile.STRICT) {
      if (strict == null) {
        strict = read(Profile.STRICT);
      }
      return strict;
    }
    if (documented == null) {
      documented = read(Profile.DOCUMENTED);
    }
    return documented;
  }

  private Stages read(Profile reading) {
    Stages s = reader.stages(request(), (Route.Matched) route(), assumption(), reading);
    return isKept() ? s.withoutBody() : s;
  }

  /** The violations one stage found under a profile's reading. */
  public ValidationReport stage(Profile profile, Stage stage) {
    return fixed() ? ValidationReport.empty() : stages(profile).of(stage);
  }

  /** The stage that decides the answer under a profile: the first, in order, that failed. */
  public Optional<Stage> failedStage(Profile profile) {
    if (fixed()) {
      return Optional.empty();
    }
    Stages s = stages(profile);
    for (Stage stage : basis.order().stages()) {
      if (!s.of(stage).isEmpty()) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }

  /** The violations behind the answer under a profile; empty when the request is accepted. */
  public ValidationReport report(Profile profile) {
    if (fixed()) {
      return fixedReport;
    }
    return failedStage(profile).map(st -> stages(profile).of(st)).orElse(ValidationReport.empty());
  }

  /** The status the contract answers under a profile. */
  public int status(Profile profile) {
    if (fixed()) {
      return fixedAnswer.get().status();
    }
    ValidationReport r = report(profile);
    return r.isEmpty() ? successStatus() : r.status();
  }

  public boolean accepted(Profile profile) {
    return status(profile) / 100 == 2;
  }

  private int successStatus() {
    return operation().map(Operation::successStatus).orElse(200);
  }

  /**
   * What the request sends whose contents the page leaves open (a provider's settings other than
   * the page shows them): findings of the rules that say so, found by the documented reading. A
   * server following the page may refuse such a request though the page requires nothing of it.
   */
  public ValidationReport open() {
    return fixed() ? ValidationReport.empty() : stages(Profile.DOCUMENTED).open();
  }

  /**
   * The statuses a server conformant under the profile may answer. Strict: exactly the contract's.
   * Documented: the status of any stage that fails in either reading, in any order (the order is
   * decided), and every status the page allows for a violation whose status it leaves open ({@link
   * Violation#pageAllows}); and the success status too when the documented reading finds nothing
   * (the page does not require the rejection), with every status the page allows for contents it
   * leaves open ({@link #open}).
   */
  public Set<Integer> acceptable(Profile profile) {
    Set<Integer> out = new LinkedHashSet<>();
    if (fixed() || profile == Profile.STRICT) {
      out.add(status(Profile.STRICT));
      return out;
    }
    Stages doc = stages(Profile.DOCUMENTED);
    Stages str = stages(Profile.STRICT);
    boolean required = false;
    for (Stage s : basis.order().stages()) {
      if (!doc.of(s).isEmpty()) {
        required = true;
        out.add(doc.of(s).status());
      }
      if (!str.of(s).isEmpty()) {
        out.add(str.of(s).status());
      }
      for (ValidationReport r : List.of(doc.of(s), str.of(s))) {
        r.violations().forEach(v -> out.addAll(v.pageAllows()));
      }
    }
    if (!required) {
      out.add(successStatus());
      open().violations().forEach(v -> out.addAll(v.pageAllows()));
    }
    return out;
  }

  /** The stages whose failure a status stands for, in order. */
  public List<Stage> stagesAnswering(int httpStatus, Profile profile) {
    Stages s = stages(profile);
    return basis.order().stages().stream()
        .filter(st -> !s.of(st).isEmpty() && s.of(st).status() == httpStatus)
        .toList();
  }

  /** The body as the profile's reading read it (after validation), if it read one. */
  public Optional<JsonNode> body(Profile profile) {
    return fixed() ? Optional.empty() : Optional.ofNullable(stages(profile).body());
  }

  /**
   * The resource after the request, when the profile accepts an update (or a replacement) of a
   * resource that was present; empty otherwise (then nothing changes here: a create or a delete is
   * the store's).
   */
  public synchronized Optional<ResourceState> applied(Profile profile) {
    if (profile == Profile.STRICT) {
      if (appliedStrict == null) {
        appliedStrict = apply(profile);
      }
      return appliedStrict;
    }
    if (appliedDocumented == null) {
      appliedDocumented = apply(profile);
    }
    return appliedDocumented;
  }

  private Optional<ResourceState> apply(Profile profile) {
    Optional<Operation> op = operation();
    if (op.isEmpty()
        || op.get().resource().isEmpty()
        || (op.get().resource().get().action() != Operation.Action.UPDATE
            && op.get().resource().get().action() != Operation.Action.REPLACE)
        || !accepted(profile)
        || fixed()) {
      return Optional.empty();
    }
    Optional<ResourceState> seen = resourceSeen();
    Optional<JsonNode> body = body(profile);
    if (seen.isEmpty() || body.isEmpty() || !body.get().isObject()) {
      return Optional.empty();
    }
    Operation.ResourceAction action = op.get().resource().get();
    ObjectNode update = (ObjectNode) body.get();
    if (profile == Profile.DOCUMENTED) {
      update = basis.pruner().prune(op.get(), update);
    }
    update = action.resource().unwrap(update);
    ResourceState before = seen.get();
    ObjectNode after =
        action.action() == Operation.Action.REPLACE
            ? action.resource().replaced(before.fields(), update)
            : action.resource().merge(before.fields(), update);
    return Optional.of(
        new ResourceState(before.id(), after, before.version() + 1, before.complete()));
  }

  /**
   * The mock's answer under a profile. For an accepted update, pass the state it produced ({@link
   * #applied}); for other requests, the state seen (or none).
   */
  public Answer answer(Profile profile, Optional<ResourceState> state) {
    if (fixedAnswer.isPresent()) {
      return fixedAnswer.get();
    }
    int status = status(profile);
    if (status / 100 != 2) {
      return basis.answers().error(operation().orElse(null), status, report(profile), List.of());
    }
    return basis.answers().success(operation().get(), request(), parameters(), state);
  }

  @Override
  public String toString() {
    return request() + " -> " + status(Profile.STRICT) + " " + report(Profile.STRICT).ruleIds();
  }
}
