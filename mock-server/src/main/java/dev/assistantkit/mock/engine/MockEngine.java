package dev.assistantkit.mock.engine;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Part;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock's behaviour, free of WireMock: one call into {@link Contract#evaluate}, and an accepted
 * update stored compare-and-set on the version it was judged against. An update that another update
 * of the same resource came first to is judged again, in turn with the others that lost (a lock per
 * resource, taken only then), so that 32 clients writing one assistant do not keep losing to each
 * other. A lock taken by every update made them queue even when they did not collide: a third of
 * the throughput. The gate's engine road, the WireMock adapter's contract stubs and the typed API
 * call it.
 */
public final class MockEngine {

  /** Concurrent updates of one resource rarely collide twice; this bounds a pathological run. */
  private static final int MAX_ATTEMPTS = 64;

  /**
   * The outcome of one request.
   *
   * @param decision the contract's decision (null when the mock itself failed)
   * @param answer what to send
   */
  public record EngineAnswer(Decision decision, Answer answer) {

    /** A 500 the mock did not choose (a {@code Prefer: code=500} asked for is an answer). */
    public boolean failedItself() {
      return answer.status() == 500 && (decision == null || !decision.fixed());
    }
  }

  /** Turns for updates, by resource: a fixed set of locks a resource's id hashes into. */
  private static final int STRIPES = 64;

  /** Lost races after which an update makes newcomers to its stripe queue behind it. */
  private static final int PATIENCE = 3;

  private final ReentrantLock[] turns = new ReentrantLock[STRIPES];

  /** The last number given as an id, by inferred resource whose ids are numbers. */
  private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

  /** Per stripe: updates that lost {@link #PATIENCE} races and are still being judged. */
  private final AtomicIntegerArray starving = new AtomicIntegerArray(STRIPES);

  private final Contract contract;
  private final ResourceStore store;
  private final MockKnowledge knowledge;
  private final Profile profile;

  /**
   * Whether any operation changes one resource named by its path or body: without one (a plain
   * document served statelessly) no request takes a stripe, and none is routed twice to find out.
   */
  private final boolean itemWrites;

  public MockEngine(Contract contract, ResourceStore store, List<String> apiKeys, Profile profile) {
    this.contract = contract;
    this.store = store;
    this.knowledge = new MockKnowledge(apiKeys, store);
    this.profile = profile;
    this.itemWrites =
        contract.operations().stream()
            .anyMatch(
                o ->
                    o.resource()
                        .filter(a -> a.action().itemScoped() && a.action().writes())
                        .isPresent());
    for (int i = 0; i < STRIPES; i++) {
      turns[i] = new ReentrantLock();
    }
  }

  public Contract contract() {
    return contract;
  }

  public MockKnowledge knowledge() {
    return knowledge;
  }

  /** Judges the request, stores an accepted update, and says what to answer. Never throws. */
  public EngineAnswer handle(ApiRequest request) {
    Decision[] seen = {null};
    try {
      return decide(request, seen);
    } catch (RuntimeException e) {
      return new EngineAnswer(seen[0], internalError(seen[0]));
    }
  }

  private EngineAnswer decide(ApiRequest request, Decision[] seen) {
    int stripe = stripeFor(request);
    // first without waiting, unless an update of the resource has lost too often: newcomers then
    // queue behind it, so that it cannot keep losing to them
    if (stripe < 0 || starving.get(stripe) == 0) {
      Decision first = contract.evaluate(request, knowledge);
      seen[0] = first;
      Optional<Answer> answer = stored(first);
      if (answer.isPresent()) {
        return new EngineAnswer(first, answer.get());
      }
    }
    if (stripe < 0) {
      return attempt(request, -1, seen);
    }
    // another update of the same resource came first: judged again, in turn with the others that
    // lost
    turns[stripe].lock();
    try {
      return attempt(request, stripe, seen);
    } finally {
      turns[stripe].unlock();
    }
  }

  /**
   * The stripe of the locks an update of the request's resource takes; -1 for a request that
   * updates nothing. The compare-and-set stays the guarantee: two paths to one resource may hash
   * apart.
   */
  private int stripeFor(ApiRequest request) {
    if (!itemWrites
        || !(contract.route(request.method(), request.target()) instanceof Route.Matched m)) {
      return -1;
    }
    return m.operation()
        .resource()
        .filter(a -> a.action().itemScoped() && a.action().writes())
        .map(
            a -> {
              String id = m.parameters().getOrDefault(a.idParameter(), "");
              String collection = a.collection(m.parameters());
              int h = (collection + '/' + id).toLowerCase(Locale.ROOT).hashCode();
              return Math.floorMod(h, STRIPES);
            })
        .orElse(-1);
  }

