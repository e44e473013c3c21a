package dev.assistantkit.mock;

import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where the mock keeps assistants. Updates of one assistant are atomic and never lost. */
public interface AssistantStore {

  Optional<Assistant> get(String id);

  Collection<Assistant> all();

  /** Adds an assistant; false when one with that id exists. */
  boolean create(Assistant assistant);

  boolean delete(String id);

  /**
   * Applies a change atomically. The function sees the current state and returns the new one; it
   * may throw to reject the change, which then leaves the state as it was.
   *
   * @return the new state, or empty when there is no such assistant
   */
  Optional<Assistant> update(String id, UnaryOperator<Assistant> change);

  /** Back to the assistants the mock started with. */
  void reset();
}
