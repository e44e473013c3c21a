package dev.assistantkit.mock.door;

import dev.assistantkit.contract.masking.SecretMasker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The mock's HTTP door: one Jetty server whose one handler ({@link DoorHandler}) reads, bounds and
 * masks every request and hands it to the gate as an {@link Exchange}. Its port opens only once the
 * gate can answer correctly, so the first answer is already the contract's.
 */
public final class Door {

  /** Connections waiting to be accepted: a burst waits in the kernel's queue, not refused. */
  static final int ACCEPT_QUEUE = 1024;

  /** The most header bytes of a request, and of an answer (Jetty's limits; beyond: 431, 500). */
  public static final int MAX_HEAD_BYTES = 32 * 1024;

  /** Jetty's serving threads: async reads and writes hold none of them for long. */
  private static final int THREADS = 25;

  /**
   * What every exchange of this door shares.
   *
   * @param errors the error body renderer
   * @param masking the last look at every answer of the mock's own
   * @param answers the door's own answers and log lines
   * @param timer for answers that come later (delays)
   * @param ids exchange ids
   * @param writes the answers being written asynchronously right now (a slow reader holds one)
   */
  record Parts(
      ErrorBodies errors,
      AnswerMasking masking,
      DoorAnswers answers,
      ScheduledExecutorService timer,
      ExchangeIds ids,
      AtomicInteger writes) {}

  private final DoorPolicy policy;
  private final ErrorBodies errors;
  private final AnswerMasking answerMasking;
  private volatile SecretMasker known;
  private volatile long maxBodyBytes;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile Server server;
  private volatile ServerConnector connector;
  private volatile DoorHandler handler;
  private final ScheduledExecutorService timer;
  private final QueuedThreadPool threads;
  private final AtomicInteger writes = new AtomicInteger();

  public Door(DoorPolicy policy, SecretMasker contractMasker) {
    this.policy = policy;
    this.errors = ErrorBodies.json();
    this.known = contractMasker.withSecrets(policy.secrets());
    this.answerMasking = new AnswerMasking(errors, () -> known);
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "mock-delays");
              thread.setDaemon(true);
              return thread;
            });
    // a timer most exchanges cancel (the proxy's deadline, a head waiting for its body) leaves
    // the queue when cancelled, not when it would have run: else each would hold its exchange
    // for the whole --proxy-timeout
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.threads = new QueuedThreadPool(THREADS, Math.min(8, THREADS));
    threads.setName("mock");
  }

  /**
   * The door's threads, for whatever else serves its exchanges (the proxy's client): one pool, so
   * that an exchange does not hop between two.
   */
  public java.util.concurrent.Executor threads() {
    return threads;
  }

  /** For answers that come later (delays): one thread, holding no request's. */
  public ScheduledExecutorService timer() {
    return timer;
  }

  public DoorPolicy policy() {
    return policy;
  }

  public ErrorBodies errors() {
    return errors;
  }

  /** The masker of everything the door knows to be secret (keys, the admin token). */
  public SecretMasker known() {
    return known;
  }

  /**
   * From now on, masks what a reloaded contract's spec holds secret (with the keys and the admin
   * token, as before) and takes API bodies up to its largest: for requests that arrive after this.
   */
  public void follow(SecretMasker contractMasker, long newMaxBodyBytes) {
    this.known = contractMasker.withSecrets(policy.secrets());
    this.maxBodyBytes = newMaxBodyBytes;
  }

  /** Free text for a log line with every known secret masked, in any encoding. */
  public String maskLog(String text) {
    return known.maskLog(text);
  }

  /**
   * Opens the port: from now on every request goes through the door to the gate.
   *
   * @param maxBodyBytes the largest body an API request may have
   * @throws IllegalStateException when the port cannot be opened (in use, say)
   */
  public synchronized void open(String host, int port, Downstream gate, long maxBodyBytes) {
    if (server != null) {
      throw new IllegalStateException("the door is open already");
    }
    this.maxBodyBytes = maxBodyBytes;
    DoorAnswers answers = new DoorAnswers(errors, policy.verbose(), () -> known);
    Parts parts = new Parts(errors, answerMasking, answers, timer, new ExchangeIds(), writes);
    Server s = new Server(threads);
    ServerConnector c = new ServerConnector(s, 1, 1, new DoorConnectionFactory(httpConfig()));
    c.setHost(host);
    c.setPort(port);
    c.setAcceptQueueSize(ACCEPT_QUEUE);
    c.setIdleTimeout(policy.idleTimeout().toMillis());
    s.addConnector(c);
    s.setErrorHandler(new DoorErrorHandler(errors));
    DoorHandler h = new DoorHandler(policy, parts, gate, () -> known, () -> this.maxBodyBytes);
    s.setHandler(h);
    s.setStopTimeout(1000);
    try {
      s.start();
    } catch (Exception e) {
      try {
        s.stop();
      } catch (Exception ignored) {
        // it did not start
      }
      throw new Unopened(e);
    }
    this.handler = h;
    this.connector = c;
    this.server = s;
  }

  private static HttpConfiguration httpConfig() {
    HttpConfiguration config = new HttpConfiguration();
    config.setRequestHeaderSize(MAX_HEAD_BYTES);
    config.setResponseHeaderSize(MAX_HEAD_BYTES);
    config.setSendDateHeader(false);
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    config.setUriCompliance(UriCompliance.UNSAFE);
    // the door sees each request's head at once: it refuses a Content-Length over the limit
    // without waiting for a byte of body, and its body deadline covers a body that never starts
    config.setDelayDispatchUntilContent(false);
    // Jetty caches header fields per connection and, by default, matches them in any case: on a
    // keep-alive connection that sent "Bearer key" before, "Bearer KEY" was read as the cached
    // "Bearer key", so a key in another case was accepted. Header values are case-sensitive.
    config.setHeaderCacheCaseSensitive(true);
    return config;
  }

  /** The port the door listens on (once open). */
  public int port() {
    ServerConnector c = connector;
    if (c == null) {
      throw new IllegalStateException("the door is not open");
    }
    return c.getLocalPort();
  }

  /** Closes the port and stops; completes {@link #stopped()}. */
  public void close() {
    Server s;
    synchronized (this) {
      s = server;
    }
    try {
      if (s != null) {
        s.stop();
      }
    } catch (Exception e) {
      // stopping anyway
    } finally {
      timer.shutdownNow();
      stopped.complete(null);
    }
  }

  /** Completes once the door has stopped. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /**
   * Answers being written asynchronously right now: each a connection whose client has not yet
   * taken all of its answer. None holds a thread.
   */
  public int pendingWrites() {
    return writes.get();
  }

  /** Requests whose bodies are being read asynchronously right now. */
  public int pendingBodies() {
    DoorHandler h = handler;
    return h == null ? 0 : h.bodies().pending();
  }

  /** The memory the bodies being read asynchronously hold, in bytes. */
  public long pendingBodyBytes() {
    DoorHandler h = handler;
    return h == null ? 0 : h.bodies().held();
  }

  /** The port could not be opened (in use, say); the cause says why. */
  public static final class Unopened extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unopened(Throwable cause) {
      super("the mock could not open its port", cause);
    }
  }
}
