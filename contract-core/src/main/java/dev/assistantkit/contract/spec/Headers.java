package dev.assistantkit.contract.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** HTTP headers as sent: names case-insensitive, order and repeats kept. Immutable. */
public final class Headers {

  private static final Headers NONE = new Headers(List.of());

  private final List<Map.Entry<String, String>> entries;

  private Headers(List<Map.Entry<String, String>> entries) {
    this.entries = entries;
  }

  public static Headers none() {
    return NONE;
  }

  public static Headers of(List<Map.Entry<String, String>> entries) {
    if (immutable(entries)) {
      // the door's headers, as most requests come: taken as they are, not copied per request
      return new Headers(List.copyOf(entries));
    }
    List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> e : entries) {
      copy.add(Map.entry(e.getKey(), e.getValue() == null ? "" : e.getValue()));
    }
    return new Headers(Collections.unmodifiableList(copy));
  }

  /** The class of {@link Map#entry}'s entries: immutable, neither key nor value null. */
  private static final Class<?> IMMUTABLE_ENTRY = Map.entry("", "").getClass();

  private static boolean immutable(List<Map.Entry<String, String>> entries) {
    for (Map.Entry<String, String> e : entries) {
      if (e.getClass() != IMMUTABLE_ENTRY) {
        return false;
      }
    }
    return true;
  }

  /** From a map (one value per name), in the map's order. */
  public static Headers of(Map<String, String> map) {
    return of(new ArrayList<>(map.entrySet()));
  }

  /** The first value of a header. */
  public Optional<String> first(String name) {
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every value of a header, in order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>(1);
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** The same headers with one replaced (or added) and others of that name removed. */
  public Headers with(String name, String value) {
    List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size() + 1);
    for (Map.Entry<String, String> e : entries) {
      if (!e.getKey().equalsIgnoreCase(name)) {
        copy.add(e);
      }
    }
    copy.add(Map.entry(name, value));
    return new Headers(Collections.unmodifiableList(copy));
  }

  /** The same headers without any of this name. */
  public Headers without(String name) {
    List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> e : entries) {
      if (!e.getKey().equalsIgnoreCase(name)) {
        copy.add(e);
      }
    }
    return new Headers(Collections.unmodifiableList(copy));
  }

  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  public boolean has(String name) {
    return first(name).isPresent();
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    entries.forEach(e -> names.add(e.getKey().toLowerCase(Locale.ROOT)));
    return "Headers" + names;
  }
}
