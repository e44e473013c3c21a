package dev.assistantkit.mock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Assistants in a map; per-assistant atomic updates through {@link ConcurrentHashMap#compute}. A
 * reset swaps in a fresh map, so no request ever sees a half-reset store.
 */
public final class InMemoryAssistantStore implements AssistantStore {

  private final java.util.concurrent.atomic.AtomicReference<ConcurrentHashMap<String, Assistant>>
      current = new java.util.concurrent.atomic.AtomicReference<>(new ConcurrentHashMap<>());
  private final List<Assistant> initial;

  public InMemoryAssistantStore(List<Assistant> initial) {
    this.initial = List.copyOf(initial);
    reset();
  }

  @Override
  public Optional<Assistant> get(String id) {
    return Optional.ofNullable(current.get().get(key(id)));
  }

  @Override
  public Collection<Assistant> all() {
    List<Assistant> out = new ArrayList<>(current.get().values());
    out.sort(java.util.Comparator.comparing(Assistant::id));
    return out;
  }

  @Override
  public boolean create(Assistant assistant) {
    return current.get().putIfAbsent(key(assistant.id()), assistant) == null;
  }

  @Override
  public boolean delete(String id) {
    return current.get().remove(key(id)) != null;
  }

  @Override
  public Optional<Assistant> update(String id, UnaryOperator<Assistant> change) {
    return Optional.ofNullable(
        current.get().computeIfPresent(key(id), (k, current) -> change.apply(current)));
  }

  @Override
  public void reset() {
    ConcurrentHashMap<String, Assistant> fresh = new ConcurrentHashMap<>();
    initial.forEach(a -> fresh.put(key(a.id()), a));
    current.set(fresh);
  }

  private static String key(String id) {
    return id.toLowerCase(java.util.Locale.ROOT);
  }
}
