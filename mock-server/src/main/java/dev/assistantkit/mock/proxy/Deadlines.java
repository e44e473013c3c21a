package dev.assistantkit.mock.proxy;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When proxied exchanges must end, and the one mechanism that ends them then: each exchange's
 * deadline is fixed when its request arrived ({@code --proxy-timeout} after it), so that whatever
 * it waited for before the proxy sent it (a serving thread, a connection to the upstream past the
 * proxy's limit) counts toward it, and an exchange that waits in a queue is ended by the same
 * deadline as one the upstream holds.
 */
public interface Deadlines {

  /** Now, in milliseconds of the epoch (the clock arrivals are stamped with). */
  long now();

  /**
   * Runs {@code action} once {@code atMillis} has come, unless cancelled first.
   *
   * @return the way to cancel it (idempotent; cancelling after it ran does nothing)
   */
  Runnable at(long atMillis, Runnable action);

  /** The wall clock and a timer thread. */
  static Deadlines on(ScheduledExecutorService timer) {
    return new Deadlines() {
      @Override
      public long now() {
        return System.currentTimeMillis();
      }

      @Override
      public Runnable at(long atMillis, Runnable action) {
        ScheduledFuture<?> f =
            timer.schedule(action, Math.max(0, atMillis - now()), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
      }
    };
  }
}
