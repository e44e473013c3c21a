package dev.assistantkit.contract.generation;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;

/**
 * Strings for a value's string facets: its {@code pattern}s (sampled, then checked against every
 * one), its {@code format}, its lengths; plain words otherwise. Under a twist it makes a string
 * that misses the twisted pattern, is no valid instance of the twisted format, or has a length just
 * out of the twisted bound.
 */
final class StringMaker {

  /** The longest string made (a longer {@code minLength} cannot be met). */
  static final int MAX_LENGTH = 100_000;

  private static final int PATTERN_TRIES = 24;

  private static final String[] WORDS = {
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
    "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim"
  };

  private static final String HEX = "0123456789abcdef";

  private final Patterns patterns;

  StringMaker(Patterns patterns) {
    this.patterns = patterns;
  }

  /** A string for the facets, or null when none was found within the bounds. */
  String make(Conjunction c, SplittableRandom r, CallState st) {
    long lo = c.lowerCount("minLength", "maxLength");
    long hi = Math.min(c.upperCount("minLength", "maxLength"), MAX_LENGTH);
    if (lo > hi || lo > MAX_LENGTH) {
      return null;
    }
    st.tick(lo / 64);
    List<String> regexes = strings(c.all("pattern"));
    String avoid =
        c.twistedOn("pattern").filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
    Optional<String> twistedFormat = c.twistedOn("format").map(JsonNode::asString);
    List<String> formats = strings(c.all("format"));
    for (int attempt = 0; attempt < PATTERN_TRIES; attempt++) {
      String s = candidate(regexes, formats, twistedFormat, avoid, (int) lo, (int) hi, attempt, r);
      if (s != null && fits(s, lo, hi, regexes, avoid)) {
        return s;
      }
      if (regexes.isEmpty() && avoid == null && attempt > 2) {
        break;
      }
    }
    return null;
  }

  private boolean fits(String s, long lo, long hi, List<String> regexes, String avoid) {
    int n = s.codePointCount(0, s.length());
    if (n < lo || n > hi) {
      return false;
    }
    for (String p : regexes) {
      if (!patterns.finds(p, s)) {
        return false;
      }
    }
    return avoid == null || patterns.surelyMisses(avoid, s);
  }

  private String candidate(
      List<String> regexes,
      List<String> formats,
      Optional<String> twistedFormat,
      String avoid,
      int lo,
      int hi,
      int attempt,
      SplittableRandom r) {
    if (!regexes.isEmpty()) {
      String p = regexes.get(attempt % regexes.size());
      int[] extras = {3, 0, 1, 8, 32, 128, 1024, 8192};
      int extra = extras[attempt % extras.length];
      Optional<String> s = RegexSampler.sample(p, r, Math.max(extra, lo), hi);
      if (s.isEmpty()) {
        return attempt == 0 ? plain(lo, hi, r) : null;
      }
      return pad(s.get(), p, lo, r);
    }
    if (twistedFormat.isPresent()) {
      return resize(attempt == 0 ? "not a " + twistedFormat.get() + " [%" : "%%" + attempt, lo, hi);
    }
    if (!formats.isEmpty() && attempt < 2) {
      String f = format(formats.get(0), r);
      if (f != null) {
        return f;
      }
    }
    int k = attempt - (formats.isEmpty() ? 0 : 2);
    if (avoid != null && k >= 0 && k <= 6) {
      // words first; then no letters or digits, which most patterns ask for
      String[] fillers = {"-", "~", " ", ".", "_", "!"};
      return k == 0
          ? plain(lo, hi, r)
          : resize(fillers[k - 1].repeat(Math.max(1, Math.min(lo, 64))), lo, hi);
    }
    if (attempt == 1 && lo == 0) {
      return "";
    }
    if (attempt == 2) {
      return resize("~" + r.nextInt(1000) + "!", lo, hi);
    }
    return plain(lo, hi, r);
  }

  /** A sample of an unanchored pattern padded (outside the match) to the minimum length. */
  private static String pad(String s, String pattern, int lo, SplittableRandom r) {
    int n = s.codePointCount(0, s.length());
    if (n >= lo) {
      return s;
    }
    String filler = "x".repeat(lo - n);
    if (!RegexSampler.anchoredStart(pattern)) {
      return filler + s;
    }
    if (!RegexSampler.anchoredEnd(pattern)) {
      return s + filler;
    }
    return s;
  }

