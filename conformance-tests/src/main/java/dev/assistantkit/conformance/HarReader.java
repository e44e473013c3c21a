package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads HAR 1.2 files as the tools people use write them: Chromium DevTools' "Save all as HAR"
 * (HTTP/2 pseudo headers such as {@code :authority}, {@code _}-prefixed fields, base64 response
 * bodies, no {@code postData} for requests without a body), Playwright's {@code recordHar}, and the
 * mock's own proxy recordings (whose {@code _verdicts} are ignored: every exchange is judged
 * afresh). Bodies that were not recorded are marked truncated, so they are not judged as JSON.
 */
final class HarReader {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One recorded exchange.
   *
   * @param file the file's name
   * @param index its 1-based position in the file
   * @param url the URL as recorded
   * @param request the request, as the contract sees it
   * @param answer the answer; empty when the recording has none (status 0: blocked, failed; or the
   *     mock's proxy answered 502 itself, {@code _answered: false})
   * @param unanswered whether the mock's proxy recorded that the server gave no answer
   * @param tokenLabel what the recording keeps instead of a token it masks ({@code
   *     _credentialLabel})
   * @param bodyWithheld whether the recording withheld the request's body ({@code _bodyWithheld})
   */
  record Recorded(
      String file,
      int index,
      String url,
      ApiRequest request,
      Optional<Observed> answer,
      boolean unanswered,
      Optional<String> tokenLabel,
      boolean bodyWithheld) {}

  /** A file that is not a readable HAR. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  private HarReader() {}

  /**
   * The exchanges of a HAR file, in the order it lists them.
   *
   * @param maxBodyBytes bodies are kept to this size; a longer one is marked truncated
   * @throws Unreadable when the file cannot be read or is not HAR
   */
  static List<Recorded> read(Path file, int maxBodyBytes) throws Unreadable {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new Unreadable("cannot read " + file + ": " + e.getClass().getSimpleName());
    } catch (JacksonException e) {
      throw new Unreadable(file + " is not JSON: " + e.getOriginalMessage());
    }
    JsonNode entries = root == null ? null : root.path("log").get("entries");
    if (entries == null || !entries.isArray()) {
      throw new Unreadable(file + " is not a HAR file: it has no log.entries list");
    }
    String name = file.getFileName().toString();
    List<Recorded> out = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : entries) {
      index++;
      JsonNode request = entry.path("request");
      String method = request.path("method").asString("");
      String url = request.path("url").asString("");
      if (method.isEmpty() || url.isEmpty()) {
        throw new Unreadable(name + " entry " + index + " has no request method or url");
      }
      boolean unanswered = !entry.path("response").path("_answered").asBoolean(true);
      out.add(
          new Recorded(
              name,
              index,
              url,
              new ApiRequest(method, target(url), headers(request), requestBody(request)),
              unanswered ? Optional.empty() : answer(entry.path("response"), maxBodyBytes),
              unanswered,
              Optional.of(request.path("_credentialLabel").asString("")).filter(t -> !t.isEmpty()),
              request.path("_bodyWithheld").asBoolean(false)));
    }
    return out;
  }

  /** The path and query of a URL, as on the wire (no fragment). */
  static String target(String url) {
    String t = url;
    int hash = t.indexOf('#');
    if (hash >= 0) {
      t = t.substring(0, hash);
    }
    int scheme = t.indexOf("://");
    if (scheme >= 0) {
      int slash = t.indexOf('/', scheme + 3);
      int question = t.indexOf('?', scheme + 3);
      if (slash < 0 || (question >= 0 && question < slash)) {
        return question < 0 ? "/" : "/" + t.substring(question);
      }
      t = t.substring(slash);
    }
    return t.isEmpty() ? "/" : t;
  }

  private static Headers headers(JsonNode request) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    boolean contentType = false;
    for (JsonNode h : request.path("headers")) {
      String name = h.path("name").asString("");
      if (name.isEmpty() || name.startsWith(":")) {
        continue; // HTTP/2 pseudo headers (:authority, :method, :path, :scheme)
      }
      contentType |= name.equalsIgnoreCase("Content-Type");
      out.add(Map.entry(name, h.path("value").asString("")));
    }
    String mime = request.path("postData").path("mimeType").asString("");
    if (!contentType && !mime.isEmpty()) {
      out.add(Map.entry("Content-Type", mime));
    }
    return Headers.of(out);
  }

  private static byte[] requestBody(JsonNode request) {
    JsonNode post = request.get("postData");
    if (post == null || !post.isObject()) {
      return new byte[0];
    }
    if (post.has("text")) {
      return decode(post.path("text").asString(""), post.path("encoding").asString(""));
    }
    // some writers give a form body only as its params
    List<String> pairs = new ArrayList<>();
    for (JsonNode p : post.path("params")) {
      pairs.add(
          URLEncoder.encode(p.path("name").asString(""), StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(p.path("value").asString(""), StandardCharsets.UTF_8));
    }
    return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<Observed> answer(JsonNode response, int maxBodyBytes) {
    int status = response.path("status").asInt(0);
    if (status < 100) {
      return Optional.empty();
    }
    String contentType = null;
    String violations = null;
    for (JsonNode h : response.path("headers")) {
      String name = h.path("name").asString("");
      if (contentType == null && name.equalsIgnoreCase("Content-Type")) {
        contentType = h.path("value").asString("");
      } else if (violations == null && name.equalsIgnoreCase(Observed.VIOLATIONS_HEADER)) {
        violations = h.path("value").asString("");
      }
    }
    JsonNode content = response.path("content");
    if (contentType == null && content.has("mimeType")) {
      contentType = content.path("mimeType").asString("");
    }
    byte[] body;
    boolean truncated = false;
    if (content.has("text")) {
      body = decode(content.path("text").asString(""), content.path("encoding").asString(""));
      // the mock's proxy marks a body it kept only in part; a size beyond the text says the same
      truncated =
          content.path("_truncated").asBoolean(false)
              || content.path("size").asLong(0) > body.length;
    } else {
      body = new byte[0];
      // a body the writer did not keep (Playwright's "omit", DevTools without content) is unknown
      truncated = content.path("size").asLong(0) > 0 || content.has("_file");
    }
    if (body.length > maxBodyBytes) {
      body = java.util.Arrays.copyOf(body, maxBodyBytes);
      truncated = true;
    }
    return Optional.of(new Observed(status, contentType, body, truncated, violations));
  }

  private static byte[] decode(String text, String encoding) {
    if (encoding.equalsIgnoreCase("base64")) {
      try {
        return Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return text.getBytes(StandardCharsets.UTF_8);
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
