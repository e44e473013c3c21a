package dev.assistantkit.mock.wiremock;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.common.Json;
import dev.assistantkit.mock.door.DoorRules;
import dev.assistantkit.mock.door.Exchange;
import java.io.IOException;

/**
 * What the admin API is not given, whoever asks: a body that looks like gzip without saying so
 * (WireMock inflates such bodies whole, in places), a stub that proxies or calls out (a webhook)
 * unless allowed, and a file path that leaves the files root.
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
    if (!allowProxy && callsOut(body)) {
      x.refuse(
          403,
          DoorRules.ADMIN_DISABLED,
          "body",
          "",
          "stubs that proxy or call out (proxyBaseUrl, recordings, webhooks) are off for the admin"
              + " API; start the mock with --allow-admin-proxy to turn them on");
      return true;
    }
    String path = x.rawPath();
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

  private static boolean looksGzipped(byte[] body) {
    return body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
  }

  /**
   * Does an admin body ask for a stub that proxies or calls out (a stub, an import, a recording)?
   */
  private static boolean callsOut(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try {
      JsonNode tree = Json.getObjectMapper().readTree(body);
      if (tree == null) {
        return false;
      }
      if (tree.findValue("proxyBaseUrl") != null || tree.findValue("targetBaseUrl") != null) {
        return true;
      }
      for (String key : new String[] {"serveEventListeners", "postServeActions"}) {
        for (JsonNode list : tree.findValues(key)) {
          for (JsonNode l : list) {
            if ("webhook".equalsIgnoreCase(l.path("name").asText(""))) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false; // WireMock refuses what it cannot read; the stubs' listener is the second line
    }
  }
}
