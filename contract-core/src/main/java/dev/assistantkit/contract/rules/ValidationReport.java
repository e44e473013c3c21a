package dev.assistantkit.contract.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** An immutable list of violations. Checks return one; nothing throws for bad input. */
public final class ValidationReport {

  private static final ValidationReport EMPTY = new ValidationReport(List.of());

  private final List<Violation> violations;

  private ValidationReport(List<Violation> violations) {
    this.violations = Collections.unmodifiableList(violations);
  }

  public static ValidationReport empty() {
    return EMPTY;
  }

  public static ValidationReport of(Violation... violations) {
    return violations.length == 0 ? EMPTY : new ValidationReport(List.of(violations));
  }

  /**
   * The violations, one per rule and place (two keywords of one rule at one value say the same).
   */
  public static ValidationReport of(List<Violation> violations) {
    if (violations.isEmpty()) {
      return EMPTY;
    }
    Map<String, Violation> seen = new LinkedHashMap<>();
    for (Violation v : violations) {
      seen.putIfAbsent(v.ruleId() + " " + v.in() + " " + v.pointer(), v);
    }
    return new ValidationReport(List.copyOf(seen.values()));
  }

  public ValidationReport merge(ValidationReport other) {
    if (other.violations.isEmpty()) {
      return this;
    }
    if (violations.isEmpty()) {
      return other;
    }
    List<Violation> all = new ArrayList<>(violations);
    all.addAll(other.violations);
    return of(all);
  }

  public List<Violation> violations() {
    return violations;
  }

  public boolean isEmpty() {
    return violations.isEmpty();
  }

  /** The ids of the violated rules, in report order, each once. */
  public Set<String> ruleIds() {
    Set<String> ids = new LinkedHashSet<>();
    violations.forEach(v -> ids.add(v.ruleId()));
    return Collections.unmodifiableSet(ids);
  }

  /** The status the first violation yields, or 200 for an empty report. */
  public int status() {
    return violations.isEmpty() ? 200 : violations.get(0).status();
  }

  /** The violations that match. */
  public ValidationReport where(Predicate<Violation> keep) {
    if (violations.stream().allMatch(keep)) {
      return this;
    }
    return of(violations.stream().filter(keep).toList());
  }

  /** Does any violation have this origin? */
  public boolean has(Origin origin) {
    return violations.stream().anyMatch(v -> v.origin() == origin);
  }

  @Override
  public String toString() {
    return violations.isEmpty() ? "no violations" : violations.toString();
  }
}
