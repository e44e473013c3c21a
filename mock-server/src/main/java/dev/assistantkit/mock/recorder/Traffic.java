package dev.assistantkit.mock.recorder;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The exchanges kept for showing: the newest {@code capacity}, at O(1) an exchange. Each is made
 * into a record only when first shown; a view shows each on its own, so one that cannot be made
 * never hides the others.
 */
public final class Traffic {

  /** One exchange kept. */
  public interface Kept {
    /** Its number, from 1, in the order exchanges ended. */
    long seq();

    /** Its record, made when first asked for (it may fail: the view says so). */
    Supplier<ExchangeRecord> record();
  }

  /** An exchange kept as given. */
  private static final class Given implements Kept {
    private final long seq;
    private final Supplier<ExchangeRecord> record;

    Given(long seq, Supplier<ExchangeRecord> record) {
      this.seq = seq;
      this.record = record;
    }

    @Override
    public long seq() {
      return seq;
    }

    @Override
    public Supplier<ExchangeRecord> record() {
      return record;
    }
  }

  private final Ring<Kept> exchanges;
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
  void add(long number, Supplier<ExchangeRecord> r) {
    exchanges.add(new Given(number, r));
  }

  /** An exchange the recorder kept (its number taken with {@link #next()} as it happened). */
  void add(KeptExchange x) {
    exchanges.add(x);
  }

  /** The exchanges kept, oldest first. */
  public List<Kept> kept() {
    return exchanges.oldestFirst();
  }

  /** How many exchanges it keeps at most. */
  public int capacity() {
    return exchanges.capacity();
  }

  public void clear() {
    exchanges.clear();
  }
}
