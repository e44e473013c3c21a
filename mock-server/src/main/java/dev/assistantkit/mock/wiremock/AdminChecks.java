package dev.assistantkit.mock.wiremock;

import dev.assistantkit.mock.door.DoorRules;
import dev.assistantkit.mock.door.Exchange;
import java.util.Optional;

/**
 * What the admin API is not given, whoever asks: a body that looks like gzip without saying so
 * (WireMock inflates such bodies whole, in places), WireMock's JSON Schema matcher (it needs a
 * json-schema-validator the mock does not carry: it failed with a NoClassDefFoundError), a stub
 * that proxies or calls out (a webhook) unless allowed, a body other than a JSON object (but a
 * file's), and a file path that leaves the files root. The body is read as a stream ({@link
 * AdminBody}), never as a tree.
 */
final class AdminChecks {

  private final boolean allowProxy;

  AdminChecks(boolean allowProxy) {
    this.allowProxy = allowProxy;
  }

  /** Why an admin request is not handed to WireMock. */
  record AdminRefusal(int status, String rule, String in, String message) {}

  /** Refuses the exchange when it asks for one of those; true when it did. */
  boolean refused(Exchange x) {
    Optional<AdminRefusal> no = check(x.rawPath(), x.body());
    no.ifPresent(r -> x.refuse(r.status(), r.rule(), r.in(), "", r.message()));
    return no.isPresent();
  }

  /**
   * Why an admin request of this path and body is refused, if it is.
   *
   * @param path the raw path
   * @param body the body as the door decoded it
   */
  Optional<AdminRefusal> check(String path, byte[] body) {
    if (looksGzipped(body)) {
      return refuse(
          400,
          DoorRules.BODY_CONTENT_ENCODING,
          "a gzip body must say so with Content-Encoding: gzip (the mock inflates it, once)");
    }
    boolean file = path.startsWith("/__admin/files/");
    // read as a stream of tokens, never as a tree: an import of 10,000 stubs read into a tree cost
    // more memory than WireMock's own reading of the same body
    AdminBody read = AdminBody.read(body);
    AdminBody.Value value = read.value();
    if (!file && value == AdminBody.Value.NOT_JSON) {
      // WireMock answered it with a 422 in its own error shape, not the kit's
      return refuse(
          400,
          DoorRules.ADMIN_INVALID,
          "the admin API takes a JSON object; this body is not JSON"
              + (read.where().isEmpty() ? "" : " (it stops being JSON at " + read.where() + ")"));
    }
    if (!file && value != AdminBody.Value.EMPTY && value != AdminBody.Value.OBJECT) {
      // every admin endpoint that reads JSON reads an object: POST /__admin/settings with null
      // made WireMock's global settings null, and every answer WireMock gave after it a 500
      return refuse(
          400, DoorRules.ADMIN_INVALID, "the admin API takes a JSON object, not " + value.named());
    }
    if (!file && read.jsonSchema()) {
      return refuse(
          400,
          DoorRules.ADMIN_INVALID,
          "matchesJsonSchema is not available in this mock: WireMock's JSON Schema matcher needs"
              + " a version of json-schema-validator the mock does not carry");
    }
    if (!allowProxy && read.callsOut()) {
      return refuse(
          403,
          DoorRules.ADMIN_DISABLED,
          "stubs that proxy or call out (proxyBaseUrl, recordings, webhooks) are off for the admin"
              + " API; start the mock with --allow-admin-proxy to turn them on");
    }
    if (file && !plainFilePath(path.substring(15))) {
      return Optional.of(
          new AdminRefusal(
              404,
              DoorRules.UNKNOWN_PATH,
              "path",
              "no file of the mock's files root has this path"));
    }
    return Optional.empty();
  }

  private static Optional<AdminRefusal> refuse(int status, String rule, String message) {
    return Optional.of(new AdminRefusal(status, rule, "body", message));
  }

  /**
   * A path below the files root, written plainly: segments of file-name characters, none of them
   * empty, {@code .} or {@code ..}, nothing percent-encoded.
   */
  static boolean plainFilePath(String path) {
    if (path.isEmpty()) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || !segment.matches("[A-Za-z0-9._-]+")) {
        return false;
      }
    }
    return true;
  }

  /**
   * A path below the files root as a stub may name it: relative, no {@code ..} segment, no
   * backslash, no percent-encoding.
   */
  static boolean belowFilesRoot(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("%")) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.contains(":")) {
        return false;
      }
    }
    return true;
  }

  /** Whether the admin request removes the stubs WireMock never matched. */
  static boolean removesUnmatched(Exchange x) {
    return x.method().equals("DELETE") && x.rawPath().equals("/__admin/mappings/unmatched");
  }

  private static boolean looksGzipped(byte[] body) {
    return body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
  }
}
