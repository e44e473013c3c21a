package dev.assistantkit.mock.recorder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The newest {@code capacity} items added, oldest dropped as new ones come: an add is one slot
 * written under the ring's lock, with no object allocated for it. Readers get a snapshot.
 *
 * <p>The ring holds the items themselves and nothing of its own per item, so one item may be in
 * several rings (an exchange is in the journal and in the traffic): a ring keeps a thousand
 * exchanges by default, and every young collection copies each object they hold.
 */
public final class Ring<T> {

  private final Object[] slots;
  // the slot the next item goes to; the items are the `count` slots before it, the newest last; a
  // removed item leaves its slot empty (null) until the ring comes round to it
  private int head;
  private int count;

  public Ring(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a ring keeps at least 1 item, not " + capacity);
    }
    this.slots = new Object[capacity];
  }

  public int capacity() {
    return slots.length;
  }

  /** Adds an item, dropping the oldest when full. */
  public synchronized void add(T item) {
    if (item == null) {
      throw new IllegalArgumentException("a ring keeps no null");
    }
    slots[head] = item;
    head = head + 1 == slots.length ? 0 : head + 1;
    if (count < slots.length) {
      count++;
    }
  }

  /** The items kept, newest first. */
  public synchronized List<T> newestFirst() {
    List<T> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      T item = at(k);
      if (item != null) {
        out.add(item);
      }
    }
    return out;
  }

  /** The items kept, oldest first. */
  public List<T> oldestFirst() {
    List<T> out = newestFirst();
    Collections.reverse(out);
    return out;
  }

  /** How many items are kept. */
  public synchronized int size() {
    int n = 0;
    for (int k = 0; k < count; k++) {
      if (at(k) != null) {
        n++;
      }
    }
    return n;
  }

  /** Replaces the newest item that matches; false when none does. */
  public synchronized boolean replace(Predicate<T> which, T replacement) {
    if (replacement == null) {
      throw new IllegalArgumentException("a ring keeps no null");
    }
    return change(which, replacement, true);
  }

  /** Removes the newest item that matches; false when none does. */
  public synchronized boolean remove(Predicate<T> which) {
    return change(which, null, true);
  }

  /** Removes the oldest item; false when there is none. */
  public synchronized boolean removeOldest() {
    return change(x -> true, null, false);
  }

  /** Removes every item added so far. */
  public synchronized void clear() {
    java.util.Arrays.fill(slots, null);
    count = 0;
  }

  private boolean change(Predicate<T> which, T replacement, boolean newestFirst) {
    for (int j = 0; j < count; j++) {
      int k = newestFirst ? j : count - 1 - j;
      T item = at(k);
      if (item != null && which.test(item)) {
        slots[index(k)] = replacement;
        return true;
      }
    }
    return false;
  }

  /** The k-th newest item (0: the newest), null where one was removed. */
  @SuppressWarnings("unchecked")
  private T at(int k) {
    return (T) slots[index(k)];
  }

  private int index(int k) {
    int i = head - 1 - k;
    return i < 0 ? i + slots.length : i;
  }
}
