package dev.assistantkit.mock.door;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Ways to answer by breaking the connection, as a stub's {@code fault} asks (WireMock's names): a
 * reset, a connection closed with no answer, random bytes, or a broken chunk.
 */
public enum Breakage {
  CONNECTION_RESET_BY_PEER("the connection was reset"),
  EMPTY_RESPONSE("the connection was closed without an answer"),
  RANDOM_DATA_THEN_CLOSE("random bytes were sent, then the connection closed"),
  MALFORMED_RESPONSE_CHUNK("a 200 with a malformed chunk was sent, then the connection closed");

  private static final byte[] GARBAGE =
      "lskdu018973t09sylgasjkfg1][]'./.sdlv".getBytes(StandardCharsets.US_ASCII);

  private final String description;

  Breakage(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  void apply(Request base, HttpServletResponse response) {
    base.setHandled(true);
    EndPoint endPoint = base.getHttpChannel().getEndPoint();
    try {
      switch (this) {
        case CONNECTION_RESET_BY_PEER -> {
          if (endPoint instanceof SocketChannelEndPoint s) {
            s.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
          }
        }
        case EMPTY_RESPONSE -> {}
        case RANDOM_DATA_THEN_CLOSE -> {
          byte[] random = new byte[10 * 1024];
          ThreadLocalRandom.current().nextBytes(random);
          endPoint.flush(ByteBuffer.wrap(random));
        }
        case MALFORMED_RESPONSE_CHUNK -> {
          response.setStatus(200);
          response.flushBuffer();
          endPoint.flush(ByteBuffer.wrap(GARBAGE));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the connection is going away anyway
    } finally {
      endPoint.close();
    }
  }
}
