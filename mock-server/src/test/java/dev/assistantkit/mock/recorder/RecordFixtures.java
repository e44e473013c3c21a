package dev.assistantkit.mock.recorder;

/**
 * Records for tests outside this package (the journal's): as {@link TrafficPagesTest} makes them.
 */
public final class RecordFixtures {

  private RecordFixtures() {}

  /** A PATCH the engine judged and answered 200, its request body this long. */
  public static ExchangeRecord patch(long seq, int padding) {
    return TrafficPagesTest.patch(seq, padding);
  }
}