  /** Words, between the lengths (aiming for a short phrase). */
  static String plain(int lo, int hi, SplittableRandom r) {
    int target = Math.max(lo, Math.min(hi, 6 + r.nextInt(14)));
    StringBuilder sb = new StringBuilder();
    while (sb.length() < target) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
      if (sb.length() > 200 && target > sb.length()) {
        sb.append("x".repeat(target - sb.length()));
      }
    }
    return resize(sb.toString(), lo, hi);
  }

  private static String resize(String s, int lo, int hi) {
    String out = s.length() > hi ? s.substring(0, hi) : s;
    if (out.endsWith(" ")) {
      out = out.substring(0, out.length() - 1) + "x";
    }
    if (out.length() < lo) {
      out = out + "x".repeat(lo - out.length());
    }
    return out;
  }

  /** A value of a known format, or null for an unknown one (plain words then). */
  static String format(String format, SplittableRandom r) {
    switch (format) {
      case "uuid":
        return uuid(r);
      case "date-time":
        return dateTime(r).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")) + "Z";
      case "date":
        return dateTime(r).format(DateTimeFormatter.ISO_LOCAL_DATE);
      case "time":
        return dateTime(r).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "Z";
      case "duration":
        return "P" + (1 + r.nextInt(30)) + "DT" + r.nextInt(24) + "H";
      case "email":
      case "idn-email":
        return word(r) + r.nextInt(100) + "@example.com";
      case "uri":
      case "iri":
      case "url":
        return "https://example.com/" + word(r) + "/" + r.nextInt(1000);
      case "uri-reference":
      case "iri-reference":
        return "/" + word(r) + "/" + r.nextInt(1000);
      case "uri-template":
        return "https://example.com/" + word(r) + "/{id}";
      case "hostname":
      case "idn-hostname":
        return word(r) + ".example.com";
      case "ipv4":
      case "ip-address":
        return (1 + r.nextInt(223))
            + "."
            + r.nextInt(256)
            + "."
            + r.nextInt(256)
            + "."
            + (1 + r.nextInt(254));
      case "ipv6":
        return "2001:db8::" + Integer.toHexString(1 + r.nextInt(0xfffe));
      case "byte":
        byte[] bytes = new byte[6 + r.nextInt(10)];
        r.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
      case "binary":
        return word(r) + "-" + word(r) + ".bin";
      case "password":
        return "Pa55-" + alnum(r, 10);
      case "int32":
      case "int64":
      case "utc-millisec":
        return Integer.toString(1 + r.nextInt(100_000));
      case "float":
      case "double":
      case "decimal":
        return (1 + r.nextInt(1000)) + "." + (10 + r.nextInt(90));
      case "json-pointer":
        return "/" + word(r) + "/" + r.nextInt(10);
      case "relative-json-pointer":
        return "0/" + word(r);
      case "regex":
        return "^[a-z]+$";
      case "phone":
        return "+1555" + (1_000_000 + r.nextInt(8_999_999));
      case "alpha":
        return word(r);
      case "alphanumeric":
        return word(r) + r.nextInt(100);
      case "color":
        return "#" + hex(r, 6);
      default:
        return null;
    }
  }

  private static LocalDateTime dateTime(SplittableRandom r) {
    return LocalDateTime.of(
        2020 + r.nextInt(6),
        1 + r.nextInt(12),
        1 + r.nextInt(28),
        r.nextInt(24),
        r.nextInt(60),
        r.nextInt(60));
  }

  private static String uuid(SplittableRandom r) {
    String h = hex(r, 32);
    char variant = "89ab".charAt(r.nextInt(4));
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-4"
        + h.substring(13, 16)
        + "-"
        + variant
        + h.substring(17, 20)
        + "-"
        + h.substring(20);
  }

  private static String hex(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(HEX.charAt(r.nextInt(16)));
    }
    return sb.toString();
  }

  private static String alnum(SplittableRandom r, int n) {
    String chars = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(chars.charAt(r.nextInt(chars.length())));
    }
    return sb.toString();
  }

  private static String word(SplittableRandom r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  private static List<String> strings(List<JsonNode> nodes) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      if (n.isString()) {
        out.add(n.asString());
      }
    }
    return out;
  }
}
