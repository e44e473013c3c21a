package dev.assistantkit.mock.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The exchanges kept for showing: the newest {@code capacity}, at O(1) an exchange. */
public final class Traffic {

  private final Ring<Later<ExchangeRecord>> exchanges;
  private final AtomicLong seq = new AtomicLong();

  public Traffic(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the traffic keeps at least 1 exchange");
    }
    this.exchanges = new Ring<>(capacity);
  }

  /** The next exchange's number. */
  long next() {
    return seq.incrementAndGet();
  }

  /** An exchange made when first shown (its number taken with {@link #next()} as it happened). */
  void add(Later<ExchangeRecord> r) {
    exchanges.add(r);
  }

  /** Oldest first. */
  public List<ExchangeRecord> all() {
    List<Later<ExchangeRecord>> kept = exchanges.oldestFirst();
    List<ExchangeRecord> out = new ArrayList<>(kept.size());
    for (Later<ExchangeRecord> r : kept) {
      out.add(r.get());
    }
    return out;
  }

  public void clear() {
    exchanges.clear();
  }
}
