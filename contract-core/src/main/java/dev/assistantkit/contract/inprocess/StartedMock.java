package dev.assistantkit.contract.inprocess;

/** A reference mock running in this JVM, as {@link ReferenceMockProvider#start} left it. */
public interface StartedMock extends AutoCloseable {

  /** {@code http://127.0.0.1:PORT}. */
  String baseUrl();

  /** A key it accepts (a secret: never printed). */
  String apiKey();

  /** The resource to address, or "" for a document whose operations address none. */
  String resourceId();

  /** Stops it. */
  @Override
  void close();
}
