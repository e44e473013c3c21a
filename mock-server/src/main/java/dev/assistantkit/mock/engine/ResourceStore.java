package dev.assistantkit.mock.engine;

import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the mock keeps the resources the spec's operations act on, by resource name and id. Updates
 * are compare-and-set on the version, so none is ever lost; a reset goes back to the seed.
 *
 * <p>The name is a collection's: a resource's name, or for a resource nested under another's item,
 * one of its collections ({@code owners/{ownerId}/pets@1}, {@link ResourceModel#collectionOf}),
 * which a reset empties as it empties the resource, and deleting the item it is under empties too
 * ({@link #deleteWithChildren}).
 */
public interface ResourceStore {

  Optional<ResourceState> get(String resource, String id);

  /** Every resource of a kind, ordered by id. */
  List<ResourceState> all(String resource);

  /** Adds a resource; false when one with that id exists. */
  boolean create(String resource, ResourceState state);

  boolean delete(String resource, String id);

  /**
   * Empties a collection and says what it held: for a nested resource's collection ({@code
   * owners/{ownerId}/pets@1}), the resources of an item being deleted.
   *
   * @return the resources removed, in no particular order
   */
  List<ResourceState> drop(String collection);

  /**
   * The parent item a nested resource's collection is under ({@link ResourceModel#parentItem}),
   * when it has one this store does not hold: empty when it is held, or none is asked.
   *
   * @param parameters the path parameters that name the resource's collection
   */
  default Optional<ResourceModel.ParentItem> missingParent(
      ResourceModel model, Map<String, String> parameters) {
    return model.parentItem(parameters).filter(p -> get(p.collection(), p.id()).isEmpty());
  }

  /**
   * Deletes a resource and what is nested under it: each collection of an inferred resource under
   * its item ({@link ResourceModel#children}) is emptied, and theirs in turn, so that an item
   * re-created with the same id has none of them.
   *
   * @param parameters the path parameters that name the resource's collection, by its own names
   * @return false when it was not there (then nothing is deleted)
   */
  default boolean deleteWithChildren(
      ResourceModel model, Map<String, String> parameters, String id) {
    if (!delete(model.collectionOf(parameters), id)) {
      return false;
    }
    dropChildren(model, parameters, id);
    return true;
  }

  private void dropChildren(ResourceModel model, Map<String, String> parameters, String id) {
    for (ResourceModel child : model.children()) {
      Map<String, String> under = child.scopeUnder(parameters, id);
      for (ResourceState s : drop(child.collectionOf(under))) {
        dropChildren(child, under, s.id());
      }
    }
  }

  /**
   * Replaces a resource if it is still the version the caller saw.
   *
   * @return false when another update came first (then evaluate again) or it is gone
   */
  boolean replace(String resource, ResourceState expected, ResourceState updated);

  /** Back to the resources the mock started with (or the last {@link #reseed}'s). */
  void reset();

  /**
   * Takes the seed of a reloaded contract ({@code --watch}): resets go back to it from now on, and
   * a resource the store holds none of yet starts at its seed. The resources held are kept as
   * stored, of every kind, whatever the new contract says of their shape; a kind the contract no
   * longer names is kept too, until a reset.
   *
   * @param seed the new seed, by resource name
   */
  void reseed(Map<String, List<ResourceState>> seed);
}
