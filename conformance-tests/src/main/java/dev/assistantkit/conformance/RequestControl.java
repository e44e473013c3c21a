package dev.assistantkit.conformance;

import java.io.IOException;
import org.apache.http.HttpConnection;

/**
 * What one request's interceptors and its deadline share: its connection, and why its body was cut.
 */
final class RequestControl {
  /** The request's connection, once it has one. */
  volatile HttpConnection connection;

  /** Whether the request's deadline passed. */
  volatile boolean expired;

  /** Why its body was cut, if it was. */
  volatile String cut;

  /** Whether its body stopped coming (a timeout), rather than reached the size cap. */
  volatile boolean stalled;

  /** Drops the connection, which ends a blocked read at once. */
  void shutdown() {
    HttpConnection c = connection;
    if (c != null) {
      try {
        c.shutdown();
      } catch (IOException | RuntimeException e) {
        // already closed
      }
    }
  }
}
