package dev.assistantkit.contract.spec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An OpenAPI path template ({@code /assistant/update/{assistant_id}}) and its matching. */
public final class PathTemplate {

  private final String template;
  private final List<String> segments;
  private final List<String> parameterNames;
  private final int literals;

  public PathTemplate(String template) {
    this.template = template;
    this.segments = split(template);
    List<String> names = new ArrayList<>();
    for (String s : segments) {
      if (isParameter(s)) {
        names.add(s.substring(1, s.length() - 1));
      }
    }
    this.parameterNames = List.copyOf(names);
    this.literals = template.split("/").length - names.size();
  }

  public String template() {
    return template;
  }

  /** The parameter names in order. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** How specific the template is: its segments that are not parameters (a route prefers more). */
  public int literals() {
    return literals;
  }

  /**
   * The path parameters, percent-decoded, when a raw path (no query) matches; a parameter matches
   * one whole segment, possibly empty.
   */
  public Optional<Map<String, String>> match(String rawPath) {
    List<String> have = split(rawPath);
    if (have.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String want = segments.get(i);
      String got = have.get(i);
      if (isParameter(want)) {
        params.put(want.substring(1, want.length() - 1), decode(got));
      } else if (!want.equals(got)) {
        return Optional.empty();
      }
    }
    return Optional.of(java.util.Collections.unmodifiableMap(params));
  }

  /** The path with its parameters filled in, each percent-encoded. */
  public String fill(Map<String, String> values) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append('/');
      if (isParameter(s)) {
        String v = values.getOrDefault(s.substring(1, s.length() - 1), "");
        sb.append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
      } else {
        sb.append(s);
      }
    }
    return sb.toString();
  }

  private static boolean isParameter(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    String p = path.startsWith("/") ? path.substring(1) : path;
    for (String s : p.split("/", -1)) {
      out.add(s);
    }
    return out;
  }

  /** Percent-decoding of one segment; a malformed escape leaves the segment as it came. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  @Override
  public String toString() {
    return template;
  }
}
