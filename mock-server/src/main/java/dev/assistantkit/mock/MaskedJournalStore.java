package dev.assistantkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * WireMock's own in-memory request journal, read with secrets masked: whatever reads it ({@code
 * /__admin/requests}, find, count, near misses, recordings) sees {@code Authorization: Bearer ***}
 * and bodies whose secret properties are masked, or withheld when they might name a secret but are
 * not JSON.
 *
 * <p>Requests are kept as they came and masked when read, which is rare, so serving a request costs
 * exactly what it costs in WireMock with the same journal: no copy of it, no rewrite before
 * matching. Every write and WireMock's trimming of the journal go straight to the store underneath.
 */
final class MaskedJournalStore implements RequestJournalStore {

  static final byte[] WITHHELD =
      "{\"body\":\"withheld from the journal: it may name a secret and is not JSON that can be masked\"}"
          .getBytes(StandardCharsets.UTF_8);

  private static final List<String> CREDENTIAL_HEADERS =
      List.of("authorization", "proxy-authorization");

  private final RequestJournalStore journal;
  private final Supplier<SecretMasker> masker;
  private final List<String> keys;

  MaskedJournalStore(
      RequestJournalStore journal, Supplier<SecretMasker> masker, List<String> keys) {
    this.journal = journal;
    this.masker = masker;
    this.keys = List.copyOf(keys);
  }

  /** WireMock's default stores with this journal in place of the plain one. */
  static DefaultStores stores(FileSource root, Supplier<SecretMasker> masker, List<String> keys) {
    return new DefaultStores(root) {
      private final RequestJournalStore masked =
          new MaskedJournalStore(super.getRequestJournalStore(), masker, keys);

      @Override
      public RequestJournalStore getRequestJournalStore() {
        return masked;
      }
    };
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return journal.getAll().map(this::masked);
  }

  @Override
  public Optional<ServeEvent> get(UUID id) {
    return journal.get(id).map(this::masked);
  }

  @Override
  public Stream<UUID> getAllKeys() {
    return journal.getAllKeys();
  }

  @Override
  public void add(ServeEvent event) {
    journal.add(event);
  }

  @Override
  public void put(UUID id, ServeEvent event) {
    journal.put(id, event);
  }

  @Override
  public void removeLast() {
    journal.removeLast();
  }

  @Override
  public void remove(UUID id) {
    journal.remove(id);
  }

  @Override
  public void clear() {
    journal.clear();
  }

  /**
   * The event as WireMock's admin API writes it, masked, and read back: WireMock's own wire format,
   * so every field (the logged date included) survives except the secrets.
   */
  private ServeEvent masked(ServeEvent event) {
    ObjectMapper mapper = Json.getObjectMapper();
    ObjectNode tree = mapper.valueToTree(event);
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
