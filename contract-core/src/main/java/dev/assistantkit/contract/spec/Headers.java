package dev.assistantkit.contract.spec;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
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
    if (entries instanceof PackedHeaderList) {
      return new Headers(entries); // kept compact: immutable already
    }
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

  /**
   * Headers held in one string, for keeping many requests or answers (a mock's journal): a few
   * objects instead of two or three per header, each entry made again when read. Headers of which a
   * name or value holds a line break (none sent over HTTP does) are kept as {@link #of} keeps them.
   */
  public static Headers compact(List<Map.Entry<String, String>> entries) {
    if (entries instanceof PackedHeaderList) {
      return new Headers(entries);
    }
    StringBuilder text = new StringBuilder(entries.size() * 32);
    for (Map.Entry<String, String> e : entries) {
      String value = e.getValue() == null ? "" : e.getValue();
      if (e.getKey().indexOf('\n') >= 0 || value.indexOf('\n') >= 0) {
        return of(entries);
      }
      text.append(e.getKey()).append('\n').append(value).append('\n');
    }
    return entries.isEmpty()
        ? NONE
        : new Headers(new PackedHeaderList(text.toString(), entries.size()));
  }

  /** The same headers held in one string ({@link #compact(List)}). */
  public Headers compact() {
    return entries instanceof PackedHeaderList ? this : compact(entries);
  }

  /** Whether another holds the same entries, in the same order (names as sent). */
  public boolean sameEntries(Headers other) {
    if (entries == other.entries) {
      return true;
    }
    if (entries instanceof PackedHeaderList p) {
      return p.holds(other.entries);
    }
    if (other.entries instanceof PackedHeaderList p) {
      return p.holds(entries);
    }
    return entries.equals(other.entries);
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

  /**
   * Entries held in one string, each name and each value ended by a line break; an entry is made
   * when read, so reading by index walks the string: iterate instead.
   */
  private static final class PackedHeaderList extends AbstractList<Map.Entry<String, String>> {

    private final String text;
    private final int size;

    PackedHeaderList(String text, int size) {
      this.text = text;
      this.size = size;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Map.Entry<String, String> get(int index) {
      Objects.checkIndex(index, size);
      Iterator<Map.Entry<String, String>> it = iterator();
      for (int i = 0; i < index; i++) {
        it.next();
      }
      return it.next();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
      return new Iterator<>() {
        private int at;
        private int read;

        @Override
        public boolean hasNext() {
          return read < size;
        }

        @Override
        public Map.Entry<String, String> next() {
          if (read >= size) {
            throw new NoSuchElementException();
          }
          int nameEnd = text.indexOf('\n', at);
          int valueEnd = text.indexOf('\n', nameEnd + 1);
          Map.Entry<String, String> e =
              Map.entry(text.substring(at, nameEnd), text.substring(nameEnd + 1, valueEnd));
          at = valueEnd + 1;
          read++;
          return e;
        }
      };
    }

    /** Whether a list holds these entries, in this order; nothing is made to tell. */
    boolean holds(List<Map.Entry<String, String>> other) {
      if (other instanceof PackedHeaderList p) {
        return size == p.size && text.equals(p.text);
      }
      if (other.size() != size) {
        return false;
      }
      int at = 0;
      for (Map.Entry<String, String> e : other) {
        String value = e.getValue() == null ? "" : e.getValue();
        if (!field(at, e.getKey())) {
          return false;
        }
        at += e.getKey().length() + 1;
        if (!field(at, value)) {
          return false;
        }
        at += value.length() + 1;
      }
      return at == text.length();
    }

    /** Whether the string holds this field, ended by a line break, at this index. */
    private boolean field(int at, String s) {
      int end = at + s.length();
      return end < text.length()
          && text.charAt(end) == '\n'
          && text.regionMatches(at, s, 0, s.length());
    }
  }
}
