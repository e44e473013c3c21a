package dev.assistantkit.mock.door;

/** Where the door hands every request it lets through: the gate. */
public interface Downstream {

  /**
   * Whether the door speaks CORS for a path (answers preflights, grants the origin): false for a
   * request that goes to an upstream which answers for itself.
   */
  boolean doorSpeaksCors(Surface surface, String path);

  /**
   * Answers the exchange, now or (once it is {@linkplain Exchange#detach() detached}) later. Never
   * throws for a client's request; what it throws anyway is answered as a failure of the mock.
   */
  void answer(Exchange exchange);
}
