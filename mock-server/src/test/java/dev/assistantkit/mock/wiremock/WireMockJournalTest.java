package dev.assistantkit.mock.wiremock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.mock.recorder.ExchangeRecord;
import dev.assistantkit.mock.recorder.Journal;
import dev.assistantkit.mock.recorder.RecordFixtures;
import dev.assistantkit.mock.recorder.Road;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The journal store on its own: WireMock's journal semantics, bounded by itself. */
class WireMockJournalTest {

  private static ServeEvent event(String name) {
    return ServeEvent.of(
        ImmutableRequest.create()
            .withAbsoluteUrl("http://127.0.0.1/assistant/update/" + name)
            .withMethod(RequestMethod.PATCH)
            .build());
  }

  @Test
  void keeps_events_newest_first_and_drops_the_oldest_beyond_its_capacity() {
    WireMockJournal store = new WireMockJournal(3, java.util.List::of);
    List<ServeEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(event("e" + i));
      store.add(events.get(i));
    }
    assertEquals(
        List.of(events.get(4).getId(), events.get(3).getId(), events.get(2).getId()),
        store.getAllKeys().toList());
    assertTrue(store.get(events.get(1).getId()).isEmpty());
    assertEquals(3, store.getAll().count());
  }

  @Test
  void an_exchange_is_journaled_as_itself_until_read_then_as_the_event_made_of_it_once() {
    WireMockJournal store = new WireMockJournal(3, List::of);
    ExchangeRecord r = RecordFixtures.patch(1, 10);
    AtomicInteger made = new AtomicInteger();
    Journal.Entry entry =
        new Journal.Entry() {
          @Override
          public UUID id() {
            return r.id();
          }

          @Override
          public boolean is(UUID id) {
            return r.id().equals(id);
          }

          @Override
          public ExchangeRecord get() {
            made.incrementAndGet();
            return r;
          }
        };
    store.keep(Road.ENGINE, entry);
    store.keep(Road.PROXY, entry); // the proxy's exchanges are the traffic's alone
    store.keep(Road.WIREMOCK, entry); // WireMock journals its own
    assertEquals(List.of(r.id()), store.getAllKeys().toList());
    assertEquals(0, made.get(), "listing the ids makes no record");
    ServeEvent first = store.get(r.id()).orElseThrow();
    assertSame(first, store.getAll().findFirst().orElseThrow(), "made once, then the journal's");
    assertSame(first, store.get(r.id()).orElseThrow());
    assertEquals(1, made.get());
    assertEquals(RequestMethod.PATCH, first.getRequest().getMethod());
    assertEquals(r.id(), first.getId());
    store.add(event("wiremocks-own"));
    store.remove(r.id());
    assertTrue(store.get(r.id()).isEmpty());
    assertEquals(1, store.getAll().count());
  }

  @Test
  void remove_put_and_clear_behave_as_in_wiremocks_own_store() {
    WireMockJournal store = new WireMockJournal(10, java.util.List::of);
    ServeEvent a = event("a");
    ServeEvent b = event("b");
    store.add(a);
    store.add(b);
    ServeEvent completed =
        a.withResponseDefinition(
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.okForJson(
                    java.util.Map.of())
                .build());
    store.put(a.getId(), completed);
    assertEquals(200, store.get(a.getId()).orElseThrow().getResponseDefinition().getStatus());
    ServeEvent never = event("never-added");
    store.put(never.getId(), never);
    assertTrue(store.get(never.getId()).isEmpty(), "put adds nothing that is not there");
    store.remove(b.getId());
    store.remove(UUID.randomUUID());
    assertEquals(List.of(a.getId()), store.getAllKeys().toList());
    store.removeLast();
    store.removeLast();
    assertEquals(0, store.getAllKeys().count());
    for (int i = 0; i < 10; i++) {
      store.add(event("f" + i));
    }
    store.clear();
    assertEquals(0, store.getAll().count());
    // the size is still right after a clear: a full journal's worth fits again
    for (int i = 0; i < 10; i++) {
      store.add(event("g" + i));
    }
    assertEquals(10, store.getAllKeys().count());
  }

  @Test
  void under_concurrent_adds_it_ends_exactly_full() throws Exception {
    WireMockJournal store = new WireMockJournal(100, java.util.List::of);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.execute(
          () -> {
            for (int i = 0; i < 5000; i++) {
              store.add(event("c" + i));
            }
          });
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    assertEquals(100, store.getAllKeys().count());
    assertEquals(100, store.getAll().count());
  }

  @Test
  void a_journal_keeps_at_least_one_request() {
    assertThrows(IllegalArgumentException.class, () -> new WireMockJournal(0, java.util.List::of));
  }
}
