package dev.assistantkit.contract.generation;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Stable seeds: FNV-1a over UTF-8 text and a SplitMix64 finaliser, so that a value depends only on
 * the seed and the names on its way, never on identity hashes or iteration order.
 */
final class SeedMix {

  private SeedMix() {}

  /** FNV-1a (64 bit) of the text's UTF-8 bytes. */
  static long fnv(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The SplitMix64 finaliser: every input bit reaches every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A seed for a named part below a parent seed. */
  static long child(long parent, String name) {
    return mix(parent * 31 + fnv(name));
  }

  /** A seed for the n-th try of something. */
  static long attempt(long seed, int n) {
    return n == 0 ? seed : mix(seed + 0x9e3779b97f4a7c15L * n);
  }

  static SplittableRandom random(long seed) {
    return new SplittableRandom(seed);
  }
}
