package dev.assistantkit.mock.wiremock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.common.Timing;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.assistantkit.mock.recorder.ExchangeRecord;
import dev.assistantkit.mock.recorder.Journal;
import dev.assistantkit.mock.recorder.Ring;
import dev.assistantkit.mock.recorder.Road;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * WireMock's request journal, newest first, keeping at most a fixed number of requests at O(1) a
 * request whatever that number is; and the recorder's journal. WireMock journals what it answers
 * itself; what the other roads answered is journaled as the event WireMock would have made, built
 * when first read (the same masked request, the own stub that would have matched).
 *
 * <p>WireMock bounds its own journal by counting it after every request, and its in-memory store
 * walks the whole journal to count: at 1000 entries that was most of what a request cost. Here the
 * store is a {@link Ring} that drops the oldest as it adds, and WireMock is given no bound.
 */
final class WireMockJournal implements RequestJournalStore, Journal {

  /** An entry's id: an event WireMock made, or an exchange of another road. */
  private static UUID id(Object entry) {
    return entry instanceof ServeEvent e ? e.getId() : ((Journal.Entry) entry).id();
  }

  private static boolean is(Object entry, UUID id) {
    return entry instanceof ServeEvent e ? id.equals(e.getId()) : ((Journal.Entry) entry).is(id);
  }

  /**
   * An entry's event: WireMock's own, or the one made from an exchange's record when first read,
   * which then takes the exchange's place in the journal (once): an entry of another road is the
   * very object the traffic keeps until then, and its event lives as long as the journal keeps the
   * entry, not as long as the traffic keeps the exchange.
   */
  private ServeEvent event(Object entry) {
    if (entry instanceof ServeEvent e) {
      return e;
    }
    Journal.Entry x = (Journal.Entry) entry;
    synchronized (x) {
      ServeEvent made = serveEvent(x.get());
      if (entries.replace(e -> e == x, made)) {
        return made;
      }
      // a reader before this one made it already, or the journal dropped the entry meanwhile
      UUID id = x.id();
      for (Object e : entries.newestFirst()) {
        if (e instanceof ServeEvent held && id.equals(held.getId())) {
          return held;
        }
      }
      return made;
    }
  }

  private final Ring<Object> entries;
  private final Supplier<List<StubMapping>> ownStubs;

