package dev.assistantkit.mock.traffic;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The exchanges kept for showing: the newest {@code capacity}, at O(1) an exchange. */
public final class Traffic {

  private final int capacity;
  private final Deque<Recorded> exchanges = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong seq = new AtomicLong();

  public Traffic(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the traffic keeps at least 1 exchange");
    }
    this.capacity = capacity;
  }

  /** The next exchange's number. */
  public long next() {
    return seq.incrementAndGet();
  }

  public void add(Recorded r) {
    exchanges.addLast(r);
    if (size.incrementAndGet() > capacity && exchanges.pollFirst() != null) {
      size.decrementAndGet();
    }
  }

  /** Oldest first. */
  public List<Recorded> all() {
    return new ArrayList<>(exchanges);
  }

  public void clear() {
    while (exchanges.pollFirst() != null) {
      size.decrementAndGet();
    }
  }
}
