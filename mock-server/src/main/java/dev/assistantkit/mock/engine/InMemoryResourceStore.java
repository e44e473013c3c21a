package dev.assistantkit.mock.engine;

import dev.assistantkit.contract.spec.ResourceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Resources in maps; a reset swaps in fresh maps, so no request ever sees a half-reset store. Ids
 * compare in any case (UUIDs are case-insensitive).
 */
public final class InMemoryResourceStore implements ResourceStore {

  private volatile Map<String, List<ResourceState>> seed;
  private final AtomicReference<Map<String, ConcurrentHashMap<String, ResourceState>>> current =
      new AtomicReference<>();

  /**
   * @param seed the resources present after start and after every reset, by resource name
   */
  public InMemoryResourceStore(Map<String, List<ResourceState>> seed) {
    this.seed = Map.copyOf(seed);
    reset();
  }

  private ConcurrentHashMap<String, ResourceState> of(String resource) {
    ConcurrentHashMap<String, ResourceState> m = current.get().get(resource);
    if (m == null) {
      throw new IllegalArgumentException("no resource " + resource + " in the store");
    }
    return m;
  }

  @Override
  public Optional<ResourceState> get(String resource, String id) {
    return Optional.ofNullable(of(resource).get(key(id)));
  }

  @Override
  public List<ResourceState> all(String resource) {
    List<ResourceState> out = new ArrayList<>(of(resource).values());
    out.sort(Comparator.comparing(ResourceState::id));
    return out;
  }

  @Override
  public boolean create(String resource, ResourceState state) {
    return of(resource).putIfAbsent(key(state.id()), state) == null;
  }

  @Override
  public boolean delete(String resource, String id) {
    return of(resource).remove(key(id)) != null;
  }

  @Override
  public boolean replace(String resource, ResourceState expected, ResourceState updated) {
    // identity: the state the caller evaluated against, not merely an equal one
    boolean[] done = {false};
    of(resource)
        .computeIfPresent(
            key(expected.id()),
            (k, now) -> {
              if (now == expected) {
                done[0] = true;
                return updated;
              }
              return now;
            });
    return done[0];
  }

  @Override
  public synchronized void reset() {
    Map<String, ConcurrentHashMap<String, ResourceState>> fresh = new ConcurrentHashMap<>();
    seed.forEach((name, states) -> fresh.put(name, seeded(states)));
    current.set(fresh);
  }

  @Override
  public synchronized void reseed(Map<String, List<ResourceState>> newSeed) {
    this.seed = Map.copyOf(newSeed);
    // the maps held stay the same objects: an update under way lands in them
    Map<String, ConcurrentHashMap<String, ResourceState>> next =
        new ConcurrentHashMap<>(current.get());
    seed.forEach((name, states) -> next.computeIfAbsent(name, n -> seeded(states)));
    current.set(next);
  }

  private static ConcurrentHashMap<String, ResourceState> seeded(List<ResourceState> states) {
    ConcurrentHashMap<String, ResourceState> m = new ConcurrentHashMap<>();
    states.forEach(s -> m.put(key(s.id()), s));
    return m;
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
