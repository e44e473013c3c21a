package dev.assistantkit.mock.wiremock;

import dev.assistantkit.mock.door.Reply;
import java.util.Optional;

/**
 * The mock's own answers to one exchange that goes through WireMock, given by the gate with the
 * exchange: what the contract answers where its stub matches, and what the mock's endpoints answer
 * where theirs does.
 */
public interface OwnAnswers {

  /**
   * The contract's answer, not yet masked.
   *
   * @param authorization the Authorization a server-side extension of the caller's (a request
   *     filter) put in WireMock's view instead of the masked one the door handed over, if any
   */
  Delayed contract(Optional<String> authorization);

  /** The answer of the mock's own endpoints ({@code /__mock}, the docs), not yet masked. */
  Reply tools();

  /**
   * An answer and the delay to add to it.
   *
   * @param reply the answer
   * @param delayMillis the delay ({@code --latency}), 0 for none
   */
  record Delayed(Reply reply, long delayMillis) {}
}
