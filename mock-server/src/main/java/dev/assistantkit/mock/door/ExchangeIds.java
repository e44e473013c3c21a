package dev.assistantkit.mock.door;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids unique within the process, shaped as version-4 UUIDs (WireMock's journal expects UUIDs),
 * without a random draw per request: one random prefix, then a counter.
 */
final class ExchangeIds {

  private final long high;
  private final AtomicLong low = new AtomicLong();

  ExchangeIds() {
    long random = new SecureRandom().nextLong();
    this.high = (random & ~0xF000L) | 0x4000L; // version 4
  }

  UUID next() {
    return new UUID(
        high, (low.incrementAndGet() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
  }
}
