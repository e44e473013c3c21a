package dev.assistantkit.mock.wiremock;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.admin.LimitAndSinceDatePaginator;
import com.github.tomakehurst.wiremock.admin.model.GetServeEventsResult;
import com.github.tomakehurst.wiremock.admin.model.ServeEventQuery;
import com.github.tomakehurst.wiremock.common.InvalidInputException;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.mock.door.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /__admin/requests}, one page at a time. WireMock renders the whole journal into one
 * string: 1,100 requests of 55 KiB made an answer of 134 MB and cost a gigabyte while it was built.
 * Here the events WireMock would list ({@code limit}, {@code since}, {@code unmatched} as WireMock
 * reads them) are written one by one, in WireMock's format, until the page holds about {@link
 * #PAGE_BYTES}; {@code offset} skips the newest. A page that ends before the list does says so: a
 * {@code Link: <...>; rel="next"} header and {@code X-Journal-Page}, and {@code meta.total} still
 * counts every event listed.
 */
final class JournalPages {

  /** About the most one read renders; past it the page ends (the last event may go over). */
  static final int PAGE_BYTES = 8 * 1024 * 1024;

  /** As WireMock writes its answers: pretty, in its public view. */
  private static final ObjectWriter PRETTY =
      Json.getObjectMapper().writerWithDefaultPrettyPrinter().withView(Json.PublicView.class);

  private final WireMockServer server;

  JournalPages(WireMockServer server) {
    this.server = server;
  }

  /** Whether an admin request asks for the journal's list. */
  static boolean lists(String method, String path) {
    return method.equals("GET") && path.equals("/__admin/requests");
  }

  /** The page a request asks for, or the reason it cannot be given (400, WireMock's shape). */
  Reply page(KitRequest request) {
    GetServeEventsResult all = server.getServeEvents(ServeEventQuery.fromRequest(request));
    LimitAndSinceDatePaginator listed;
    try {
      listed = LimitAndSinceDatePaginator.fromRequest(all.getRequests(), request);
    } catch (InvalidInputException | IllegalArgumentException e) {
      return invalid("limit and since must be a number of 0 or more and an ISO 8601 date");
    }
    var offsetParameter = request.queryParameter("offset");
    Optional<Integer> offset =
        offset(offsetParameter.isPresent() ? offsetParameter.firstValue() : null);
    if (offset.isEmpty()) {
      return invalid("offset must be a number of 0 or more");
    }
    List<ServeEvent> events = listed.select();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    int from = Math.min(offset.get(), events.size());
    int next = -1;
    try (JsonGenerator g = PRETTY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("requests");
      for (int i = from; i < events.size(); i++) {
        PRETTY.writeValue(g, events.get(i));
        g.flush();
        if (out.size() >= PAGE_BYTES && i + 1 < events.size()) {
          next = i + 1;
          break;
        }
      }
      g.writeEndArray();
      g.writeObjectFieldStart("meta");
      g.writeNumberField("total", listed.getTotal());
      g.writeEndObject();
      g.writeBooleanField("requestJournalDisabled", all.isRequestJournalDisabled());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/json"));
    int shown = (next < 0 ? events.size() : next) - from;
    headers.add(
        Map.entry(
            "X-Journal-Page", "offset=" + from + "; shown=" + shown + "; listed=" + events.size()));
    if (next >= 0) {
      headers.add(Map.entry("Link", "<" + nextLink(request, next) + ">; rel=\"next\""));
    }
    return new Reply(200, headers, out.toByteArray());
  }

  private static String nextLink(KitRequest request, int next) {
    StringBuilder link = new StringBuilder("/__admin/requests?offset=").append(next);
    for (String name : List.of("limit", "since", "unmatched")) {
      var value = request.queryParameter(name);
      if (value.isPresent()) {
        link.append('&')
            .append(name)
            .append('=')
            .append(java.net.URLEncoder.encode(value.firstValue(), StandardCharsets.UTF_8));
      }
    }
    return link.toString();
  }

  private static Optional<Integer> offset(String value) {
    if (value == null) {
      return Optional.of(0);
    }
    if (!value.matches("[0-9]{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(value));
  }

  private static Reply invalid(String why) {
    byte[] body =
        Json.write(com.github.tomakehurst.wiremock.common.Errors.single(10, why))
            .getBytes(StandardCharsets.UTF_8);
    return new Reply(400, List.of(Map.entry("Content-Type", "application/json")), body);
  }
}
