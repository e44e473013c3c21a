package dev.assistantkit.mock.engine;

import dev.assistantkit.contract.spec.ResourceModel;
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
 * compare in any case (UUIDs are case-insensitive), and so do the parents' values that name one
 * collection of a nested resource ({@link ResourceModel#collectionOf}): such a collection's map is
 * made by the first resource created in it, so that reading under parents no one wrote to keeps
 * nothing, and dropped whole when the item it is under is deleted.
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

  /** The map of a collection; none yet (an empty collection) unless {@code make}. */
  private Map<String, ResourceState> of(String resource, boolean make) {
    Map<String, ConcurrentHashMap<String, ResourceState>> all = current.get();
    ConcurrentHashMap<String, ResourceState> m = all.get(resource);
    if (m != null) {
      return m;
    }
    String base = ResourceModel.resourceOf(resource);
    if (base.equals(resource) || !all.containsKey(base)) {
      throw new IllegalArgumentException("no resource " + resource + " in the store");
    }
    String scoped = scoped(base, resource);
    if (!make) {
      return all.getOrDefault(scoped, EMPTY);
    }
    // the maps are concurrent: two first creates in one collection share one map
    return all.computeIfAbsent(scoped, k -> new ConcurrentHashMap<>());
  }

  /** The key of one collection of a nested resource: its parents' values compare in any case. */
  private static String scoped(String base, String collection) {
    return base + collection.substring(base.length()).toLowerCase(Locale.ROOT);
  }

  /** A collection no resource was created in; never written (only a create writes, to its own). */
  private static final ConcurrentHashMap<String, ResourceState> EMPTY = new ConcurrentHashMap<>();

  @Override
  public Optional<ResourceState> get(String resource, String id) {
    return Optional.ofNullable(of(resource, false).get(key(id)));
  }

  @Override
  public List<ResourceState> all(String resource) {
    List<ResourceState> out = new ArrayList<>(of(resource, false).values());
    out.sort(Comparator.comparing(ResourceState::id));
    return out;
  }

  @Override
  public boolean create(String resource, ResourceState state) {
    return of(resource, true).putIfAbsent(key(state.id()), state) == null;
  }

  @Override
  public boolean delete(String resource, String id) {
    return of(resource, false).remove(key(id)) != null;
  }

  @Override
  public List<ResourceState> drop(String collection) {
    Map<String, ConcurrentHashMap<String, ResourceState>> all = current.get();
    String base = ResourceModel.resourceOf(collection);
    if (base.equals(collection)) {
      // a resource's one collection stays, empty: the store knows the resource by it
      Map<String, ResourceState> m = of(collection, false);
      List<ResourceState> out = new ArrayList<>();
      m.forEach(
          (k, s) -> {
            if (m.remove(k, s)) {
              out.add(s);
            }
          });
      return out;
    }
    of(collection, false); // an unknown resource fails loudly
    Map<String, ResourceState> removed = all.remove(scoped(base, collection));
    return removed == null ? List.of() : new ArrayList<>(removed.values());
  }

  @Override
  public boolean replace(String resource, ResourceState expected, ResourceState updated) {
    // identity: the state the caller evaluated against, not merely an equal one
    boolean[] done = {false};
    of(resource, false)
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
