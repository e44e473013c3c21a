package dev.assistantkit.mock.engine;

import dev.assistantkit.contract.evaluation.Knowledge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** What the mock knows: the keys it was given and every resource it holds. */
public final class MockKnowledge implements Knowledge {

  private final List<byte[]> keys;
  private final ResourceStore store;

  MockKnowledge(List<String> keys, ResourceStore store) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    this.store = store;
  }

  /** Compared in constant time, whole: a prefix or another case of a key is not the key. */
  @Override
  public KeyVerdict key(String token) {
    byte[] t = token.getBytes(StandardCharsets.UTF_8);
    boolean found = false;
    for (byte[] k : keys) {
      found |= MessageDigest.isEqual(k, t);
    }
    return found ? KeyVerdict.ACCEPTED : KeyVerdict.REJECTED;
  }

  @Override
  public ResourceView resource(String resource, String id) {
    return store.get(resource, id).<ResourceView>map(Present::new).orElseGet(Absent::new);
  }
}