  /**
   * Judges and stores until the update is stored. After {@link #PATIENCE} lost races it makes
   * newcomers to its stripe queue behind it, so only updates already being judged can still come
   * first: far fewer than {@link #MAX_ATTEMPTS}.
   */
  private EngineAnswer attempt(ApiRequest request, int stripe, Decision[] seen) {
    boolean flagged = false;
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Decision d = contract.evaluate(request, knowledge);
        seen[0] = d;
        Optional<Answer> answer = stored(d);
        if (answer.isPresent()) {
          return new EngineAnswer(d, answer.get());
        }
        if (attempt + 1 == PATIENCE && stripe >= 0) {
          starving.incrementAndGet(stripe);
          flagged = true;
        }
      }
    } finally {
      if (flagged) {
        starving.decrementAndGet(stripe);
      }
    }
    throw new IllegalStateException("an update lost " + MAX_ATTEMPTS + " races in a row");
  }

  /**
   * Stores what the decision changes, compare-and-set on the state it was judged against, and says
   * what to answer; empty when another request changed the resource first (then judge again).
   */
  private Optional<Answer> stored(Decision d) {
    Optional<Operation.ResourceAction> action = d.operation().flatMap(Operation::resource);
    if (action.isEmpty() || d.fixed() || !d.accepted(profile)) {
      return Optional.of(d.answer(profile, d.resourceSeen()));
    }
    Operation.ResourceAction a = action.get();
    // the collection the path names: for a nested resource, the one under the parents' values
    String name = a.collection(d.parameters());
    switch (a.action()) {
      case UPDATE, REPLACE -> {
        Optional<ResourceState> after = d.applied(profile);
        if (after.isEmpty()) {
          return Optional.of(d.answer(profile, d.resourceSeen()));
        }
        return store.replace(name, d.resourceSeen().orElseThrow(), after.get())
            ? Optional.of(d.answer(profile, after))
            : Optional.empty();
      }
      case CREATE -> {
        return create(d, a, name);
      }
      case DELETE -> {
        // what is nested under it goes with it
        return store.deleteWithChildren(
                a.resource(), d.parameters(), d.resourceSeen().orElseThrow().id())
            ? Optional.of(d.answer(profile, Optional.empty()))
            : Optional.empty();
      }
      case LIST -> {
        return Optional.of(contract.answers().list(d.operation().get(), store.all(name)));
      }
      default -> {
        return Optional.of(d.answer(profile, d.resourceSeen()));
      }
    }
  }

  /**
   * Stores an accepted create of an inferred resource ({@code --stateful}): the body's fields over
   * the resource's defaults, under the id the body gives, else a new one. An id that exists is a
   * 409 {@code mock.resource-exists}. Empty (judge again) when the parent item the collection is
   * under was deleted meanwhile: what was stored is taken back, and the next judgement refuses it.
   */
  private Optional<Answer> create(Decision d, Operation.ResourceAction a, String collection) {
    ResourceModel model = a.resource();
    ObjectNode fields =
        d.body(profile)
            .filter(JsonNode::isObject)
            .map(ObjectNode.class::cast)
            .map(model::unwrap)
            .orElseGet(JsonNodeFactory.instance::objectNode);
    JsonNode sent = fields.get(model.idProperty());
    boolean given = sent != null && (sent.isString() || sent.isIntegralNumber());
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      String id = given ? sent.asString() : newId(model, collection);
      ResourceState state = ResourceState.of(id, model.created(fields, id, d.parameters()), 0);
      if (store.create(collection, state)) {
        if (store.missingParent(a.resource(), d.parameters()).isPresent()) {
          store.delete(collection, id);
          return Optional.empty();
        }
        return Optional.of(d.answer(profile, Optional.of(state)));
      }
      if (given) {
        Operation op = d.operation().orElseThrow();
        return Optional.of(
            contract
                .globalRules()
                .find("mock.resource-exists")
                .map(
                    r ->
                        contract
                            .answers()
                            .error(
                                op,
                                r.status(),
                                ValidationReport.of(
                                    r.violation(
                                        Part.BODY,
                                        "/" + model.idProperty(),
                                        Map.of("detail", model.name(), "value", id))),
                                List.of()))
                .orElseThrow());
      }
    }
    throw new IllegalStateException("no free id for a new " + model.name());
  }

  /**
   * A new id: the next number not taken in the collection (counted per resource, across the
   * collections of a nested one), or a random UUID for ids that are strings.
   */
  private String newId(ResourceModel model, String collection) {
    if (!model.numericId()) {
      return UUID.randomUUID().toString();
    }
    AtomicLong counter = counters.computeIfAbsent(model.name(), k -> new AtomicLong());
    String id;
    do {
      id = Long.toString(counter.incrementAndGet());
    } while (store.get(collection, id).isPresent());
    return id;
  }

  /** A 500 in the error shape, for a failure of the mock itself. */
  public Answer internalError(Decision decision) {
    Operation op = decision == null ? null : decision.operation().orElse(null);
    return contract
        .engineRule("internal-error", op)
        .map(
            r ->
                contract
                    .answers()
                    .error(
                        op,
                        500,
                        ValidationReport.of(
                            r.violation(
                                Part.BODY, "", Map.of("detail", "a failure of the mock itself"))),
                        List.of()))
        .orElseGet(
            () ->
                new Answer(
                    500,
                    List.of(),
                    "{\"success\":false,\"message\":\"Internal server error\",\"errors\":[]}"
                        .getBytes(StandardCharsets.UTF_8)));
  }
}
