package dev.assistantkit.mock.engine;

import dev.assistantkit.contract.spec.ResourceState;
import java.util.List;
import java.util.Optional;

/**
 * Where the mock keeps the resources the spec's operations act on, by resource name and id. Updates
 * are compare-and-set on the version, so none is ever lost; a reset goes back to the seed.
 */
public interface ResourceStore {

  Optional<ResourceState> get(String resource, String id);

  /** Every resource of a kind, ordered by id. */
  List<ResourceState> all(String resource);

  /** Adds a resource; false when one with that id exists. */
  boolean create(String resource, ResourceState state);

  boolean delete(String resource, String id);

  /**
   * Replaces a resource if it is still the version the caller saw.
   *
   * @return false when another update came first (then evaluate again) or it is gone
   */
  boolean replace(String resource, ResourceState expected, ResourceState updated);

  /** Back to the resources the mock started with. */
  void reset();
}
