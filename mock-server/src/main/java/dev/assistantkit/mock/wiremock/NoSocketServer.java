package dev.assistantkit.mock.wiremock;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import java.util.function.IntSupplier;

/**
 * WireMock's HTTP server, without a socket of its own: WireMock hands its two request handlers over
 * here, and the door's Jetty serves them. Stopping it (WireMock's {@code POST /__admin/shutdown},
 * {@code WireMockServer.stop()}) stops the mock.
 */
final class NoSocketServer implements HttpServerFactory, HttpServer {

  private final IntSupplier port;
  private final Runnable onStop;
  private volatile AdminRequestHandler admin;
  private volatile StubRequestHandler stubs;
  private volatile boolean running;

  /**
   * @param port the door's port
   * @param onStop what stopping WireMock's server does (stops the mock)
   */
  NoSocketServer(IntSupplier port, Runnable onStop) {
    this.port = port;
    this.onStop = onStop;
  }

  @Override
  public String getName() {
    return "assistant-no-socket-server";
  }

  @Override
  public HttpServer buildHttpServer(
      Options options, AdminRequestHandler adminHandler, StubRequestHandler stubHandler) {
    this.admin = adminHandler;
    this.stubs = stubHandler;
    return this;
  }

  AdminRequestHandler admin() {
    return admin;
  }

  StubRequestHandler stubs() {
    return stubs;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    if (running) {
      running = false;
      onStop.run();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int port() {
    return port.getAsInt();
  }

  @Override
  public int httpsPort() {
    return -1;
  }
}
