package dev.assistantkit.contract.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of other files a bundle places, each at its file's path (from the main file's
 * directory) followed by its fragment's segments, and the {@code x-bundled} tree they make.
 */
final class BundledParts {

  private final SpecSources sources;
  private final Map<List<String>, JsonNode> placed = new HashMap<>();
  private final Map<List<String>, Path> fileOfKey = new HashMap<>();

  BundledParts(SpecSources sources) {
    this.sources = sources;
  }

  /** The segments under {@code x-bundled} of a place in a file. */
  List<String> placement(Path file, List<String> pointer) {
    List<String> at = new ArrayList<>(key(file));
    at.addAll(pointer);
    return List.copyOf(at);
  }

  /** Whether the place lies in (or is) a part already placed. */
  boolean covered(Path file, List<String> pointer) {
    List<String> at = placement(file, pointer);
    for (int i = at.size() - pointer.size(); i <= at.size(); i++) {
      if (placed.containsKey(at.subList(0, i))) {
        return true;
      }
    }
    return false;
  }

  void put(List<String> at, JsonNode part) {
    placed.put(at, part);
  }

  boolean isEmpty() {
    return placed.isEmpty();
  }

  /**
   * The file's segments: its path, {@code %} (which JSON Schema validators decode in pointers)
   * replaced by {@code _}.
   */
  private List<String> key(Path file) {
    List<String> key = List.of(sources.display(file).replace('%', '_').split("/"));
    Path other = fileOfKey.putIfAbsent(key, file);
    if (other != null && !other.equals(file)) {
      throw new SpecLoadException(
          SpecLoadException.Reason.UNSUPPORTED_REF,
          sources.display(file),
          sources.display(file) + " and " + sources.display(other) + " would be placed alike");
    }
    return key;
  }

  /**
   * The {@code x-bundled} tree: the placed parts in the order of their paths (so the text does not
   * depend on the order the references were met in), a part inside another one left out.
   */
  ObjectNode assemble() {
    List<List<String>> paths = new ArrayList<>(placed.keySet());
    paths.sort(BundledParts::compare);
    ObjectNode top = JsonNodeFactory.instance.objectNode();
    Set<List<String>> done = new HashSet<>();
    for (List<String> path : paths) {
      if (insideDone(path, done)) {
        continue;
      }
      ObjectNode parent = top;
      for (String segment : path.subList(0, path.size() - 1)) {
        JsonNode child = parent.get(segment);
        if (child == null) {
          child = JsonNodeFactory.instance.objectNode();
          parent.set(segment, child);
        }
        parent = (ObjectNode) child;
      }
      parent.set(path.get(path.size() - 1), placed.get(path));
      done.add(path);
    }
    return top;
  }

  private static boolean insideDone(List<String> path, Set<List<String>> done) {
    for (int i = 1; i < path.size(); i++) {
      if (done.contains(path.subList(0, i))) {
        return true;
      }
    }
    return false;
  }

  /** Segment by segment; numbers by value; a path before the paths below it. */
  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      int c =
          SpecPointer.isIndex(x) && SpecPointer.isIndex(y)
              ? Long.compare(Long.parseLong(x), Long.parseLong(y))
              : x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
