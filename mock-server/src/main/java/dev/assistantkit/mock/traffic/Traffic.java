package dev.assistantkit.mock.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The exchanges kept for showing: the newest {@code capacity}, at O(1) an exchange. */
public final class Traffic {

  private final Ring<Later<Recorded>> exchanges;
  private final AtomicLong seq = new AtomicLong();

  public Traffic(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the traffic keeps at least 1 exchange");
    }
    this.exchanges = new Ring<>(capacity);
  }

  /** The next exchange's number. */
  public long next() {
    return seq.incrementAndGet();
  }

  public void add(Recorded r) {
    add(Later.of(r));
  }

  /** An exchange made when first shown (its number taken with {@link #next()} as it happened). */
  public void add(Later<Recorded> r) {
    exchanges.add(r);
  }

  /** Oldest first. */
  public List<Recorded> all() {
    List<Later<Recorded>> kept = exchanges.oldestFirst();
    List<Recorded> out = new ArrayList<>(kept.size());
    for (Later<Recorded> r : kept) {
      out.add(r.get());
    }
    return out;
  }

  public void clear() {
    exchanges.clear();
  }
}
