package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Spliterator;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The journal store on its own: WireMock's journal semantics, O(1) counting, masked reads. */
class MaskedJournalStoreTest {

  static final Contract CONTRACT = Contract.load();

  private final MaskedJournalStore store =
      new MaskedJournalStore(CONTRACT::masker, List.of("configured-key"));

  private static ServeEvent event(String name) {
    return ServeEvent.of(
        ImmutableRequest.create()
            .withAbsoluteUrl("http://127.0.0.1/assistant/update/" + name)
            .withMethod(RequestMethod.PATCH)
            .withHeader("Authorization", "Bearer configured-key")
            .withHeader("Content-Type", "application/json")
            .withBody(
                ("{\"assistant_llm_config\":{\"api_key\":\"sk-" + name + "\"}}")
                    .getBytes(StandardCharsets.UTF_8))
            .build());
  }

  private List<UUID> keys() {
    return store.getAllKeys().toList();
  }

  @Test
  void keeps_events_newest_first_and_trims_the_oldest() {
    ServeEvent a = event("a");
    ServeEvent b = event("b");
    ServeEvent c = event("c");
    store.add(a);
    store.add(b);
    store.add(c);
    assertEquals(List.of(c.getId(), b.getId(), a.getId()), keys());
    assertEquals(3, store.getAllKeys().count());
    store.removeLast();
    assertEquals(List.of(c.getId(), b.getId()), keys());
    store.remove(c.getId());
    store.remove(UUID.randomUUID());
    assertEquals(List.of(b.getId()), keys());
    assertEquals(1, store.getAllKeys().count());
    store.clear();
    assertEquals(0, store.getAllKeys().count());
    assertEquals(List.of(), keys());
    store.removeLast();
    assertEquals(0, store.getAllKeys().count());
  }

  @Test
  void put_replaces_only_an_event_still_in_the_journal() {
    ServeEvent a = event("a");
    store.add(a);
    ServeEvent completed = a.withResponseDefinition(JsonResponses.json(200, "{}"));
    store.put(a.getId(), completed);
    assertEquals(200, store.get(a.getId()).orElseThrow().getResponseDefinition().getStatus());
    ServeEvent gone = event("gone");
    store.put(gone.getId(), gone);
    assertTrue(store.get(gone.getId()).isEmpty());
    assertEquals(1, store.getAllKeys().count());
  }

  @Test
  void the_key_stream_knows_its_size_so_wiremocks_trimming_does_not_walk_the_journal() {
    for (int i = 0; i < 1000; i++) {
      store.add(event("e" + i));
    }
    Spliterator<UUID> keys = store.getAllKeys().spliterator();
    assertTrue(keys.hasCharacteristics(Spliterator.SIZED));
    assertEquals(1000, keys.getExactSizeIfKnown());
  }

  @Test
  void reads_are_masked_and_keep_the_logged_date() {
    ServeEvent a = event("a");
    store.add(a);
    ServeEvent read = store.get(a.getId()).orElseThrow();
    assertEquals(a.getId(), read.getId());
    assertEquals(a.getRequest().getLoggedDate(), read.getRequest().getLoggedDate());
    assertEquals("Bearer ***", read.getRequest().getHeader("Authorization"));
    assertEquals("application/json", read.getRequest().getHeader("Content-Type"));
    String body = read.getRequest().getBodyAsString();
    assertTrue(body.contains("\"api_key\":\"***\"") && !body.contains("sk-a"), body);
    assertEquals(
        List.of("Bearer ***"),
        store.getAll().map(e -> e.getRequest().getHeader("Authorization")).toList());
    // the journal itself still holds the request as it came
    assertEquals("Bearer configured-key", a.getRequest().getHeader("Authorization"));
  }

  @Test
  void a_body_that_may_name_a_secret_but_is_not_json_is_withheld() {
    ServeEvent broken =
        ServeEvent.of(
            ImmutableRequest.create()
                .withAbsoluteUrl("http://127.0.0.1/assistant/update/x")
                .withMethod(RequestMethod.PATCH)
                .withBody("{\"api_key\":\"sk-broken".getBytes(StandardCharsets.UTF_8))
                .build());
    store.add(broken);
    String body = store.get(broken.getId()).orElseThrow().getRequest().getBodyAsString();
    assertEquals(new String(MaskedJournalStore.WITHHELD, StandardCharsets.UTF_8), body);
  }
}
