package dev.assistantkit.conformance;

import dev.assistantkit.contract.ContractRequest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.params.HttpConnectionParams;

/**
 * Sends update requests with REST-Assured, byte for byte as a case describes them. REST-Assured
 * logging stays off: requests carry the key.
 *
 * <p>REST-Assured always sends some Content-Type with a body and re-encodes form bodies, so the
 * wanted Content-Type (or none) travels in a marker header that an HttpClient interceptor turns
 * into the real header just before the request leaves. Nothing is retried: a resent write is not
 * what the case asked for.
 */
final class UpdateClient {

  private static final String CONTENT_TYPE_MARKER = "X-Conformance-Content-Type";
  private static final String NO_CONTENT_TYPE = "none";

  private final String baseUrl;
  private final RestAssuredConfig config;
  private final RateLimiter limiter;
  private final AtomicInteger answered = new AtomicInteger();

  UpdateClient(String baseUrl, Duration timeout, double requestsPerSecond) {
    this.baseUrl = baseUrl;
    this.limiter = new RateLimiter(requestsPerSecond);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    this.config =
        RestAssuredConfig.config()
            .encoderConfig(
                EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .httpClient(
                HttpClientConfig.httpClientConfig().httpClientFactory(() -> client(millis)));
  }

  @SuppressWarnings(
      "deprecation") // REST-Assured 6 still builds on HttpClient 4's DefaultHttpClient
  private static org.apache.http.impl.client.DefaultHttpClient client(int timeoutMillis) {
    var client = new org.apache.http.impl.client.DefaultHttpClient();
    HttpConnectionParams.setConnectionTimeout(client.getParams(), timeoutMillis);
    HttpConnectionParams.setSoTimeout(client.getParams(), timeoutMillis);
    client.setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
    client.addRequestInterceptor(CONTENT_TYPE);
    return client;
  }

  private static final HttpRequestInterceptor CONTENT_TYPE =
      (request, context) -> {
        if (request.containsHeader(CONTENT_TYPE_MARKER)) {
          String wanted = request.getFirstHeader(CONTENT_TYPE_MARKER).getValue();
          request.removeHeaders(CONTENT_TYPE_MARKER);
          request.removeHeaders("Content-Type");
          if (!wanted.equals(NO_CONTENT_TYPE)) {
            request.addHeader("Content-Type", wanted);
          }
        }
      };

  /** The URL of the operation for an assistant id (the raw path segment). */
  String url(String assistantId) {
    return baseUrl
        + "/assistant/update/"
        + URLEncoder.encode(assistantId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Sends the request; never throws: a request nothing answered has status -1. */
  Exchange send(ContractRequest request) {
    String url = url(request.assistantId());
    RequestSpecification spec = RestAssured.given().config(config).urlEncodingEnabled(false);
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Content-Type")) {
        spec.header(h.getKey(), h.getValue());
      }
    }
    spec.header(CONTENT_TYPE_MARKER, request.header("Content-Type").orElse(NO_CONTENT_TYPE));
    if (request.body().length > 0) {
      spec.body(request.body());
    }
    limiter.acquire();
    try {
      Response r = spec.request(Method.PATCH, url);
      byte[] body = r.asByteArray();
      answered.incrementAndGet();
      return new Exchange(
          url, request, r.statusCode(), r.header("Content-Type"), body, java.util.Optional.empty());
    } catch (Exception e) { // REST-Assured rethrows checked I/O exceptions undeclared
      return Exchange.noAnswer(url, request, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** How many requests got an HTTP answer of any status. */
  int answered() {
    return answered.get();
  }

  /** Spaces requests out to at most a number per second. */
  static final class RateLimiter {
    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimiter(double perSecond) {
      this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    synchronized void acquire() {
      if (intervalNanos == 0) {
        return;
      }
      long now = System.nanoTime();
      if (next > now) {
        try {
          Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        now = next;
      }
      next = now + intervalNanos;
    }
  }
}
