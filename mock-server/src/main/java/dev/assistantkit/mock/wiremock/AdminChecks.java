package dev.assistantkit.mock.wiremock;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.common.Json;
import dev.assistantkit.mock.door.DoorRules;
import dev.assistantkit.mock.door.Exchange;
import java.io.IOException;

/**
 * What the admin API is not given, whoever asks: a body that looks like gzip without saying so
 * (WireMock inflates such bodies whole, in places), WireMock's JSON Schema matcher (it needs a
 * json-schema-validator the mock does not carry: it failed with a NoClassDefFoundError), a stub
 * that proxies or calls out (a webhook) unless allowed, and a file path that leaves the files root.
 */
final class AdminChecks {

  private final boolean allowProxy;

  AdminChecks(boolean allowProxy) {
    this.allowProxy = allowProxy;
  }

  /** Refuses the exchange when it asks for one of those; true when it did. */
  boolean refused(Exchange x) {
    byte[] body = x.body();
    if (looksGzipped(body)) {
      x.refuse(
          400,
          DoorRules.BODY_CONTENT_ENCODING,
          "body",
          "",
          "a gzip body must say so with Content-Encoding: gzip (the mock inflates it, once)");
      return true;
    }
    String path = x.rawPath();
    boolean file = path.startsWith("/__admin/files/");
    JsonNode tree = read(body);
    if (tree != null && !tree.isObject() && !file) {
      // every admin endpoint that reads JSON reads an object: POST /__admin/settings with null
      // made WireMock's global settings null, and every answer WireMock gave after it a 500
      x.refuse(
          400,
          DoorRules.ADMIN_INVALID,
          "body",
          "",
          "the admin API takes a JSON object, not "
              + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return true;
    }
    if (tree != null && !file && tree.findValue("matchesJsonSchema") != null) {
      x.refuse(
          400,
          DoorRules.ADMIN_INVALID,
          "body",
          "",
          "matchesJsonSchema is not available in this mock: WireMock's JSON Schema matcher needs"
              + " a version of json-schema-validator the mock does not carry");
      return true;
    }
    if (!allowProxy && tree != null && callsOut(tree)) {
      x.refuse(
          403,
          DoorRules.ADMIN_DISABLED,
          "body",
          "",
          "stubs that proxy or call out (proxyBaseUrl, recordings, webhooks) are off for the admin"
              + " API; start the mock with --allow-admin-proxy to turn them on");
      return true;
    }
    if (path.startsWith("/__admin/files/") && !plainFilePath(path.substring(15))) {
      x.refuse(
          404,
          DoorRules.UNKNOWN_PATH,
          "path",
          "",
          "no file of the mock's files root has this path");
      return true;
    }
    return false;
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

  /**
   * Does an admin body ask for a stub that proxies or calls out (a stub, an import, a recording)? A
   * webhook is named in a list of listeners or actions ({@code [{"name": "webhook"}]}) or, in the
   * older form, as a key of {@code postServeActions} ({@code {"webhook": {...}}}).
   */
  private static boolean callsOut(JsonNode tree) {
    if (tree.findValue("proxyBaseUrl") != null || tree.findValue("targetBaseUrl") != null) {
      return true;
    }
    for (String key : new String[] {"serveEventListeners", "postServeActions"}) {
      for (JsonNode list : tree.findValues(key)) {
        if (list.isObject()) {
          var names = list.fieldNames();
          while (names.hasNext()) {
            if ("webhook".equalsIgnoreCase(names.next())) {
              return true;
            }
          }
        }
        for (JsonNode l : list) {
          if ("webhook".equalsIgnoreCase(l.path("name").asText(""))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The admin body as WireMock reads it, or null (WireMock refuses what it cannot read). */
  private static JsonNode read(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return Json.getObjectMapper().readTree(body);
    } catch (IOException | RuntimeException e) {
      return null; // the stubs' listener is the second line
    }
  }
}