  /**
   * @param ownStubs the mock's own stubs, the one that would have matched is each forged event's
   */
  WireMockJournal(int capacity, Supplier<List<StubMapping>> ownStubs) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a journal keeps at least 1 request, not " + capacity);
    }
    this.entries = new Ring<>(capacity);
    this.ownStubs = ownStubs;
  }

  /** WireMock's default stores with this journal in place of its own. */
  DefaultStores stores(FileSource root) {
    WireMockJournal journal = this;
    return new DefaultStores(root) {
      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    };
  }

  // ------------------------------------------------------------------ the recorder's journal

  @Override
  public void keep(Road road, Journal.Entry entry) {
    if (road == Road.WIREMOCK || road == Road.PROXY) {
      return; // WireMock journaled it itself; the proxy's exchanges are the traffic's alone
    }
    entries.add(entry);
  }

  // ------------------------------------------------------------------ WireMock's store

  @Override
  public void add(ServeEvent event) {
    entries.add(shown(event));
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return entries.newestFirst().stream().map(this::event);
  }

  @Override
  public Stream<UUID> getAllKeys() {
    return entries.newestFirst().stream().map(WireMockJournal::id);
  }

  @Override
  public Optional<ServeEvent> get(UUID id) {
    return entries.newestFirst().stream().filter(e -> is(e, id)).findFirst().map(this::event);
  }

  /** Replaces an event still in the journal (WireMock completes each one after serving it). */
  @Override
  public void put(UUID id, ServeEvent event) {
    entries.replace(e -> is(e, id), shown(event));
  }

  @Override
  public void removeLast() {
    entries.removeOldest();
  }

  @Override
  public void remove(UUID id) {
    entries.remove(e -> is(e, id));
  }

  @Override
  public void clear() {
    entries.clear();
  }

  // ------------------------------------------------------------------ the event WireMock would
  // make

  /**
   * An event of WireMock's as the journal shows it: an answer of the mock's own stubs without the
   * {@code Matched-Stub-*} headers WireMock rendered it with (the client got none, as on every
   * road).
   */
  private static ServeEvent shown(ServeEvent event) {
    LoggedResponse r = event.getResponse();
    if (r == null || r.getHeaders() == null || !OwnStubs.isMarkedOwn(event.getStubMapping())) {
      return event;
    }
    List<HttpHeader> kept = new ArrayList<>();
    boolean dropped = false;
    for (HttpHeader h : r.getHeaders().all()) {
      if (h.key().startsWith("Matched-Stub-")) {
        dropped = true;
      } else {
        kept.add(h);
      }
    }
    if (!dropped) {
      return event;
    }
    LoggedResponse without =
        new LoggedResponse(
            r.getStatus(), new HttpHeaders(kept), r.getBodyAsBase64(), r.getFault(), null);
    return new ServeEvent(
        event.getId(),
        event.getRequest(),
        event.getStubMapping(),
        event.getResponseDefinition(),
        without,
        event.getWasMatched(),
        event.getTiming(),
        new java.util.ArrayDeque<com.github.tomakehurst.wiremock.stubbing.SubEvent>(
            event.getSubEvents()));
  }

  private ServeEvent serveEvent(ExchangeRecord r) {
    LoggedRequest logged = loggedRequest(r);
    StubMapping stub =
        ownStubs.get().stream()
            .sorted(Comparator.comparing(StubMapping::getPriority))
            .filter(s -> s.getRequest().match(logged).isExactMatch())
            .findFirst()
            .orElse(null);
    List<HttpHeader> defined = new ArrayList<>();
    List<HttpHeader> sent = new ArrayList<>();
    for (Map.Entry<String, String> h : r.response().headers()) {
      HttpHeader header = new HttpHeader(h.getKey(), h.getValue());
      sent.add(header);
      defined.add(header);
    }
    byte[] body = r.response().body();
    ResponseDefinition definition =
        ResponseDefinitionBuilder.responseDefinition()
            .withStatus(r.response().status())
            .withHeaders(new HttpHeaders(defined))
            .withBody(body)
            .build();
    LoggedResponse response =
        new LoggedResponse(
            r.response().status(),
            new HttpHeaders(sent),
            Base64.getEncoder().encodeToString(body),
            null,
            null);
    Timing timing =
        Json.read(
            "{\"addedDelay\":0,\"processTime\":" + r.micros() / 1000 + ",\"responseSendTime\":0}",
            Timing.class);
    return new ServeEvent(r.id(), logged, stub, definition, response, false, timing, null);
  }

  /** The request as WireMock journals it: the masked view, its URL and its client. */
  private static LoggedRequest loggedRequest(ExchangeRecord r) {
    ObjectMapper json = Json.getObjectMapper();
    ObjectNode request = json.createObjectNode();
    request.put("url", r.request().target());
    request.put("absoluteUrl", r.url());
    request.put("method", r.request().method());
    request.put("clientIp", r.clientIp());
    request.set("headers", json.valueToTree(requestHeaders(r.request().headers())));
    request.set("cookies", json.valueToTree(cookies(r.request().headers())));
    request.put("browserProxyRequest", false);
    request.put("loggedDate", r.started().toEpochMilli());
    request.put("bodyAsBase64", Base64.getEncoder().encodeToString(r.request().body()));
    request.put("protocol", r.protocol());
    try {
      return json.treeToValue(request, LoggedRequest.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a journal entry could not be made", e);
    }
  }

  /** Headers as WireMock reads them: by name as sent, the values of every case of the name. */
  private static HttpHeaders requestHeaders(List<Map.Entry<String, String>> headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      byName.computeIfAbsent(
          h.getKey(),
          name ->
              headers.stream()
                  .filter(o -> o.getKey().equalsIgnoreCase(name))
                  .map(Map.Entry::getValue)
                  .toList());
    }
    List<HttpHeader> out = new ArrayList<>();
    byName.forEach((k, v) -> out.add(new HttpHeader(k, v)));
    return new HttpHeaders(out);
  }

  /** The cookies of the (masked) Cookie headers, by name. */
  private static Map<String, Cookie> cookies(List<Map.Entry<String, String>> headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      if (!h.getKey().equalsIgnoreCase("Cookie")) {
        continue;
      }
      for (String pair : h.getValue().split(";")) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        if (!name.isEmpty()) {
          byName
              .computeIfAbsent(name, k -> new ArrayList<>())
              .add(eq < 0 ? "" : pair.substring(eq + 1).trim());
        }
      }
    }
    Map<String, Cookie> out = new LinkedHashMap<>();
    byName.forEach((k, v) -> out.put(k, new Cookie(null, v)));
    return out;
  }
}
