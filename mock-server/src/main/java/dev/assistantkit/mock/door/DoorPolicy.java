package dev.assistantkit.mock.door;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What the edge enforces, decided once at start.
 *
 * @param bindHost the address the mock is bound to; beyond loopback the admin surface needs a token
 * @param adminToken the token {@code /__admin} and {@code /__mock} require, if any
 * @param allowAdminFiles whether {@code PUT/DELETE /__admin/files/**} may write files
 * @param allowAdminProxy whether stubs created through the admin API may proxy
 * @param secrets values masked wherever the mock shows a request (API keys, the admin token)
 * @param bodyTimeout how long a request may take to send its body, from its head
 * @param idleTimeout how long a connection may make no progress (no byte read or written) before
 *     the door closes it: a client that never reads its answer holds a connection this long, never
 *     a thread
 * @param maxAdminBodyBytes the body limit of {@code /__admin} (stub imports can be large)
 * @param maxPendingBodyBytes the memory all bodies still arriving may hold together; beyond it a
 *     slow body is answered 503
 * @param verbose log every answer (masked)
 */
public record DoorPolicy(
    String bindHost,
    Optional<String> adminToken,
    boolean allowAdminFiles,
    boolean allowAdminProxy,
    List<String> secrets,
    Duration bodyTimeout,
    Duration idleTimeout,
    long maxAdminBodyBytes,
    long maxPendingBodyBytes,
    boolean verbose) {

  public static final Duration BODY_TIMEOUT = Duration.ofSeconds(5);

  /** Jetty's own default. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  public static final long MAX_ADMIN_BODY_BYTES = 4L * 1024 * 1024;
  public static final long MAX_PENDING_BODY_BYTES = 32L * 1024 * 1024;

  public DoorPolicy {
    secrets = List.copyOf(secrets);
    adminToken.ifPresent(
        t -> {
          if (t.length() < 8) {
            throw new IllegalArgumentException("the admin token must be at least 8 characters");
          }
        });
  }

  /**
   * This policy with another time a body may take to arrive: a test holds stalled bodies longer
   * than a loaded machine could take to send them all, so that none times out meanwhile.
   */
  public DoorPolicy withBodyTimeout(Duration timeout) {
    return new DoorPolicy(
        bindHost,
        adminToken,
        allowAdminFiles,
        allowAdminProxy,
        secrets,
        timeout,
        idleTimeout,
        maxAdminBodyBytes,
        maxPendingBodyBytes,
        verbose);
  }

  /**
   * This policy with another time a connection may make no progress: a test holds clients that
   * never read for longer than a loaded machine could take to answer everyone else meanwhile.
   */
  public DoorPolicy withIdleTimeout(Duration timeout) {
    return new DoorPolicy(
        bindHost,
        adminToken,
        allowAdminFiles,
        allowAdminProxy,
        secrets,
        bodyTimeout,
        timeout,
        maxAdminBodyBytes,
        maxPendingBodyBytes,
        verbose);
  }

  /**
   * The policy of a mock bound to a host: when it is not a loopback address and no token is given,
   * a random one is made (the caller prints it once).
   */
  public static DoorPolicy of(
      String bindHost,
      Optional<String> adminToken,
      boolean allowAdminFiles,
      boolean allowAdminProxy,
      List<String> apiKeys,
      boolean verbose) {
    Optional<String> token =
        adminToken.isPresent() || isLoopback(bindHost) ? adminToken : Optional.of(newToken());
    List<String> secrets = new java.util.ArrayList<>(apiKeys);
    token.ifPresent(secrets::add);
    return new DoorPolicy(
        bindHost,
        token,
        allowAdminFiles,
        allowAdminProxy,
        secrets,
        BODY_TIMEOUT,
        IDLE_TIMEOUT,
        MAX_ADMIN_BODY_BYTES,
        MAX_PENDING_BODY_BYTES,
        verbose);
  }

  /**
   * Whether an address (as configured, not as a client reaches it) is loopback. A name is resolved
   * once; an address that does not resolve is not loopback.
   */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "DoorPolicy[bindHost="
        + bindHost
        + ", adminToken="
        + adminToken.map(t -> "***").orElse("none")
        + ", allowAdminFiles="
        + allowAdminFiles
        + ", allowAdminProxy="
        + allowAdminProxy
        + "]";
  }
}
