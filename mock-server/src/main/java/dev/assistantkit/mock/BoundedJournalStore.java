package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * WireMock's request journal, newest first, keeping at most a fixed number of requests, at O(1) a
 * request whatever that number is.
 *
 * <p>WireMock bounds its own journal by counting it after every request ({@code
 * getAllKeys().count()}), and its in-memory store walks the whole journal to count, with a map
 * lookup per entry: at 1000 entries that was most of the time a request took. Here the store bounds
 * itself as it adds, and WireMock is given no bound to enforce. What it holds was masked before
 * WireMock saw it (the edge, {@link dev.assistantkit.mock.edge.Edge}), and the mock's own answers
 * were masked before WireMock journaled them.
 */
final class BoundedJournalStore implements RequestJournalStore {

  private final int capacity;
  private final Deque<UUID> ids = new ConcurrentLinkedDeque<>();
  private final Map<UUID, ServeEvent> events = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  BoundedJournalStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a journal keeps at least 1 request, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** WireMock's default stores with this journal in place of its own. */
  static DefaultStores stores(FileSource root, int capacity) {
    BoundedJournalStore journal = new BoundedJournalStore(capacity);
    return new DefaultStores(root) {
      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    };
  }

  @Override
  public void add(ServeEvent event) {
    events.put(event.getId(), event);
    ids.addFirst(event.getId());
    if (size.incrementAndGet() > capacity) {
      removeLast();
    }
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return ids.stream().map(events::get).filter(Objects::nonNull);
  }

  @Override
  public Stream<UUID> getAllKeys() {
    return ids.stream();
  }

  @Override
  public Optional<ServeEvent> get(UUID id) {
    return Optional.ofNullable(events.get(id));
  }

  /** Replaces an event still in the journal (WireMock completes each one after serving it). */
  @Override
  public void put(UUID id, ServeEvent event) {
    events.computeIfPresent(id, (k, old) -> event);
  }

  @Override
  public void removeLast() {
    UUID id = ids.pollLast();
    if (id != null) {
      events.remove(id);
      size.decrementAndGet();
    }
  }

  @Override
  public void remove(UUID id) {
    if (ids.removeFirstOccurrence(id)) {
      events.remove(id);
      size.decrementAndGet();
    }
  }

  @Override
  public void clear() {
    // one by one, so the size stays true while requests keep arriving
    while (ids.peekLast() != null) {
      removeLast();
    }
  }
}
