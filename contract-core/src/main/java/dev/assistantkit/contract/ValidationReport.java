package dev.assistantkit.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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

  public static ValidationReport of(List<Violation> violations) {
    return violations.isEmpty() ? EMPTY : new ValidationReport(List.copyOf(violations));
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
    return new ValidationReport(all);
  }

  public List<Violation> violations() {
    return violations;
  }

  public boolean isEmpty() {
    return violations.isEmpty();
  }

  public boolean hasErrors() {
    return violations.stream().anyMatch(v -> v.level() == Level.ERROR);
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

  /** The same violations, with those that match the predicate downgraded to advice. */
  public ValidationReport asAdviceWhere(Predicate<Violation> predicate) {
    if (violations.stream().noneMatch(predicate)) {
      return this;
    }
    return new ValidationReport(
        violations.stream().map(v -> predicate.test(v) ? v.withLevel(Level.ADVICE) : v).toList());
  }

  @Override
  public String toString() {
    return violations.isEmpty() ? "no violations" : violations.toString();
  }
}
