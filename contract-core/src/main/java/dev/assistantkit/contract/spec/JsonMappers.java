package dev.assistantkit.contract.spec;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kit's plain JSON mapper, one for every class that needs one. Its buffers are recycled per
 * thread: Jackson's default pool is one concurrent deque, and with a server's worker threads on two
 * cores taking and returning buffers on every request, that deque was a few percent of a request.
 */
public final class JsonMappers {

  private static final JsonMapper PLAIN = JsonMapper.builder(factory().build()).build();

  private JsonMappers() {}

  /** A plain mapper (Jackson's defaults), shared. */
  public static JsonMapper plain() {
    return PLAIN;
  }

  /** Jackson's default factory settings, with buffers recycled per thread. */
  public static JsonFactoryBuilder factory() {
    return JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool());
  }
}
