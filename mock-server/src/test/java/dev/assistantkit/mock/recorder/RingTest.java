package dev.assistantkit.mock.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A ring keeps the newest items and nothing of its own per item: the oldest go as new ones come, a
 * replaced or removed item is the one asked for, and one item may be in two rings (an exchange is
 * in the journal and the traffic).
 */
class RingTest {

  private static final class Numbered {
    final int n;

    Numbered(int n) {
      this.n = n;
    }
  }

  private static List<Integer> of(Ring<Numbered> ring) {
    return ring.oldestFirst().stream().map(i -> i.n).toList();
  }

  @Test
  void the_newest_are_kept_the_oldest_dropped() {
    Ring<Numbered> ring = new Ring<>(3);
    for (int i = 1; i <= 5; i++) {
      ring.add(new Numbered(i));
    }
    assertEquals(List.of(3, 4, 5), of(ring));
    assertEquals(3, ring.size());
    assertTrue(ring.replace(i -> i.n == 4, new Numbered(40)));
    assertTrue(ring.remove(i -> i.n == 3));
    assertFalse(ring.remove(i -> i.n == 3));
    assertEquals(List.of(40, 5), of(ring));
    assertTrue(ring.removeOldest());
    assertEquals(List.of(5), of(ring));
    ring.add(new Numbered(6));
    ring.clear();
    assertEquals(List.of(), of(ring));
    ring.add(new Numbered(7));
    assertEquals(List.of(7), of(ring));
  }

  @Test
  void one_item_is_in_two_rings_each_keeping_it_as_its_own() {
    Ring<Numbered> journal = new Ring<>(2);
    Ring<Numbered> traffic = new Ring<>(3);
    Numbered shared = new Numbered(1);
    journal.add(shared);
    traffic.add(shared);
    journal.add(new Numbered(2));
    journal.add(new Numbered(3));
    assertEquals(List.of(2, 3), of(journal), "the journal dropped it");
    assertEquals(List.of(1), of(traffic), "the traffic still has it");
    assertTrue(traffic.remove(i -> i == shared));
    assertEquals(List.of(), of(traffic));
    assertThrows(IllegalArgumentException.class, () -> traffic.add(null));
    assertThrows(IllegalArgumentException.class, () -> traffic.replace(i -> true, null));
  }

  @Test
  void a_removed_item_leaves_a_gap_that_the_ring_fills_in_turn() {
    Ring<Numbered> ring = new Ring<>(3);
    for (int i = 1; i <= 3; i++) {
      ring.add(new Numbered(i));
    }
    assertTrue(ring.remove(i -> i.n == 2));
    assertEquals(2, ring.size());
    ring.add(new Numbered(4)); // takes 1's slot: the gap is the second oldest now
    assertEquals(List.of(3, 4), of(ring));
    ring.add(new Numbered(5)); // takes the gap
    assertEquals(List.of(3, 4, 5), of(ring));
    ring.add(new Numbered(6));
    assertEquals(List.of(4, 5, 6), of(ring));
  }

  @Test
  void writers_at_once_leave_the_newest_in_order() throws Exception {
    Ring<Numbered> ring = new Ring<>(64);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int from = t * 10_000;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10_000; i++) {
                    ring.add(new Numbered(from + i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Integer> kept = of(ring);
    assertEquals(64, kept.size(), "a full ring once every add has ended");
    assertEquals(64, kept.stream().distinct().count());
  }
}
