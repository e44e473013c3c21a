package dev.assistantkit.mock.edge;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The request as WireMock sees it: target, headers, cookies, query parameters and body all masked
 * (built by {@link RequestMasker}); the body already read and decoded, so WireMock neither reads
 * the network nor inflates anything itself. Routing data (context and servlet path) stays Jetty's.
 */
final class MaskedRequest extends HttpServletRequestWrapper {

  private final String path;
  private final String query;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final String serverName;
  private final String characterEncoding;
  private ServletInputStream input;
  private Map<String, String[]> parameters;

  MaskedRequest(
      HttpServletRequest request,
      String maskedTarget,
      List<Map.Entry<String, String>> headers,
      byte[] body) {
    super(request);
    int q = maskedTarget.indexOf('?');
    this.path = q < 0 ? maskedTarget : maskedTarget.substring(0, q);
    this.query = q < 0 ? null : maskedTarget.substring(q + 1);
    this.headers = headers;
    this.body = body;
    String host = first("Host");
    this.serverName = host == null ? request.getServerName() : hostName(host);
    this.characterEncoding = supportedCharset(first("Content-Type"));
  }

  /** The request as it may be shown. */
  ApiForwarder.Shown shown(String method) {
    return new ApiForwarder.Shown(
        method, query == null ? path : path + "?" + query, List.copyOf(headers), body);
  }

  /** The Authorization value WireMock sees (a server-side extension may replace it). */
  String authorization() {
    return first("Authorization");
  }

  private String first(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  @Override
  public String getRequestURI() {
    return path;
  }

  @Override
  public StringBuffer getRequestURL() {
    return new StringBuffer(requestUrl(getScheme(), serverName, getServerPort(), path));
  }

  /** The URL WireMock journals for a request: scheme, host, port (unless 80) and path. */
  static String requestUrl(String scheme, String serverName, int port, String path) {
    StringBuilder url = new StringBuilder(scheme).append("://").append(serverName);
    if (port > 0 && port != 80) {
      url.append(':').append(port);
    }
    return url.append(path).toString();
  }

  @Override
  public String getQueryString() {
    return query;
  }

  @Override
  public String getServerName() {
    return serverName;
  }

  @Override
  public String getHeader(String name) {
    return first(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        values.add(h.getValue());
      }
    }
    return Collections.enumeration(values);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    headers.forEach(h -> names.add(h.getKey()));
    return Collections.enumeration(names);
  }

  @Override
  public int getIntHeader(String name) {
    String v = first(name);
    return v == null ? -1 : Integer.parseInt(v.trim());
  }

  @Override
  public long getDateHeader(String name) {
    return first(name) == null ? -1 : super.getDateHeader(name);
  }

  @Override
  public String getContentType() {
    return first("Content-Type");
  }

  @Override
  public String getCharacterEncoding() {
    return characterEncoding;
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  @Override
  public ServletInputStream getInputStream() {
    if (input == null) {
      input = new BytesInput(body);
    }
    return input;
  }

  @Override
  public BufferedReader getReader() {
    Charset cs =
        characterEncoding == null ? StandardCharsets.UTF_8 : Charset.forName(characterEncoding);
    return new BufferedReader(new InputStreamReader(getInputStream(), cs));
  }

  @Override
  public Cookie[] getCookies() {
    List<Cookie> cookies = cookies(headers);
    return cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
  }

  /** The cookies of these headers, as the servlet API reads them (names it refuses left out). */
  static List<Cookie> cookies(List<Map.Entry<String, String>> headers) {
    List<Cookie> cookies = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (!h.getKey().equalsIgnoreCase("Cookie")) {
        continue;
      }
      for (String pair : h.getValue().split(";")) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
        try {
          cookies.add(new Cookie(name, value));
        } catch (IllegalArgumentException e) {
          // a name the servlet API refuses: WireMock does not see that cookie
        }
      }
    }
    return cookies;
  }

  @Override
  public String getParameter(String name) {
    String[] values = getParameterMap().get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    if (parameters == null) {
      // the query only: Jetty must not read (or WireMock see) a form from the body as sent
      Map<String, String[]> out = new LinkedHashMap<>();
      if (query != null) {
        MultiMap<String> decoded = new MultiMap<>();
        try {
          UrlEncoded.decodeUtf8To(query, decoded);
        } catch (RuntimeException e) {
          decoded.clear();
        }
        decoded.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
      }
      parameters = Collections.unmodifiableMap(out);
    }
    return parameters;
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(getParameterMap().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    return getParameterMap().get(name);
  }

  @Override
  public Collection<Part> getParts() {
    return List.of();
  }

  @Override
  public Part getPart(String name) {
    return null;
  }

  static String hostName(String host) {
    String h = host.trim();
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close > 0 ? h.substring(0, close + 1) : h;
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** The charset a Content-Type names, if Java knows it (WireMock would throw on others). */
  static String supportedCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).trim().replace("\"", "");
        try {
          return Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** A body already in memory. */
  private static final class BytesInput extends ServletInputStream {
    private final ByteArrayInputStream in;

    BytesInput(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
    }

    @Override
    public byte[] readAllBytes() {
      return in.readAllBytes();
    }

    @Override
    public int available() {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new IllegalStateException("the body is already read");
    }
  }
}
