package dev.assistantkit.contract.generation;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an instance must contain so that a keyword deep inside its schema applies at all: the
 * optional properties to include, the branches of {@code oneOf}/{@code anyOf}/{@code if} to take
 * and the items to have, each at its instance path. Built once per keyword location, then read.
 */
final class Plan {

  /** No constraint: the generator chooses freely. */
  static final Plan NONE = new Plan("");

  private final String target;
  private final Map<String, Map<String, Integer>> choices = new LinkedHashMap<>();
  private final Map<String, Set<String>> names = new LinkedHashMap<>();
  private final Map<String, Integer> items = new LinkedHashMap<>();

  Plan(String target) {
    this.target = target;
  }

  /** The instance path the plan leads to. */
  String target() {
    return target;
  }

  void choose(String path, String group, int alternative) {
    choices.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(group, alternative);
  }

  void include(String path, String name) {
    names.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(name);
  }

  void items(String path, int atLeast) {
    items.merge(path, atLeast, Math::max);
  }

  /** The alternative the plan takes for a group at a path, or -1 when free. */
  int choice(String path, String group) {
    Map<String, Integer> at = choices.get(path);
    Integer i = at == null ? null : at.get(group);
    return i == null ? -1 : i;
  }

  Set<String> included(String path) {
    return names.getOrDefault(path, Set.of());
  }

  int minItems(String path) {
    return items.getOrDefault(path, 0);
  }

  /** Whether the path lies on the way to the target (where document examples would skip it). */
  boolean onTheWay(String path) {
    return this != NONE && (target.equals(path) || target.startsWith(path + "/"));
  }
}
