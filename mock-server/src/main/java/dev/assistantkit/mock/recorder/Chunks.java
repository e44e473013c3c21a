package dev.assistantkit.mock.recorder;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where kept exchanges write their bytes (texts and bodies): one after another into a few large
 * shared arrays instead of a few small arrays each.
 *
 * <p>Why: the journal keeps the newest thousand exchanges, and under load every young collection
 * copies those that are still kept. Small arrays are allocated in the young generation and copied
 * by each collection; an array at least half of G1's region is allocated outside it (a "humongous"
 * object) and never copied, and it is freed as a whole once no exchange kept in it is referenced.
 * Copying the kept exchanges made the mock's collections slow enough that G1 grew its heap where
 * stock WireMock's (with no journal) did not (docs/benchmarks.md).
 *
 * <p>A chunk is sized from the largest heap the JVM may use, as G1 sizes its regions from the heap
 * (about a 2048th of it): at least half a region, so humongous, for any heap up to 32 GiB. Another
 * collector allocates it as any array, and nothing is lost but the saving. A write larger than an
 * eighth of a chunk gets an array of its own, so that a large body does not leave most of a chunk
 * unused.
 */
final class Chunks {

  /** One shared array and how much of it is taken. */
  private static final class Chunk {
    private final byte[] bytes;
    private final AtomicInteger used = new AtomicInteger();

    private Chunk(int size) {
      this.bytes = new byte[size];
    }

    /** Takes {@code n} bytes: their offset, or -1 when they do not fit. */
    private int take(int n) {
      while (true) {
        int at = used.get();
        if (at + n > bytes.length) {
          return -1;
        }
        if (used.compareAndSet(at, at + n)) {
          return at;
        }
      }
    }
  }

  private final int size;
  private volatile Chunk current;

  /** Chunks sized for this JVM's largest heap. */
  Chunks() {
    this(sizeFor(Runtime.getRuntime().maxMemory()));
  }

  /** Chunks of {@code size} bytes (a test's). */
  Chunks(int size) {
    if (size < 64) {
      throw new IllegalArgumentException("a chunk holds at least 64 bytes, not " + size);
    }
    this.size = size;
    this.current = new Chunk(size);
  }

  /**
   * The chunk size for a heap of at most {@code maxHeap} bytes: a power of two from 1 to 16 MiB, at
   * least as large as the region G1 would choose for it, less room for an array's header so that a
   * chunk fills whole regions.
   */
  static int sizeFor(long maxHeap) {
    long target = Math.max(1 << 20, Math.min(16 << 20, maxHeap / 1024));
    return (int) Long.highestOneBit(target) - 64;
  }

  int size() {
    return size;
  }

  /**
   * Where {@code n} bytes may be written: the array, their offset in it put in {@code at[0]}. The
   * bytes are the caller's alone; what it writes there is seen by whoever it hands the array to
   * safely (the rings publish what they keep).
   */
  byte[] take(int n, int[] at) {
    if (n > size / 8) {
      at[0] = 0;
      return new byte[n];
    }
    while (true) {
      Chunk c = current;
      int i = c.take(n);
      if (i >= 0) {
        at[0] = i;
        return c.bytes;
      }
      synchronized (this) {
        if (current == c) {
          current = new Chunk(size);
        }
      }
    }
  }

  // ------------------------------------------------------------------ texts, exactly

  /** Whether a text needs two bytes for some char (one does for every char up to U+00FF). */
  static boolean anyWide(CharSequence t) {
    for (int i = 0, n = t.length(); i < n; i++) {
      if (t.charAt(i) > 0xff) {
        return true;
      }
    }
    return false;
  }

  /** Writes a text at {@code at}, a byte a char or two (high byte first): where it ends. */
  static int writeText(CharSequence t, byte[] bytes, int at, boolean wide) {
    int b = at;
    for (int i = 0, n = t.length(); i < n; i++) {
      char c = t.charAt(i);
      if (wide) {
        bytes[b++] = (byte) (c >>> 8);
      }
      bytes[b++] = (byte) c;
    }
    return b;
  }

  /** The text of {@code chars} chars {@link #writeText} wrote at {@code at}, char for char. */
  static String readText(byte[] bytes, int at, int chars, boolean wide) {
    if (!wide) {
      return new String(bytes, at, chars, StandardCharsets.ISO_8859_1);
    }
    char[] out = new char[chars];
    for (int i = 0, b = at; i < chars; i++, b += 2) {
      out[i] = (char) (((bytes[b] & 0xff) << 8) | (bytes[b + 1] & 0xff));
    }
    return new String(out);
  }
}
