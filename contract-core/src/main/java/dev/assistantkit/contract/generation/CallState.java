package dev.assistantkit.contract.generation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The mutable state of one generation call, confined to the calling thread: the work done so far
 * (bounded), the nesting depth, the schemas being expanded (to see recursion) and the required
 * properties left out on purpose because the direction hides them.
 */
final class CallState {

  /** Generation steps one call may take, whatever the schema. */
  static final long MAX_STEPS = 400_000;

  /** Nesting depth beyond which nothing more is generated. */
  static final int MAX_DEPTH = 32;

  /** Nesting depth from which optional properties and extra items are left out. */
  static final int OPTIONAL_DEPTH = 5;

  final Direction direction;
  final Plan plan;
  final Twist twist;

  /**
   * Which value a discriminator's property gets where values are not checked (around a twist): 0
   * the mapping key, 1 the schema name. Where values are checked, both are tried.
   */
  final int discriminatorVariant;

  private long steps;
  private int depth;
  private final Deque<String> expanding = new ArrayDeque<>();
  private final Set<String> omitted = new LinkedHashSet<>();

  CallState(Direction direction, Plan plan, Twist twist) {
    this(direction, plan, twist, 0);
  }

  CallState(Direction direction, Plan plan, Twist twist, int discriminatorVariant) {
    this.direction = direction;
    this.plan = plan;
    this.twist = twist;
    this.discriminatorVariant = discriminatorVariant;
  }

  /** Counts one step; past the bound the whole call gives up. */
  void tick() {
    if (++steps > MAX_STEPS) {
      throw new OutOfBudget();
    }
  }

  /** Counts many steps at once (long strings, big arrays). */
  void tick(long n) {
    steps += n;
    if (steps > MAX_STEPS) {
      throw new OutOfBudget();
    }
  }

  int depth() {
    return depth;
  }

  void enter() {
    depth++;
  }

  void leave() {
    depth--;
  }

  Deque<String> expanding() {
    return expanding;
  }

  /** Notes a required property left out because the direction hides it. */
  void omit(String objectPath, String name) {
    omitted.add(objectPath + "\u0000" + name);
  }

  /** Whether a "required" problem is one this call caused on purpose. */
  boolean excused(Problem p, String base) {
    return p.keyword().equals("required")
        && omitted.contains(base + p.instance() + "\u0000" + p.property());
  }

  /** Whether generation at this path may check its value (not when it contains the twist). */
  boolean checks(String path) {
    return twist == null || !twist.below(path);
  }

  /** Whether document examples may stand for the value at this path. */
  boolean mayUseExamples(String path) {
    return checks(path) && !plan.onTheWay(path);
  }

  /** The work bound was reached: the call returns nothing. */
  static final class OutOfBudget extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfBudget() {
      super("generation budget exhausted", null, false, false);
    }
  }
}
