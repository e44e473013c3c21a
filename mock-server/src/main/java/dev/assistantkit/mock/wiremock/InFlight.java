package dev.assistantkit.mock.wiremock;

import dev.assistantkit.mock.door.Exchange;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exchanges WireMock is handling right now. WireMock gives each request a serve event of its
 * own, whose id the mock's own stubs see; {@link ExchangeBinder}, the first request filter, ties
 * that id to the exchange (it sees WireMock's view of it and the serve event together), so that the
 * own stubs find the request as sent and the answers the gate gave with it.
 */
final class InFlight {

  /** One exchange in WireMock's hands. */
  record Handled(Exchange exchange, OwnAnswers answers) {}

  private final ConcurrentHashMap<UUID, Handled> byExchange = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UUID, Handled> byServeEvent = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UUID, UUID> serveEventOf = new ConcurrentHashMap<>();

  void enter(Exchange exchange, OwnAnswers answers) {
    byExchange.put(exchange.id(), new Handled(exchange, answers));
  }

  /** WireMock's serve event for an exchange in its hands. */
  void bind(UUID exchange, UUID serveEvent) {
    Handled h = byExchange.get(exchange);
    if (h != null) {
      byServeEvent.put(serveEvent, h);
      serveEventOf.put(exchange, serveEvent);
    }
  }

  void leave(Exchange exchange) {
    byExchange.remove(exchange.id());
    UUID serveEvent = serveEventOf.remove(exchange.id());
    if (serveEvent != null) {
      byServeEvent.remove(serveEvent);
    }
  }

  /** Whether an exchange (by its id) is in WireMock's hands: it came through the door. */
  boolean holds(UUID exchange) {
    return exchange != null && byExchange.containsKey(exchange);
  }

  /** The exchange of a serve event. */
  Optional<Handled> ofServeEvent(UUID serveEvent) {
    return serveEvent == null
        ? Optional.empty()
        : Optional.ofNullable(byServeEvent.get(serveEvent));
  }
}
