package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.security.Authenticator;
import dev.assistantkit.contract.masking.SecretMasker;
import java.util.concurrent.CompletableFuture;

/**
 * The mock's HTTP edge, in front of WireMock: what it needs to be installed (a server factory, an
 * admin authenticator, a response transformer) and to be opened once the contract is loaded. See
 * {@link EdgeHandler} for what it does to each request.
 */
public final class Edge {

  /** The metadata key (and value) that marks the mock's own stubs. */
  public static final String OWN_STUB_METADATA = "assistant-mock";

  public static final String OWN_STUB_VALUE = "own";

  private final EdgePolicy policy;
  private final EdgeErrors errors;
  private final AdminGuard guard;
  private final EdgeHandler handler;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile SecretMasker known;

  public Edge(EdgePolicy policy) {
    this(policy, EdgeErrors.json());
  }

  public Edge(EdgePolicy policy, EdgeErrors errors) {
    this.policy = policy;
    this.errors = errors;
    this.guard = new AdminGuard(policy);
    this.handler = new EdgeHandler(policy, errors, guard);
    this.known = SecretMasker.standard().withSecrets(policy.secrets());
  }

  public EdgePolicy policy() {
    return policy;
  }

  public EdgeErrors errors() {
    return errors;
  }

  /** WireMock's Jetty server with this edge in front (for {@code options.httpServerFactory}). */
  public HttpServerFactory serverFactory() {
    return new EdgeServerFactory(handler, errors, () -> stopped.complete(null));
  }

  /** For {@code options.adminAuthenticator}: judges admin requests as sent. */
  public Authenticator adminAuthenticator() {
    return new AdminAuthenticator(guard);
  }

  /**
   * A global response-definition and response transformer, to be registered after the mock's own
   * transformers: masks the mock's own answers, logs every answer when verbose.
   */
  public Extension answers() {
    return new Answers(errors, () -> known, policy.verbose());
  }

  /** Free text for a log line with every known secret masked, in any encoding. */
  public String maskLog(String text) {
    return known.maskLog(text);
  }

  /**
   * The contract is loaded: requests held so far go on, and the edge masks with the contract's
   * masker (its writeOnly names) and enforces its body limit.
   */
  public void open(SecretMasker contractMasker, long maxBodyBytes) {
    known = contractMasker.withSecrets(policy.secrets());
    handler.open(new EdgeHandler.Open(known, maxBodyBytes));
  }

  /** Proxy mode: API requests go to this forwarder instead of WireMock. */
  public void forwardTo(ApiForwarder forwarder) {
    handler.forwardTo(forwarder);
  }

  /**
   * API requests are offered to this first, after the edge's checks; what it declines goes to
   * WireMock (or the forwarder, in proxy mode, which it never sees).
   */
  public void answerDirectly(DirectApi direct) {
    handler.answerDirectly(direct);
  }

  /** The start failed: requests held so far get a 503. */
  public void abort(Throwable cause) {
    handler.abort(cause);
  }

  /** Completes once the server has stopped (also after {@code POST /__admin/shutdown}). */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Requests whose bodies are being read asynchronously right now. */
  public int pendingBodies() {
    return handler.pendingBodies();
  }

  /** The memory the bodies being read asynchronously hold, in bytes. */
  public long pendingBodyBytes() {
    return handler.pendingBodyBytes();
  }
}
