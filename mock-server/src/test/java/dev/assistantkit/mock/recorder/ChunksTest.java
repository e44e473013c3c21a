package dev.assistantkit.mock.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Kept exchanges write their bytes into shared chunks: every writer gets its own span, spans never
 * overlap (however many threads write at once), a full chunk is followed by a new one, a large
 * write gets an array of its own, and a text reads back char for char.
 */
class ChunksTest {

  private static final long MIB = 1 << 20;

  @Test
  void a_chunk_fills_whole_regions_of_the_size_g1_would_choose() {
    // G1 chooses a region of about a 2048th of the heap (1 MiB at least; it averages the initial
    // and the largest heap, so a 2048th of the largest is the most it can be); a chunk is at least
    // half a region, so G1 allocates it outside the young generation
    assertEquals(4 * MIB - 64, Chunks.sizeFor(6 * 1024 * MIB)); // this machine's default heap
    assertEquals(MIB - 64, Chunks.sizeFor(128 * MIB));
    assertEquals(MIB - 64, Chunks.sizeFor(1024 * MIB));
    assertEquals(2 * MIB - 64, Chunks.sizeFor(2 * 1024 * MIB));
    assertEquals(16 * MIB - 64, Chunks.sizeFor(32 * 1024 * MIB));
    assertEquals(16 * MIB - 64, Chunks.sizeFor(Long.MAX_VALUE));
    for (long heap = 64 * MIB; heap <= 32 * 1024 * MIB; heap *= 2) {
      long region = Math.max(MIB, Long.highestOneBit(heap / 2048));
      assertTrue(Chunks.sizeFor(heap) >= region / 2, "humongous for a heap of " + heap);
    }
  }

  @Test
  void spans_are_disjoint_and_a_full_chunk_is_followed_by_a_new_one() throws Exception {
    Chunks chunks = new Chunks(1000);
    int threads = 4;
    int each = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<int[]>>> results = new ArrayList<>();
      Map<byte[], Integer> arrays = new IdentityHashMap<>();
      List<byte[]> byIndex = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int writer = t;
        Callable<List<int[]>> write =
            () -> {
              List<int[]> spans = new ArrayList<>();
              int[] at = new int[1];
              for (int i = 0; i < each; i++) {
                int n = 1 + (i * 7 + writer) % 100; // up to a tenth of a chunk
                byte[] b = chunks.take(n, at);
                for (int k = 0; k < n; k++) {
                  b[at[0] + k] = (byte) (writer + 1);
                }
                synchronized (arrays) {
                  Integer index = arrays.get(b);
                  if (index == null) {
                    index = byIndex.size();
                    arrays.put(b, index);
                    byIndex.add(b);
                  }
                  spans.add(new int[] {index, at[0], n, writer + 1});
                }
              }
              return spans;
            };
        results.add(pool.submit(write));
      }
      List<int[]> all = new ArrayList<>();
      for (Future<List<int[]>> f : results) {
        all.addAll(f.get());
      }
      assertEquals(threads * each, all.size());
      for (int[] span : all) {
        byte[] b = byIndex.get(span[0]);
        assertTrue(span[1] + span[2] <= b.length, "within its array");
        for (int k = 0; k < span[2]; k++) {
          assertEquals((byte) span[3], b[span[1] + k], "no other writer wrote over a span");
        }
      }
      assertTrue(byIndex.size() > 100, "full chunks were followed by new ones");
      for (byte[] b : byIndex) {
        assertTrue(b.length == chunks.size() || b.length > chunks.size() / 8, "a chunk");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_large_write_gets_an_array_of_its_own() {
    Chunks chunks = new Chunks(800);
    int[] at = new int[1];
    byte[] small = chunks.take(100, at);
    assertEquals(800, small.length);
    byte[] large = chunks.take(101, at);
    assertEquals(101, large.length);
    assertEquals(0, at[0]);
    assertNotSame(small, large);
    assertSame(small, chunks.take(100, at), "the shared chunk goes on being used");
    assertEquals(100, at[0]);
    assertThrows(IllegalArgumentException.class, () -> new Chunks(10));
  }

  @Test
  void texts_and_counts_read_back_exactly() {
    List<String> texts =
        java.util.Arrays.asList(
            "",
            null,
            "plain ascii: 12:34;~",
            "latin-1 \u00e9\u00ff\u0080 all in one byte",
            "wide \u20ac \u2603 \ud83d\ude00 and a lone surrogate \ud800 and \udfff",
            "\u0000\uffff",
            "x".repeat(200),
            "\u0100".repeat(70));
    int size = 0;
    for (String t : texts) {
      size += Chunks.sizeOf(t);
    }
    int[] counts = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE};
    for (int n : counts) {
      size += Chunks.sizeOf(n);
    }
    byte[] b = new byte[5 + size];
    int end = 5;
    for (String t : texts) {
      end = Chunks.write(t, b, end);
    }
    for (int n : counts) {
      end = Chunks.write(n, b, end);
    }
    assertEquals(b.length, end, "sizeOf is what write writes");
    Chunks.Reader r = new Chunks.Reader(b, 5);
    for (String t : texts) {
      assertEquals(t, r.text());
    }
    for (int n : counts) {
      assertEquals(n, r.count());
    }
    assertEquals(1 + 5, Chunks.sizeOf("latin"), "a byte a char");
    assertEquals(1 + 10, Chunks.sizeOf("wid\u0100e"), "two when one char needs them");
  }
}
