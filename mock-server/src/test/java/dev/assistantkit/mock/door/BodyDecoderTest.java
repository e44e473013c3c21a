package dev.assistantkit.mock.door;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A body's buffer grows as its bytes arrive (announcing 4 MiB and sending one byte costs a few
 * KiB), and no further than the length the client announced: a 3 MB admin import ends in its own
 * buffer, handed on as it is, not copied once more out of a 4 MiB one.
 */
class BodyDecoderTest {

  static final long LIMIT = 4L * 1024 * 1024;

  @Test
  void a_body_of_announced_length_ends_in_a_buffer_of_that_length() {
    int length = 3_000_001;
    byte[] sent = new byte[length];
    Arrays.fill(sent, (byte) 'x');
    try (BodyDecoder d = new BodyDecoder(BodyDecoder.Coding.IDENTITY, LIMIT, length)) {
      for (int at = 0; at < length; at += 65_536) {
        int n = Math.min(65_536, length - at);
        assertEquals(BodyDecoder.Decoded.OK, d.write(sent, at, n));
        assertTrue(d.capacity() <= Math.max(BodyDecoder.START, 2L * (at + n)), "grows as it comes");
      }
      assertEquals(BodyDecoder.Decoded.OK, d.finish());
      assertEquals(length, d.capacity());
      byte[] body = d.body();
      assertSame(body, d.body(), "the buffer itself, no copy");
      assertArrayEquals(sent, body);
    }
  }

  @Test
  void one_byte_of_a_large_announced_body_costs_the_first_buffer_only() {
    try (BodyDecoder d = new BodyDecoder(BodyDecoder.Coding.IDENTITY, LIMIT, LIMIT)) {
      assertEquals(BodyDecoder.Decoded.OK, d.write(new byte[] {1}, 0, 1));
      assertEquals(BodyDecoder.START, d.capacity());
    }
  }

  @Test
  void a_body_longer_than_announced_still_reads_whole_up_to_the_limit() {
    byte[] sent = new byte[20_000];
    try (BodyDecoder d = new BodyDecoder(BodyDecoder.Coding.IDENTITY, LIMIT, 10_000)) {
      assertEquals(BodyDecoder.Decoded.OK, d.write(sent, 0, sent.length));
      assertArrayEquals(sent, d.body());
    }
  }
}
