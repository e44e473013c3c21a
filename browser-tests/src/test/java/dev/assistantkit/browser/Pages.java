package dev.assistantkit.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test pages of src/test/resources/pages: each script reads its settings from {@code const
 * config = CONFIG;}, which is filled in here as JSON.
 */
final class Pages {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private Pages() {}

  /** A new object for a page's settings. */
  static ObjectNode config() {
    return JSON.createObjectNode();
  }

  /** The page {@code pages/<name>} with its settings in place. */
  static String page(String name, ObjectNode config) {
    String template = resource("/pages/" + name);
    if (!template.contains("CONFIG;")) {
      throw new IllegalStateException(name + " has no 'CONFIG;' to fill in");
    }
    // "</" could end the script element early: JSON allows "<\/"
    String json = JSON.writeValueAsString(config).replace("</", "<\\/");
    return template.replace("CONFIG;", json + ";");
  }

  static String resource(String name) {
    try (InputStream in = Pages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
