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
  private static final class Slab {
    private final byte[] bytes;
    private final AtomicInteger used = new AtomicInteger();

    private Slab(int size) {
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
  private volatile Slab current;

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
    this.current = new Slab(size);
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
      Slab c = current;
      int i = c.take(n);
      if (i >= 0) {
        at[0] = i;
        return c.bytes;
      }
      synchronized (this) {
        if (current == c) {
          current = new Slab(size);
        }
      }
    }
  }

  // ------------------------------------------------------------------ texts, exactly

  // A text is written as a header, then its chars: the header is 0 for none, else the text's
  // length doubled, plus 1 if any char needs two bytes, plus 1 (in 7-bit groups, low first, the
  // high bit set on all but the last); then a byte a char, or two (high byte first) when wide.

  /** How many bytes {@link #write(String, byte[], int)} writes for a text (null: none). */
  static int sizeOf(String s) {
    if (s == null) {
      return 1;
    }
    boolean wide = anyWide(s);
    return sizeOf(header(s.length(), wide)) + (wide ? 2 * s.length() : s.length());
  }

  /** How many bytes {@link #write(int, byte[], int)} writes for a count. */
  static int sizeOf(int n) {
    int size = 1;
    for (int x = n >>> 7; x != 0; x >>>= 7) {
      size++;
    }
    return size;
  }

  /** Writes a text (null: none) at {@code at}, char for char: where it ends. */
  static int write(String s, byte[] bytes, int at) {
    if (s == null) {
      bytes[at] = 0;
      return at + 1;
    }
    int n = s.length();
    boolean wide = anyWide(s);
    int b = write(header(n, wide), bytes, at);
    if (wide) {
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        bytes[b++] = (byte) (c >>> 8);
        bytes[b++] = (byte) c;
      }
    } else {
      for (int i = 0; i < n; i++) {
        bytes[b++] = (byte) s.charAt(i);
      }
    }
    return b;
  }

  /** Writes a count (not negative) at {@code at}: where it ends. */
  static int write(int n, byte[] bytes, int at) {
    int b = at;
    int x = n;
    while ((x & ~0x7f) != 0) {
      bytes[b++] = (byte) ((x & 0x7f) | 0x80);
      x >>>= 7;
    }
    bytes[b++] = (byte) x;
    return b;
  }

  private static int header(int length, boolean wide) {
    return ((length << 1) | (wide ? 1 : 0)) + 1;
  }

  private static boolean anyWide(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) > 0xff) {
        return true;
      }
    }
    return false;
  }

  /** Reads back, in order, the texts and counts written from {@code at}. */
  static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes, int at) {
      this.bytes = bytes;
      this.at = at;
    }

    int count() {
      int n = 0;
      int shift = 0;
      while (true) {
        byte b = bytes[at++];
        n |= (b & 0x7f) << shift;
        if (b >= 0) {
          return n;
        }
        shift += 7;
      }
    }

    /** The next text, exactly as written (null for none). */
    String text() {
      int header = count();
      if (header == 0) {
        return null;
      }
      int n = (header - 1) >>> 1;
      if (((header - 1) & 1) == 0) {
        String s = new String(bytes, at, n, StandardCharsets.ISO_8859_1);
        at += n;
        return s;
      }
      char[] out = new char[n];
      for (int i = 0; i < n; i++, at += 2) {
        out[i] = (char) (((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff));
      }
      return new String(out);
    }
  }
}
