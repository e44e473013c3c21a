package dev.assistantkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The mock's request journal: what WireMock's in-memory journal keeps, newest first, read with
 * secrets masked. Whatever reads it ({@code /__admin/requests}, find, count, near misses,
 * recordings) sees {@code Authorization: Bearer ***} and bodies whose secret properties are masked,
 * or withheld when they might name a secret but are not JSON.
 *
 * <p>Serving a request costs O(1) here whatever the journal size: requests are kept as they came
 * and masked when read, which is rare, and the key stream reports its size, so WireMock's trimming
 * ({@code getAllKeys().count()} after every request) does not walk the journal as it does in
 * WireMock's own store.
 */
final class MaskedJournalStore implements RequestJournalStore {

  static final byte[] WITHHELD =
      "{\"body\":\"withheld from the journal: it may name a secret and is not JSON that can be masked\"}"
          .getBytes(StandardCharsets.UTF_8);

  private static final List<String> CREDENTIAL_HEADERS =
      List.of("authorization", "proxy-authorization");

  private final Deque<UUID> ids = new ConcurrentLinkedDeque<>();
  private final Map<UUID, ServeEvent> events = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final Supplier<SecretMasker> masker;
  private final List<String> keys;

  MaskedJournalStore(Supplier<SecretMasker> masker, List<String> keys) {
    this.masker = masker;
    this.keys = List.copyOf(keys);
  }

  /** WireMock's default stores with this journal in place of its own. */
  static DefaultStores stores(FileSource root, Supplier<SecretMasker> masker, List<String> keys) {
    MaskedJournalStore journal = new MaskedJournalStore(masker, keys);
    return new DefaultStores(root) {
      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    };
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return ids.stream().map(events::get).filter(Objects::nonNull).map(this::masked);
  }

  @Override
  public Optional<ServeEvent> get(UUID id) {
    return Optional.ofNullable(events.get(id)).map(this::masked);
  }

  /** Newest first; sized, so counting it is O(1). */
  @Override
  public Stream<UUID> getAllKeys() {
    int characteristics = Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL;
    return StreamSupport.stream(
        () -> Spliterators.spliterator(ids.iterator(), Math.max(0, size.get()), characteristics),
        characteristics,
        false);
  }

  @Override
  public void add(ServeEvent event) {
    events.put(event.getId(), event);
    ids.addFirst(event.getId());
    size.incrementAndGet();
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

  /**
   * The event as WireMock's admin API writes it, masked, and read back: WireMock's own wire format,
   * so every field (the logged date included) survives except the secrets.
   */
  private ServeEvent masked(ServeEvent event) {
    ObjectMapper mapper = Json.getObjectMapper();
    // WireMock journals an event once it has an answer; without one it could not write it at all
    ObjectNode tree =
        mapper.valueToTree(
            event.getResponseDefinition() != null
                ? event
                : event.withResponseDefinition(ResponseDefinition.notConfigured()));
    SecretMasker m = masker.get();
    if (tree.get("request") instanceof ObjectNode request) {
      if (request.get("headers") instanceof ObjectNode headers) {
        maskCredentials(headers, m);
      }
      byte[] body = decode(request.path("bodyAsBase64").asText(""));
      byte[] shown = m.maskBodyForDisplay(body).orElse(WITHHELD);
      if (shown != body) {
        request.put("bodyAsBase64", Base64.getEncoder().encodeToString(shown));
        request.put("body", new String(shown, StandardCharsets.UTF_8));
        // the parts are the body again, in pieces
        request.remove("multiparts");
      }
    }
    // WireMock's diagnostics (near misses, errors) may quote the request as text
    if (tree.get("subEvents") instanceof ArrayNode subEvents) {
      maskText(subEvents, m);
    }
    try {
      return mapper.treeToValue(tree, ServeEvent.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a journaled request could not be read back", e);
    }
  }

  private static void maskCredentials(ObjectNode headers, SecretMasker m) {
    Iterator<Map.Entry<String, JsonNode>> fields = headers.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> header = fields.next();
      if (!CREDENTIAL_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      JsonNode value = header.getValue();
      if (value instanceof ArrayNode values) {
        for (int i = 0; i < values.size(); i++) {
          values.set(i, TextNode.valueOf(m.maskAuthorization(values.get(i).asText())));
        }
      } else {
        header.setValue(TextNode.valueOf(m.maskAuthorization(value.asText())));
      }
    }
  }

  private void maskText(JsonNode node, SecretMasker m) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isTextual()) {
          field.setValue(TextNode.valueOf(m.maskKnown(field.getValue().asText(), keys)));
        } else {
          maskText(field.getValue(), m);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(m.maskKnown(array.get(i).asText(), keys)));
        } else {
          maskText(array.get(i), m);
        }
      }
    }
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
