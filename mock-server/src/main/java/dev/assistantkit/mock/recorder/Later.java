package dev.assistantkit.mock.recorder;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made when first asked for, once: what a request answered directly leaves for the journal
 * and the traffic costs the request nothing but this holder.
 */
public final class Later<T> implements Supplier<T> {

  private Supplier<? extends T> make;
  private volatile T value;

  public Later(Supplier<? extends T> make) {
    this.make = Objects.requireNonNull(make, "make");
  }

  /** A value made already. */
  public static <T> Later<T> of(T value) {
    Later<T> later = new Later<>(() -> value);
    later.value = Objects.requireNonNull(value, "value");
    later.make = null;
    return later;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(make.get(), "made nothing");
          value = v;
          make = null;
        }
      }
    }
    return v;
  }
}
