package dev.assistantkit.contract.spec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAPI path template ({@code /assistant/update/{assistant_id}}, {@code /files/{name}.json})
 * and its matching. A parameter stands for a part of one segment; what follows a {@code #} or
 * {@code ?} in the template is not part of the path.
 */
public final class PathTemplate {

  private static final Pattern PARAMETER = Pattern.compile("\\{([^{}/]+)}");

  /**
   * One segment: a literal, or a pattern whose groups are its parameters, in order ({@code whole}:
   * the segment is one parameter, which any segment matches whole).
   */
  private record Segment(
      String text, String literal, Pattern pattern, List<String> names, boolean whole) {

    static Segment of(String text) {
      Matcher m = PARAMETER.matcher(text);
      List<String> names = new ArrayList<>();
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(text.substring(last, m.start())));
        regex.append("(.*?)");
        names.add(m.group(1));
        last = m.end();
      }
      if (names.isEmpty()) {
        return new Segment(text, text, null, List.of(), false);
      }
      regex.append(Pattern.quote(text.substring(last)));
      boolean whole = names.size() == 1 && text.equals("{" + names.get(0) + "}");
      return new Segment(
          text, null, Pattern.compile(regex.toString(), Pattern.DOTALL), names, whole);
    }
  }

  private final String template;
  private final List<Segment> segments;
  private final List<String> parameterNames;
  private final int literals;

  public PathTemplate(String template) {
    this.template = template;
    String path = template;
    int cut = indexOfAny(path, '#', '?');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    List<Segment> segs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int lit = 0;
    for (String s : segments(path)) {
      Segment seg = Segment.of(s);
      segs.add(seg);
      names.addAll(seg.names());
      lit += seg.literal() != null ? 1 : 0;
    }
    this.segments = List.copyOf(segs);
    this.parameterNames = List.copyOf(names);
    this.literals = lit;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
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
   * The path parameters, percent-decoded, when a raw path (no query) matches; a parameter matches a
   * part of one segment, possibly empty.
   */
  public Optional<Map<String, String>> match(String rawPath) {
    return matchRaw(rawPath).map(PathTemplate::decoded);
  }

  /**
   * Parameters as sent (percent-encoded), percent-decoded: the same map when none needs decoding
   * (pass it as a match gives it: immutable).
   */
  public static Map<String, String> decoded(Map<String, String> raw) {
    boolean encoded = false;
    for (String v : raw.values()) {
      encoded |= v != null && v.indexOf('%') >= 0;
    }
    if (!encoded) {
      return raw; // nothing to decode: the same values (immutable)
    }
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, decode(v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The path parameters as sent (percent-encoded), when a raw path (no query) matches. */
  public Optional<Map<String, String>> matchRaw(String rawPath) {
    return matchSegments(segments(rawPath));
  }

  /**
   * The path parameters as sent, when a raw path split by {@link #segments(String)} matches: a
   * router that tries every template splits the path once.
   */
  public Optional<Map<String, String>> matchSegments(List<String> have) {
    if (have.size() != segments.size()) {
      return Optional.empty();
    }
    // most paths name one value or none: a linked map only from the second name on
    String firstName = null;
    String firstValue = null;
    Map<String, String> params = null;
    for (int i = 0; i < segments.size(); i++) {
      Segment want = segments.get(i);
      String got = have.get(i);
      if (want.literal() != null) {
        if (!want.literal().equals(got)) {
          return Optional.empty();
        }
        continue;
      }
      Matcher m = null;
      if (!want.whole()) {
        m = want.pattern().matcher(got);
        if (!m.matches()) {
          return Optional.empty();
        }
      }
      for (int g = 0; g < want.names().size(); g++) {
        String name = want.names().get(g);
        String value = m == null ? got : m.group(g + 1);
        if (params != null) {
          params.put(name, value);
        } else if (firstName == null || firstName.equals(name)) {
          firstName = name;
          firstValue = value;
        } else {
          params = new LinkedHashMap<>();
          params.put(firstName, firstValue);
          params.put(name, value);
        }
      }
    }
    if (params != null) {
      return Optional.of(java.util.Collections.unmodifiableMap(params));
    }
    return Optional.of(
        firstName == null
            ? java.util.Collections.emptyMap()
            : new OnePathValue(firstName, firstValue));
  }

  /** The path with its parameters filled in, each percent-encoded. */
  public String fill(Map<String, String> values) {
    return fillRaw(
        name ->
            java.net.URLEncoder.encode(values.getOrDefault(name, ""), StandardCharsets.UTF_8)
                .replace("+", "%20"));
  }

  /** The path with its parameters filled in as given (already encoded for the path). */
  public String fillRaw(java.util.function.Function<String, String> encoded) {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segments) {
      sb.append('/');
      if (s.literal() != null) {
        sb.append(s.literal());
        continue;
      }
      Matcher m = PARAMETER.matcher(s.text());
      StringBuilder seg = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(seg, Matcher.quoteReplacement(encoded.apply(m.group(1))));
      }
      m.appendTail(seg);
      sb.append(seg);
    }
    return sb.toString();
  }

  /** A raw path's segments (what {@link #matchSegments} takes). */
  public static List<String> segments(String path) {
    List<String> out = new ArrayList<>(8);
    int from = path.startsWith("/") ? 1 : 0;
    while (true) {
      int slash = path.indexOf('/', from);
      if (slash < 0) {
        out.add(path.substring(from));
        return out;
      }
      out.add(path.substring(from, slash));
      from = slash + 1;
    }
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
