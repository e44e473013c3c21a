package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.spec.ApiRequest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpConnection;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.params.HttpConnectionParams;
import org.apache.http.protocol.ExecutionContext;

/**
 * Sends requests with REST-Assured, byte for byte as the contract's {@link ApiRequest} describes
 * them, and never lets a server hold the run: each response body is read to at most {@code
 * maxResponseBytes} (then the connection is dropped and the answer marked truncated), each request
 * has a total deadline after which its connection is shut down (the idle timeout never fires while
 * bytes keep trickling in), connections are not reused and nothing is retried (a resent write is
 * not what the check asked for). REST-Assured's logging stays off: requests carry the key.
 *
 * <p>REST-Assured always sends some Content-Type with a body, so the wanted Content-Type (or none)
 * travels in a marker header that an HttpClient interceptor turns into the real header just before
 * the request leaves.
 */
final class ApiClient implements AutoCloseable {

  private static final String CONTENT_TYPE_MARKER = "X-Conformance-Content-Type";
  private static final String NO_CONTENT_TYPE = "none";

  private final String baseUrl;
  private final int idleMillis;
  private final Duration deadline;
  private final int maxResponseBytes;
  private final RateLimiter limiter;
  private final ScheduledExecutorService timer;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final RestAssuredConfig config;

  /** The request being sent: the run sends one at a time. */
  private volatile RequestControl current = new RequestControl();

  ApiClient(
      String baseUrl, Duration idle, Duration deadline, int maxResponseBytes, double perSecond) {
    this.baseUrl = baseUrl;
    this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idle.toMillis());
    this.deadline = deadline;
    this.maxResponseBytes = maxResponseBytes;
    this.limiter = new RateLimiter(perSecond);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "conformance-request-deadline");
              t.setDaemon(true);
              return t;
            });
    // one client for the run (REST-Assured builds one per request otherwise, which costs more
    // than the request); connections are still never reused
    this.config =
        RestAssuredConfig.config()
            .encoderConfig(
                EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false))
            // no Accept-Encoding, no inflating: the size cap counts the bytes as they come
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders())
            .redirect(RedirectConfig.redirectConfig().followRedirects(false))
            .httpClient(
                HttpClientConfig.httpClientConfig()
                    .reuseHttpClientInstance()
                    .httpClientFactory(this::client));
  }

  /**
   * One request and what came of it.
   *
   * @param request the request as sent (holds the key: never print it raw)
   * @param url the full URL
   * @param answer the answer, when one came (its body possibly truncated)
   * @param error why no answer came
   * @param note what happened to an answer that did come (cut at the size cap, or at the deadline)
   * @param stalled whether the answer's body stopped coming (cut by a timeout, not by the size cap)
   */
  record Call(
      ApiRequest request,
      String url,
      Optional<Observed> answer,
      Optional<String> error,
      Optional<String> note,
      boolean stalled) {

    boolean answered() {
      return answer.isPresent();
    }
  }

  String url(ApiRequest request) {
    return baseUrl + request.target();
  }

  /**
   * Sends the request; never throws: a request nothing answered has an error instead. One at a
   * time: the run is sequential.
   */
  synchronized Call send(ApiRequest request) {
    String url = url(request);
    RequestControl control = new RequestControl();
    current = control;
    RequestSpecification spec = RestAssured.given().config(config).urlEncodingEnabled(false);
    for (Map.Entry<String, String> h : request.headers().entries()) {
      if (!h.getKey().equalsIgnoreCase("Content-Type")) {
        spec.header(h.getKey(), h.getValue());
      }
    }
    spec.header(
        CONTENT_TYPE_MARKER, request.headers().first("Content-Type").orElse(NO_CONTENT_TYPE));
    if (request.body().length > 0) {
      spec.body(request.body());
    }
    limiter.acquire();
    sent.incrementAndGet();
    ScheduledFuture<?> abort =
        timer.schedule(
            () -> {
              control.expired = true;
              control.shutdown();
            },
            deadline.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      Response r = spec.request(request.method(), url);
      byte[] body = r.asByteArray();
      answered.incrementAndGet();
      String cut = control.cut;
      return new Call(
          request,
          url,
          Optional.of(
              new Observed(
                  r.statusCode(),
                  r.header("Content-Type"),
                  body,
                  cut != null,
                  r.header(Observed.VIOLATIONS_HEADER))),
          Optional.empty(),
          Optional.ofNullable(cut),
          control.stalled);
    } catch (Exception e) { // REST-Assured rethrows checked I/O exceptions undeclared
      String why =
          control.expired
              ? "no complete answer within " + seconds(deadline) + " (the request deadline)"
              : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Call(request, url, Optional.empty(), Optional.of(why), Optional.empty(), true);
    } finally {
      abort.cancel(false);
      control.shutdown();
    }
  }

  @SuppressWarnings(
      "deprecation") // REST-Assured 6 still builds on HttpClient 4's DefaultHttpClient
  private org.apache.http.impl.client.DefaultHttpClient client() {
    var client = new org.apache.http.impl.client.DefaultHttpClient();
    HttpConnectionParams.setConnectionTimeout(client.getParams(), idleMillis);
    HttpConnectionParams.setSoTimeout(client.getParams(), idleMillis);
    // headers and body leave in two writes: without this the body waits for a delayed ACK
    HttpConnectionParams.setTcpNoDelay(client.getParams(), true);
    client.setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
    client.setReuseStrategy(new NoConnectionReuseStrategy());
    client.addRequestInterceptor(CONTENT_TYPE);
    client.addRequestInterceptor(
        (HttpRequestInterceptor)
            (request, context) -> {
              RequestControl control = current;
              control.connection =
                  (HttpConnection) context.getAttribute(ExecutionContext.HTTP_CONNECTION);
              if (control.expired) {
                control.shutdown();
              }
            });
    client.addResponseInterceptor(
        (HttpResponseInterceptor)
            (response, context) -> {
              if (response.getEntity() != null && response.getEntity().getContentLength() == 0) {
                // an empty body (Content-Length: 0): no entity, so the connection is released at
                // once; a wrapped empty stream kept it allocated and failed the next request
                response.setEntity(null);
              } else if (response.getEntity() != null) {
                response.setEntity(
                    new BoundedEntity(
                        response.getEntity(), current, maxResponseBytes, seconds(deadline)));
              }
            });
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

  static String seconds(Duration d) {
    return d.toMillis() / 1000.0 + " s";
  }

  /** How many requests were sent. */
  int sent() {
    return sent.get();
  }

  /** How many requests got an HTTP answer of any status. */
  int answered() {
    return answered.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
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
