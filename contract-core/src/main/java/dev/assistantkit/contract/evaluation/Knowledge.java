package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.spec.ResourceState;

/**
 * What the caller of {@link Predictor#evaluate} knows besides the request: which bearer tokens the
 * server accepts and which resources exist in which state. The mock knows everything; the suite
 * knows its own key and the state its own writes left; the traffic judge learns from what it sees.
 * Where something is unknown, {@link Predictor#predict} answers for every possibility.
 */
public interface Knowledge {

  /** Whether the server accepts a bearer token. */
  KeyVerdict key(String token);

  /**
   * What is known of the resource with this id.
   *
   * @param resource the collection it is asked in: the resource's name, or for a resource nested
   *     under another's item, the collection its parents' path values name ({@link
   *     dev.assistantkit.contract.spec.ResourceModel#collectionOf})
   */
  ResourceView resource(String resource, String id);

  /** Whether a token is accepted. */
  enum KeyVerdict {
    ACCEPTED,
    REJECTED,
    UNKNOWN
  }

  /** What is known of a resource. */
  sealed interface ResourceView permits Present, Absent, Unknown {}

  /**
   * It exists, in this state (which may be known only in part, see {@link
   * ResourceState#complete()}).
   *
   * @param state its state
   */
  record Present(ResourceState state) implements ResourceView {}

  /** No resource has the id. */
  record Absent() implements ResourceView {}

  /** Whether it exists is not known. */
  record Unknown() implements ResourceView {}
}
