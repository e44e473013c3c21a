package dev.assistantkit.mock.wiremock;

import com.github.tomakehurst.wiremock.common.Urls;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import dev.assistantkit.mock.door.Arrival;
import dev.assistantkit.mock.door.ShownRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A request as WireMock sees it: the door's masked view (credentials as {@code Bearer ***}, known
 * secrets masked everywhere, a body the mask cannot reach withheld), carrying the exchange's id, by
 * which the mock's own stubs find the request as sent. Stubs match, templates echo and the journal
 * keeps only this view.
 */
public final class KitRequest implements Request {

  private final Arrival arrival;
  private final ShownRequest shown;
  private final boolean admin;
  private volatile Map<String, QueryParameter> query;

  KitRequest(Arrival arrival, boolean admin) {
    this.arrival = arrival;
    this.shown = arrival.shown();
    this.admin = admin;
  }

  /** The request as the client sent it, for a filter of the caller's that must see it. */
  public Arrival asSent() {
    return arrival;
  }

  @Override
  public UUID getId() {
    return arrival.id();
  }

  /** The path and query; for the admin API, below {@code /__admin}. */
  @Override
  public String getUrl() {
    String target = shown.target();
    return admin && target.startsWith("/__admin") ? target.substring(8) : target;
  }

  @Override
  public String getAbsoluteUrl() {
    return arrival.absoluteUrl();
  }

  @Override
  public RequestMethod getMethod() {
    return RequestMethod.fromString(shown.method());
  }

  @Override
  public String getScheme() {
    return arrival.scheme();
  }

  @Override
  public String getHost() {
    return arrival.host();
  }

  @Override
  public int getPort() {
    return arrival.port();
  }

  @Override
  public String getClientIp() {
    return arrival.clientIp();
  }

  @Override
  public String getHeader(String key) {
    return shown.header(key).orElse(null);
  }

  @Override
  public HttpHeader header(String key) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> h : shown.headers()) {
      if (h.getKey().equalsIgnoreCase(key)) {
        values.add(h.getValue());
      }
    }
    return values.isEmpty() ? HttpHeader.absent(key) : new HttpHeader(key, values);
  }

  @Override
  public ContentTypeHeader contentTypeHeader() {
    String value = getHeader(ContentTypeHeader.KEY);
    return value == null ? ContentTypeHeader.absent() : new ContentTypeHeader(value);
  }

  @Override
  public HttpHeaders getHeaders() {
    List<HttpHeader> out = new ArrayList<>(shown.headers().size());
    shown.headers().forEach(h -> out.add(HttpHeader.httpHeader(h.getKey(), h.getValue())));
    return new HttpHeaders(out);
  }

  @Override
  public boolean containsHeader(String key) {
    return shown.header(key).isPresent();
  }

  @Override
  public Set<String> getAllHeaderKeys() {
    Set<String> keys = new LinkedHashSet<>();
    shown.headers().forEach(h -> keys.add(h.getKey()));
    return keys;
  }

  @Override
  public QueryParameter queryParameter(String key) {
    Map<String, QueryParameter> q = query;
    if (q == null) {
      // the door let through only queries whose every % starts an escape: this cannot fail
      q = shown.query().isEmpty() ? Map.of() : Urls.splitQuery(shown.query());
      query = q;
    }
    QueryParameter p = q.get(key);
    return p == null ? QueryParameter.absent(key) : p;
  }

  /** A form's body is withheld from the view (the mask cannot reach it): no form parameters. */
  @Override
  public FormParameter formParameter(String key) {
    return FormParameter.absent(key);
  }

  @Override
  public Map<String, FormParameter> formParameters() {
    return Map.of();
  }

  @Override
  public Map<String, Cookie> getCookies() {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : shown.headers()) {
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

  @Override
  public byte[] getBody() {
    return shown.body();
  }

  @Override
  public String getBodyAsString() {
    return new String(shown.body(), charset());
  }

  @Override
  public String getBodyAsBase64() {
    return Base64.getEncoder().encodeToString(shown.body());
  }

  private Charset charset() {
    String type = getHeader(ContentTypeHeader.KEY);
    if (type != null) {
      for (String param : type.split(";")) {
        String p = param.trim();
        if (p.regionMatches(true, 0, "charset=", 0, 8)) {
          try {
            return Charset.forName(p.substring(8).trim().replace("\"", ""));
          } catch (IllegalArgumentException unknown) {
            break;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** Multipart bodies are withheld from the view: no parts. */
  @Override
  public boolean isMultipart() {
    return false;
  }

  @Override
  public Collection<Part> getParts() {
    return List.of();
  }

  @Override
  public Part getPart(String name) {
    return null;
  }

  @Override
  public boolean isBrowserProxyRequest() {
    return false;
  }

  @Override
  public Optional<Request> getOriginalRequest() {
    return Optional.empty();
  }

  @Override
  public String getProtocol() {
    return arrival.protocol();
  }

  @Override
  public String toString() {
    return arrival.toString();
  }
}
