package dev.assistantkit.mock.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The newest {@code capacity} items added, oldest dropped as new ones come: an add is one counter
 * increment and one slot written, with no lock and no object allocated for it. Readers get a
 * snapshot; an item being added at that moment may be missing from it.
 *
 * <p>Each item carries the number the ring gave it ({@link Item}), so that a slot is the item
 * itself: a ring keeps a thousand exchanges by default, and every young collection copies each
 * object they hold.
 */
public final class Ring<T extends Ring.Item> {

  /** What a ring keeps: it holds the number its ring gave it; an item is in one ring, once. */
  public abstract static class Item {
    private long ringSeq = -1;
  }

  private final int capacity;
  private final AtomicReferenceArray<T> slots;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong floor = new AtomicLong();

  public Ring(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a ring keeps at least 1 item, not " + capacity);
    }
    this.capacity = capacity;
    this.slots = new AtomicReferenceArray<>(capacity);
  }

  public int capacity() {
    return capacity;
  }

  /** Adds an item, dropping the oldest when full. */
  public void add(T item) {
    claim(item);
    long seq = next.getAndIncrement();
    int i = index(seq);
    number(item, seq); // published by the slot's write below
    while (true) {
      T current = slots.get(i);
      if (current != null && numberOf(current) > seq) {
        return; // a newer item already took the slot: this one was dropped as it came
      }
      if (slots.compareAndSet(i, current, item)) {
        return;
      }
    }
  }

  private static long numberOf(Item item) {
    return item.ringSeq;
  }

  private static void number(Item item, long seq) {
    item.ringSeq = seq;
  }

  private static void claim(Item item) {
    if (numberOf(item) != -1) {
      throw new IllegalArgumentException("an item is kept once, by one ring");
    }
  }

  /** The items kept, newest first. */
  public List<T> newestFirst() {
    List<T> out = new ArrayList<>();
    long end = next.get();
    for (long s = end - 1; s >= lowest(end); s--) {
      T slot = slots.get(index(s));
      if (slot != null && numberOf(slot) == s) {
        out.add(slot);
      }
    }
    return out;
  }

  /** The items kept, oldest first. */
  public List<T> oldestFirst() {
    List<T> out = newestFirst();
    java.util.Collections.reverse(out);
    return out;
  }

  /** How many items are kept. */
  public int size() {
    return newestFirst().size();
  }

  /** Replaces the newest item that matches; false when none does. */
  public boolean replace(Predicate<T> which, T replacement) {
    return change(which, replacement, true);
  }

  /** Removes the newest item that matches; false when none does. */
  public boolean remove(Predicate<T> which) {
    return change(which, null, true);
  }

  /** Removes the oldest item; false when there is none. */
  public boolean removeOldest() {
    return change(x -> true, null, false);
  }

  /** Removes every item added so far. */
  public void clear() {
    long end = floor.accumulateAndGet(next.get(), Math::max);
    for (int i = 0; i < capacity; i++) {
      T slot = slots.get(i);
      if (slot != null && numberOf(slot) < end) {
        slots.compareAndSet(i, slot, null);
      }
    }
  }

  private boolean change(Predicate<T> which, T replacement, boolean newestFirst) {
    if (replacement != null) {
      claim(replacement);
    }
    long end = next.get();
    long low = lowest(end);
    for (long k = 0; k < end - low; k++) {
      long s = newestFirst ? end - 1 - k : low + k;
      int i = index(s);
      T slot = slots.get(i);
      if (slot != null && numberOf(slot) == s && which.test(slot)) {
        if (replacement != null) {
          number(replacement, s); // published by the slot's write below, if it wins
        }
        if (slots.compareAndSet(i, slot, replacement)) {
          return true;
        }
      }
    }
    return false;
  }

  private long lowest(long end) {
    return Math.max(floor.get(), end - capacity);
  }

  private int index(long seq) {
    return (int) (seq % capacity);
  }
}
