package dev.assistantkit.mock.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The newest {@code capacity} items added, oldest dropped as new ones come: an add is one counter
 * increment and one slot written, with no lock and no node allocated for a list. Readers get a
 * snapshot; an item being added at that moment may be missing from it.
 */
public final class Ring<T> {

  private record Slot<T>(long seq, T item) {}

  private final int capacity;
  private final AtomicReferenceArray<Slot<T>> slots;
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
    long seq = next.getAndIncrement();
    int i = index(seq);
    Slot<T> slot = new Slot<>(seq, item);
    while (true) {
      Slot<T> current = slots.get(i);
      if (current != null && current.seq() > seq) {
        return; // a newer item already took the slot: this one was dropped as it came
      }
      if (slots.compareAndSet(i, current, slot)) {
        return;
      }
    }
  }

  /** The items kept, newest first. */
  public List<T> newestFirst() {
    List<T> out = new ArrayList<>();
    long end = next.get();
    for (long s = end - 1; s >= lowest(end); s--) {
      Slot<T> slot = slots.get(index(s));
      if (slot != null && slot.seq() == s) {
        out.add(slot.item());
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
      Slot<T> slot = slots.get(i);
      if (slot != null && slot.seq() < end) {
        slots.compareAndSet(i, slot, null);
      }
    }
  }

  private boolean change(Predicate<T> which, T replacement, boolean newestFirst) {
    long end = next.get();
    long low = lowest(end);
    for (long k = 0; k < end - low; k++) {
      long s = newestFirst ? end - 1 - k : low + k;
      int i = index(s);
      Slot<T> slot = slots.get(i);
      if (slot != null && slot.seq() == s && which.test(slot.item())) {
        Slot<T> changed = replacement == null ? null : new Slot<>(s, replacement);
        if (slots.compareAndSet(i, slot, changed)) {
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
