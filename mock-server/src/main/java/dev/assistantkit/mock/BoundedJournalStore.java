package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.mock.traffic.Later;
import dev.assistantkit.mock.traffic.Ring;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * WireMock's request journal, newest first, keeping at most a fixed number of requests, at O(1) a
 * request whatever that number is.
 *
 * <p>WireMock bounds its own journal by counting it after every request ({@code
 * getAllKeys().count()}), and its in-memory store walks the whole journal to count, with a map
 * lookup per entry: at 1000 entries that was most of the time a request took. Here the store is a
 * {@link Ring} that drops the oldest as it adds, and WireMock is given no bound to enforce. What it
 * holds was masked before WireMock saw it (the edge, {@link dev.assistantkit.mock.edge.Edge}), and
 * the mock's own answers were masked before WireMock journaled them. Requests the edge answered
 * directly ({@link DirectAnswers}) are journaled as events made when first read.
 */
final class BoundedJournalStore implements RequestJournalStore {

  private record Entry(UUID id, Later<ServeEvent> event) {}

  private final Ring<Entry> entries;

  BoundedJournalStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a journal keeps at least 1 request, not " + capacity);
    }
    this.entries = new Ring<>(capacity);
  }

  /** WireMock's default stores with this journal in place of its own. */
  DefaultStores stores(FileSource root) {
    BoundedJournalStore journal = this;
    return new DefaultStores(root) {
      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    };
  }

  @Override
  public void add(ServeEvent event) {
    add(event.getId(), Later.of(event));
  }

  /** An event made when the journal is first read (a request the edge answered directly). */
  void add(UUID id, Later<ServeEvent> event) {
    entries.add(new Entry(id, event));
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return entries.newestFirst().stream().map(e -> e.event().get());
  }

  @Override
  public Stream<UUID> getAllKeys() {
    return entries.newestFirst().stream().map(Entry::id);
  }

  @Override
  public Optional<ServeEvent> get(UUID id) {
    return entries.newestFirst().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .map(e -> e.event().get());
  }

  /** Replaces an event still in the journal (WireMock completes each one after serving it). */
  @Override
  public void put(UUID id, ServeEvent event) {
    entries.replace(e -> e.id().equals(id), new Entry(id, Later.of(event)));
  }

  @Override
  public void removeLast() {
    entries.removeOldest();
  }

  @Override
  public void remove(UUID id) {
    entries.remove(e -> e.id().equals(id));
  }

  @Override
  public void clear() {
    entries.clear();
  }
}
