package dev.assistantkit.mock.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the files a spec was read from and reloads it when their content changes: the main file
 * and every file it refers to, as the last attempt to load it named them (a file a reference named
 * that was missing included, so that creating it is seen).
 *
 * <p>It polls, on one daemon thread: every {@link #POLL} it looks at each file's modification time,
 * size and identity (an editor that saves by writing a new file and renaming it over the old one
 * changes the identity), which costs no read. A change makes it wait until the files have stayed
 * unchanged for {@link #QUIET} (a save may land in two writes, or as a delete and a rename), then
 * it compares their content with what the last attempt read, and reloads only when the content
 * differs (a save of unchanged text reloads nothing). A change the stamps cannot show (one that
 * keeps the size within one tick of a coarse file clock) is caught by comparing the content every
 * {@link #RECHECK} as well. A {@code WatchService} was not used: on macOS the JDK's polls every 2
 * to 10 seconds, and it watches directories, past which a file replaced by rename or a directory
 * created later can slip. Polling a handful of files is cheap and behaves the same everywhere.
 */
public final class SpecWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  /** How often the files are looked at. */
  public static final Duration POLL = Duration.ofMillis(250);

  /** How long the files must stay unchanged before they are read. */
  public static final Duration QUIET = Duration.ofMillis(300);

  /** How often the content is compared even when the stamps say nothing changed. */
  public static final Duration RECHECK = Duration.ofSeconds(2);

  /** Loads the spec again. */
  @FunctionalInterface
  public interface Reload {
    /**
     * Loads the spec from its files, whether or not it loads, never throwing.
     *
     * @return the files the attempt read or looked for: the ones to watch from now on
     */
    List<Path> reload();
  }

  private final LongSupplier clock;
  private final ScheduledExecutorService thread;
  private volatile Reload reload;

  /** The files watched, as the last attempt named them. Only the watcher's thread uses these. */
  private List<Path> files;

  /** The content of each file when the last attempt read it (or just after, for a new file). */
  private Map<Path, String> attempted;

  /** Each file's time, size and identity as last looked at. */
  private Map<Path, Object> seen;

  private boolean dirty;
  private long quietSince;
  private long checkedAt;

  private SpecWatcher(List<Path> files, LongSupplier clock) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a spec read from no file cannot be watched");
    }
    this.clock = clock;
    this.files = List.copyOf(files);
    this.attempted = contents(this.files);
    this.seen = stamps(this.files);
    this.checkedAt = clock.getAsLong();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mock-spec-watch");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Takes in the files as they are now, right after the first load read them: a change from here on
   * is seen, even one made before watching starts.
   *
   * @param files the files the spec was read from, as the first load named them
   */
  public static SpecWatcher of(List<Path> files) {
    return new SpecWatcher(files, System::nanoTime);
  }

  /** As {@link #of(List)}, on another clock (nanoseconds), for tests that tick by hand. */
  static SpecWatcher of(List<Path> files, LongSupplier clock) {
    return new SpecWatcher(files, clock);
  }

  /**
   * Starts watching, on a daemon thread.
   *
   * @param onChange what a change of the files' content calls, on the watcher's thread
   */
  public void start(Reload onChange) {
    reloadWith(onChange);
    thread.scheduleWithFixedDelay(
        this::safeTick, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  void reloadWith(Reload onChange) {
    this.reload = onChange;
  }

  /** The files watched now (for the banner and tests): as the last attempt named them. */
  public synchronized List<Path> files() {
    return files;
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      // a failure here must not end the watching: the scheduler drops a task that throws
      LOG.warn("the spec watcher could not look at the files: {}", e.toString());
    }
  }

  /** One look at the files; reloads once they have changed and then stayed unchanged. */
  synchronized void tick() {
    Map<Path, Object> now = stamps(files);
    long t = clock.getAsLong();
    if (!now.equals(seen)) {
      seen = now;
      dirty = true;
      quietSince = t;
      return;
    }
    if (!dirty) {
      if (t - checkedAt >= RECHECK.toNanos()) {
        checkedAt = t;
        if (!contents(files).equals(attempted)) {
          dirty = true; // read once it has stayed unchanged, as any other change
          quietSince = t;
        }
      }
      return;
    }
    if (t - quietSince < QUIET.toNanos()) {
      return;
    }
    dirty = false;
    checkedAt = t;
    Map<Path, String> before = contents(files);
    if (before.equals(attempted)) {
      return; // touched, or saved as it was
    }
    List<Path> next = List.copyOf(reload.reload());
    // the content as it was read before this attempt: a file changed while it loaded differs
    // from it, and is read again once quiet. Only a file the attempt named for the first time is
    // read after it.
    Map<Path, String> read = new LinkedHashMap<>();
    for (Path p : next) {
      read.put(p, before.containsKey(p) ? before.get(p) : content(p));
    }
    files = next.isEmpty() ? files : next;
    attempted = next.isEmpty() ? before : read;
    seen = stamps(files);
    // look once more after a quiet time, for a change made while the attempt read the files
    dirty = true;
    quietSince = clock.getAsLong();
  }

  private static Map<Path, Object> stamps(List<Path> files) {
    Map<Path, Object> out = new LinkedHashMap<>();
    for (Path p : files) {
      out.put(p, stamp(p));
    }
    return out;
  }

  /** What changes when a file is written or replaced, without reading it. */
  private static Object stamp(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return List.of(
          a.lastModifiedTime(), a.size(), Objects.toString(a.fileKey()), a.isRegularFile());
    } catch (NoSuchFileException e) {
      return "absent";
    } catch (IOException e) {
      return "unreadable: " + e.getClass().getSimpleName();
    }
  }

  private static Map<Path, String> contents(List<Path> files) {
    Map<Path, String> out = new LinkedHashMap<>();
    for (Path p : files) {
      out.put(p, content(p));
    }
    return out;
  }

  /** The SHA-256 of a file's bytes, or why there are none. */
  private static String content(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchFileException e) {
      return "absent";
    } catch (IOException e) {
      return "unreadable: " + e.getClass().getSimpleName();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Stops watching; a reload under way finishes, no other starts. */
  @Override
  public void close() {
    thread.shutdown();
  }
}
