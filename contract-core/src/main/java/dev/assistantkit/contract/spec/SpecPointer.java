package dev.assistantkit.contract.spec;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** JSON Pointers into the spec ({@code #/components/...}), with {@code *} matching one segment. */
public final class SpecPointer {

  private SpecPointer() {}

  /** The segments of a {@code #/a/b} or {@code /a/b} pointer, unescaped. */
  public static List<String> segments(String pointer) {
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    List<String> out = new ArrayList<>();
    if (p.isEmpty()) {
      return out;
    }
    if (!p.startsWith("/")) {
      throw new IllegalArgumentException("not a JSON Pointer: " + pointer);
    }
    for (String raw : p.substring(1).split("/", -1)) {
      out.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  /** The node at these segments below {@code root}, or null; array items by index. */
  static JsonNode find(JsonNode root, List<String> segments) {
    JsonNode n = root;
    for (String segment : segments) {
      n = n.isArray() && isIndex(segment) ? n.get(Integer.parseInt(segment)) : n.get(segment);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  static boolean isIndex(String segment) {
    return !segment.isEmpty()
        && segment.length() < 10
        && segment.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Spec locations seen so far, parsed: matching a schema error to its rule compares the same few
   * hundred locations again and again. Bounded, cleared when full.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, List<String>> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int PARSED_ENTRIES = 4096;

  private static List<String> parsed(String pointer) {
    List<String> known = PARSED.get(pointer);
    if (known != null) {
      return known;
    }
    List<String> segments = List.copyOf(segments(pointer));
    if (PARSED.size() >= PARSED_ENTRIES) {
      PARSED.clear();
    }
    PARSED.put(pointer, segments);
    return segments;
  }

  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** A JSON Pointer made of these segments ("" for none). */
  public static String of(List<String> segments) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append('/').append(escape(s));
    }
    return sb.toString();
  }

  /**
   * True when the location equals the pattern or lies below it; {@code *} in the pattern matches
   * any one segment.
   */
  public static boolean matches(String pattern, String location) {
    List<String> want = parsed(pattern);
    List<String> have = parsed(location);
    if (have.size() < want.size()) {
      return false;
    }
    for (int i = 0; i < want.size(); i++) {
      String w = want.get(i);
      if (!w.equals("*") && !w.equals(have.get(i))) {
        return false;
      }
    }
    return true;
  }
}
