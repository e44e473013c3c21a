package dev.assistantkit.mock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Assistants in a map; per-assistant atomic updates through {@link ConcurrentHashMap#compute}. */
public final class InMemoryAssistantStore implements AssistantStore {

  private final ConcurrentHashMap<String, Assistant> assistants = new ConcurrentHashMap<>();
  private final List<Assistant> initial;

  public InMemoryAssistantStore(List<Assistant> initial) {
    this.initial = List.copyOf(initial);
    reset();
  }

  @Override
  public Optional<Assistant> get(String id) {
    return Optional.ofNullable(assistants.get(key(id)));
  }

  @Override
  public Collection<Assistant> all() {
    List<Assistant> out = new ArrayList<>(assistants.values());
    out.sort(java.util.Comparator.comparing(Assistant::id));
    return out;
  }

  @Override
  public boolean create(Assistant assistant) {
    return assistants.putIfAbsent(key(assistant.id()), assistant) == null;
  }

  @Override
  public boolean delete(String id) {
    return assistants.remove(key(id)) != null;
  }

  @Override
  public Optional<Assistant> update(String id, UnaryOperator<Assistant> change) {
    return Optional.ofNullable(
        assistants.computeIfPresent(key(id), (k, current) -> change.apply(current)));
  }

  @Override
  public synchronized void reset() {
    assistants.clear();
    initial.forEach(a -> assistants.put(key(a.id()), a));
  }

  private static String key(String id) {
    return id.toLowerCase(java.util.Locale.ROOT);
  }
}
