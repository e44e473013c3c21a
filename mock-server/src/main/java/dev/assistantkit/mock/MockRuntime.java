package dev.assistantkit.mock;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the mock's extensions share: the contract, the store and the admin logic. Loaded on a second
 * thread while WireMock starts, so start-up costs the longer of the two, not their sum.
 *
 * @param contract the loaded contract
 * @param store the assistants
 * @param admin creation and masked views
 */
record MockRuntime(Contract contract, AssistantStore store, AssistantAdmin admin) {

  /** Starts loading; {@link Loading#get()} waits for it. */
  static Loading loadInBackground(byte[] seed) {
    return new Loading(CompletableFuture.supplyAsync(() -> load(seed)));
  }

  /** A contract being loaded ahead of any start (see {@link #preloadContract()}); taken once. */
  private static final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Contract>>
      PRELOADED = new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * Starts loading the contract at once, for a command line that will start a mock: the load (about
   * 0.4 s, mostly class loading) overlaps parsing the options and starting WireMock.
   */
  static void preloadContract() {
    PRELOADED.compareAndSet(null, CompletableFuture.supplyAsync(Contract::load));
  }

  private static MockRuntime load(byte[] seed) {
    CompletableFuture<Contract> preloaded = PRELOADED.getAndSet(null);
    Contract contract = preloaded != null ? preloaded.join() : Contract.load();
    AssistantAdmin admin = new AssistantAdmin(contract);
    AssistantStore store = new InMemoryAssistantStore(admin.seed(seed));
    warmUp(contract);
    return new MockRuntime(contract, store, admin);
  }

  /** Runs one request's worth of validation so the first real request finds the code warm. */
  private static void warmUp(Contract contract) {
    byte[] body = contract.spec().exampleJson("SwitchToPipeline").getBytes(StandardCharsets.UTF_8);
    var check =
        contract
            .requests()
            .checkRequest(
                new ContractRequest(
                    MockServer.EXAMPLE_ASSISTANT,
                    Map.of("Content-Type", "application/json"),
                    body));
    contract.requests().checkAgainstState(check, "realtime");
    AssistantChanges.apply(Map.of(), AssistantChanges.read(body));
  }

  /** A runtime being loaded. */
  static final class Loading {
    private final CompletableFuture<MockRuntime> future;

    private Loading(CompletableFuture<MockRuntime> future) {
      this.future = future;
    }

    /**
     * The runtime, once loaded.
     *
     * @throws IllegalArgumentException when the seed breaks the contract
     */
    MockRuntime get() {
      try {
        return future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
  }
}
