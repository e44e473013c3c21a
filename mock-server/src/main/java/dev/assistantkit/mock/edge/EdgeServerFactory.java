package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import com.github.tomakehurst.wiremock.jetty11.Jetty11Utils;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerCollection;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.FilterMapping;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHandler;
import org.eclipse.jetty.servlets.CrossOriginFilter;

/**
 * WireMock's Jetty 11 server with the edge in front of it: the {@link EdgeHandler} wraps all of
 * WireMock's handlers, Jetty's error pages are the mock's JSON on the server and on each context,
 * the admin context loses WireMock's any-origin CORS filter, bad messages that Jetty answers with a
 * 5xx or 426 (an HTTP version it does not speak) are 400s, and h2c is off (HTTP/1.1 only).
 */
final class EdgeServerFactory implements HttpServerFactory {

  static final int ACCEPT_QUEUE = 1024;

  private final EdgeHandler edge;
  private final EdgeErrors errors;
  private final Runnable onStopped;

  EdgeServerFactory(EdgeHandler edge, EdgeErrors errors, Runnable onStopped) {
    this.edge = edge;
    this.errors = errors;
    this.onStopped = onStopped;
  }

  @Override
  public String getName() {
    return "assistant-edge-server";
  }

  @Override
  public HttpServer buildHttpServer(
      Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
    return new EdgeJettyServer(options, admin, stubs);
  }

  /**
   * An inner class on purpose: Jetty11HttpServer's constructor calls the overridden methods below,
   * before a subclass's own fields are set; the reference to the factory is set before it.
   */
  private final class EdgeJettyServer extends Jetty11HttpServer {

    EdgeJettyServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
      super(options, admin, stubs);
    }

    @Override
    protected ServerConnector createHttpConnector(
        String bindAddress, int port, JettySettings settings, NetworkTrafficListener listener) {
      HttpConfiguration config = Jetty11Utils.createHttpConfig(settings);
      // the edge sees each request's head at once: it can refuse a Content-Length over the limit
      // without waiting for a byte of body, and its body deadline covers a body that never starts
      config.setDelayDispatchUntilContent(false);
      // Jetty caches header fields per connection and, by default, matches them in any case: on a
      // keep-alive connection that sent "Bearer key" before, "Bearer KEY" was read as the cached
      // "Bearer key", so a key in another case was accepted. Header values are case-sensitive.
      config.setHeaderCacheCaseSensitive(true);
      ServerConnector connector =
          Jetty11Utils.createServerConnector(
              jettyServer,
              bindAddress,
              settings,
              port,
              listener,
              new EdgeConnectionFactory(config));
      if (settings.getAcceptQueueSize().isEmpty()) {
        // a burst of connections (a page's retries, a load test) waits in the kernel's queue
        // instead of being dropped with the default backlog of 50
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
      }
      return connector;
    }

    @Override
    protected void applyAdditionalServerConfiguration(Server server, Options options) {
      super.applyAdditionalServerConfiguration(server, options);
      server.setErrorHandler(new EdgeErrorHandler(errors));
    }

    /**
     * WireMock's handlers in a list that stops at the first that handles a request. WireMock puts
     * them in a collection, which calls every handler: for a first dispatch Jetty's root context
     * then skips a request another context handled, but not when the edge dispatches a request
     * again once its body has arrived: /__admin would be answered twice, the second time on a
     * closed response, and the connection dropped.
     */
    @Override
    protected Handler createHandler(
        Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
      Handler wireMock = super.createHandler(options, admin, stubs);
      if (wireMock instanceof HandlerCollection collection) {
        HandlerList list = new HandlerList();
        list.setHandlers(collection.getHandlers());
        wireMock = list;
      }
      edge.setHandler(wireMock);
      return edge;
    }

    @Override
    protected void decorateMockServiceContextAfterConfig(ServletContextHandler context) {
      context.setErrorHandler(new EdgeErrorHandler(errors));
    }

    @Override
    protected void decorateAdminServiceContextAfterConfig(ServletContextHandler context) {
      context.setErrorHandler(new EdgeErrorHandler(errors));
      withoutCorsFilter(context.getServletHandler());
    }

    @Override
    public void stop() {
      try {
        super.stop();
      } finally {
        onStopped.run();
      }
    }
  }

  /** WireMock grants every origin on /__admin; the admin surface never grants a foreign one. */
  private static void withoutCorsFilter(ServletHandler handler) {
    Set<String> cors =
        Arrays.stream(handler.getFilters())
            .filter(f -> CrossOriginFilter.class.getName().equals(f.getClassName()))
            .map(FilterHolder::getName)
            .collect(Collectors.toSet());
    handler.setFilterMappings(
        Arrays.stream(handler.getFilterMappings())
            .filter(m -> !cors.contains(m.getFilterName()))
            .toArray(FilterMapping[]::new));
    handler.setFilters(
        Arrays.stream(handler.getFilters())
            .filter(f -> !cors.contains(f.getName()))
            .toArray(FilterHolder[]::new));
  }

  /** HTTP/1.1 connections whose bad messages are never answered with a 5xx. */
  static final class EdgeConnectionFactory extends HttpConnectionFactory {

    EdgeConnectionFactory(HttpConfiguration config) {
      super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
      HttpConnection connection =
          new HttpConnection(
              getHttpConfiguration(), connector, endPoint, isRecordHttpComplianceViolations()) {
            @Override
            protected HttpChannelOverHttp newHttpChannel() {
              return new HttpChannelOverHttp(
                  this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                @Override
                public void badMessage(BadMessageException failure) {
                  // 505 (a version Jetty does not speak) and 426 (HTTP/2 without h2c) are an
                  // unsupported HTTP version: the client's mistake, a 400
                  int code = failure.getCode();
                  super.badMessage(
                      code >= 500 || code == 426
                          ? new BadMessageException(400, failure.getReason(), failure)
                          : failure);
                }
              };
            }
          };
      connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
      connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
      return configure(connection, connector, endPoint);
    }
  }
}
