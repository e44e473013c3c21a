package dev.assistantkit.contract.spec;

import tools.jackson.databind.node.ObjectNode;

/**
 * A stored resource: its id and fields as JSON, and how many updates it has seen. Treat {@code
 * fields} as immutable: updates make a new state.
 *
 * @param id the resource's id (as the path names it, lower-cased for UUIDs)
 * @param fields the fields, by their wire names
 * @param version how many updates were applied since it was created
 * @param complete whether every field is known; false when a judge learned only some of them from
 *     traffic (an absent field then means "unknown", not "unset")
 */
public record ResourceState(String id, ObjectNode fields, long version, boolean complete) {

  /** A fully known state. */
  public static ResourceState of(String id, ObjectNode fields, long version) {
    return new ResourceState(id, fields, version, true);
  }

  /** A resource known to exist, of which nothing else is known. */
  public static ResourceState partial(String id) {
    return new ResourceState(
        id, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), 0, false);
  }
}
