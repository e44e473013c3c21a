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
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

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

  /** Per stripe: updates that lost {@link #PATIENCE} races and are still being judged. */
  private final AtomicIntegerArray starving = new AtomicIntegerArray(STRIPES);

  private final Contract contract;
  private final ResourceStore store;
  private final MockKnowledge knowledge;
  private final Profile profile;

  public MockEngine(Contract contract, ResourceStore store, List<String> apiKeys, Profile profile) {
    this.contract = contract;
    this.store = store;
    this.knowledge = new MockKnowledge(apiKeys, store);
    this.profile = profile;
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
    Decision decision = null;
    try {
      decision = decide(request);
      return new EngineAnswer(
          decision, decision.answer(profile, decision.applied(profile).or(decision::resourceSeen)));
    } catch (RuntimeException e) {
      return new EngineAnswer(decision, internalError(decision));
    }
  }

  private Decision decide(ApiRequest request) {
    int stripe = stripeFor(request);
    // first without waiting, unless an update of the resource has lost too often: newcomers then
    // queue behind it, so that it cannot keep losing to them
    if (stripe < 0 || starving.get(stripe) == 0) {
      Decision first = contract.evaluate(request, knowledge);
      if (stored(first)) {
        return first;
      }
    }
    if (stripe < 0) {
      return attempt(request, -1);
    }
    // another update of the same resource came first: judged again, in turn with the others that
    // lost
    turns[stripe].lock();
    try {
      return attempt(request, stripe);
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
    if (!(contract.route(request.method(), request.target()) instanceof Route.Matched m)) {
      return -1;
    }
    return m.operation()
        .resource()
        .filter(a -> a.action() == Operation.Action.UPDATE)
        .map(
            a -> {
              String id = m.parameters().getOrDefault(a.idParameter(), "");
              int h = (a.resource().name() + '/' + id.toLowerCase(Locale.ROOT)).hashCode();
              return Math.floorMod(h, STRIPES);
            })
        .orElse(-1);
  }

  /**
   * Judges and stores until the update is stored. After {@link #PATIENCE} lost races it makes
   * newcomers to its stripe queue behind it, so only updates already being judged can still come
   * first: far fewer than {@link #MAX_ATTEMPTS}.
   */
  private Decision attempt(ApiRequest request, int stripe) {
    boolean flagged = false;
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Decision d = contract.evaluate(request, knowledge);
        if (stored(d)) {
          return d;
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
   * Stores what the decision changes, compare-and-set on the state it was judged against: true when
   * it changes nothing or is stored, false when another update came first.
   */
  private boolean stored(Decision d) {
    Optional<ResourceState> after = d.applied(profile);
    if (after.isEmpty()) {
      return true;
    }
    Operation.ResourceAction action = d.operation().orElseThrow().resource().orElseThrow();
    return store.replace(action.resource().name(), d.resourceSeen().orElseThrow(), after.get());
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
