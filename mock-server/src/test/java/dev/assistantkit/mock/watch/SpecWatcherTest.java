package dev.assistantkit.mock.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the watcher reloads, ticked by hand on a clock the test moves: never before the files have
 * stayed unchanged for the quiet time, never for a save that changes nothing, once for a change
 * (written in place, or as a new file renamed over the old one), again for a change made while the
 * spec loaded, and for a missing file the last attempt named once it is created. Nothing here
 * depends on how fast the machine is: the clock is the test's.
 */
class SpecWatcherTest {

  private static final long QUIET = SpecWatcher.QUIET.toNanos();

  @TempDir Path dir;

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final List<List<Path>> attempts = new ArrayList<>();
  private Path main;
  private Path other;

  @BeforeEach
  void files() throws IOException {
    main = dir.resolve("openapi.yaml");
    other = dir.resolve("schemas.yaml");
    Files.writeString(main, "openapi: 3.1.0\n");
    Files.writeString(other, "kind: {enum: [cat, dog]}\n");
  }

  /** A watcher of both files whose reload records the call and names the files given. */
  private SpecWatcher watcher(Supplier<List<Path>> named) {
    SpecWatcher w = SpecWatcher.of(List.of(main, other), clock::get);
    w.reloadWith(
        () -> {
          List<Path> files = named.get();
          attempts.add(files);
          return files;
        });
    return w;
  }

  private SpecWatcher watcher() {
    return watcher(() -> List.of(main, other));
  }

  private void later(long nanos) {
    clock.addAndGet(nanos);
  }

  @Test
  void a_change_reloads_once_the_files_have_stayed_unchanged_for_the_quiet_time()
      throws IOException {
    SpecWatcher w = watcher();
    Files.writeString(other, "kind: {enum: [cat, dog, bird]}\n");
    w.tick(); // the change is seen
    assertEquals(0, attempts.size());
    later(QUIET - 1);
    w.tick();
    assertEquals(0, attempts.size(), "not before the quiet time: a save may land in two writes");
    later(1);
    w.tick();
    assertEquals(1, attempts.size());
    later(QUIET);
    w.tick(); // the look after a reload finds what it loaded
    later(SpecWatcher.RECHECK.toNanos());
    w.tick();
    assertEquals(1, attempts.size());
  }

  @Test
  void a_second_write_within_the_quiet_time_delays_the_reload_to_one() throws IOException {
    SpecWatcher w = watcher();
    Files.writeString(other, "");
    w.tick();
    later(QUIET - 1);
    Files.writeString(other, "kind: {enum: [cat, dog, bird]}\n");
    w.tick(); // the second write: quiet again from here
    later(QUIET - 1);
    w.tick();
    assertEquals(0, attempts.size());
    later(1);
    w.tick();
    assertEquals(1, attempts.size(), "one reload, of the file as it ended");
  }

  @Test
  void a_save_that_changes_nothing_reloads_nothing() throws IOException {
    SpecWatcher w = watcher();
    String same = Files.readString(other);
    Path copy = dir.resolve(".schemas.yaml.swp");
    Files.writeString(copy, same);
    Files.move(copy, other, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(0, attempts.size());
  }

  @Test
  void a_file_replaced_by_a_rename_as_editors_save_is_reloaded() throws IOException {
    SpecWatcher w = watcher();
    Path copy = dir.resolve(".schemas.yaml.swp");
    Files.writeString(copy, "kind: {enum: [cat, dog, bird]}\n");
    Files.move(copy, other, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(1, attempts.size());
  }

  @Test
  void a_file_deleted_then_written_again_is_read_as_it_ends() throws IOException {
    SpecWatcher w = watcher();
    Files.delete(other);
    w.tick();
    later(QUIET / 2);
    Files.writeString(other, "kind: {enum: [cat, dog, bird]}\n");
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(1, attempts.size());
  }

  @Test
  void a_change_made_while_the_spec_loads_is_loaded_after() throws IOException {
    boolean[] once = {false};
    SpecWatcher w =
        watcher(
            () -> {
              if (!once[0]) {
                once[0] = true;
                // the loader has read the files; the editor's second write lands now
                try {
                  Files.writeString(other, "kind: {enum: [cat, dog, bird, fish]}\n");
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
              return List.of(main, other);
            });
    Files.writeString(other, "kind: {enum: [cat, dog, bird]}\n");
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(1, attempts.size());
    later(QUIET);
    w.tick();
    assertEquals(2, attempts.size(), "the file changed after it was read: read again");
    later(QUIET);
    w.tick();
    assertEquals(2, attempts.size());
  }

  @Test
  void a_missing_file_the_last_attempt_named_is_reloaded_when_it_appears() throws IOException {
    Path gone = dir.resolve("gone.yaml");
    SpecWatcher w = watcher(() -> List.of(main, other, gone));
    Files.writeString(main, "openapi: 3.1.0\nx: {$ref: gone.yaml}\n");
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(1, attempts.size());
    assertEquals(List.of(main, other, gone), w.files());
    later(QUIET);
    w.tick();
    assertEquals(1, attempts.size(), "nothing changed since: no second attempt");
    Files.writeString(gone, "type: string\n");
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(2, attempts.size());
  }

  @Test
  void a_file_no_longer_named_is_no_longer_watched() throws IOException {
    SpecWatcher w = watcher(() -> List.of(main));
    Files.writeString(main, "openapi: 3.1.0\ninfo: {}\n");
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(1, attempts.size());
    assertEquals(List.of(main), w.files());
    Files.writeString(other, "kind: {enum: [cat]}\n");
    w.tick();
    later(QUIET);
    w.tick();
    later(SpecWatcher.RECHECK.toNanos());
    w.tick();
    later(QUIET);
    w.tick();
    assertEquals(1, attempts.size());
  }
}
