package dev.assistantkit.contract.generation;

import java.util.Optional;

/** The outcome of asking for an instance that breaks one keyword: {@link Broken} or not. */
public sealed interface Breaking permits Broken, Unbreakable {

  /** The broken instance, when there is one. */
  default Optional<Broken> broken() {
    return this instanceof Broken b ? Optional.of(b) : Optional.empty();
  }

  /** The broken instance when it breaks the keyword and nothing else. */
  default Optional<Broken> brokenAlone() {
    return broken().filter(Broken::alone);
  }
}
