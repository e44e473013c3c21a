package dev.assistantkit.contract.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a walk is in one file: a chain of segments, built as the walk goes down and turned into a
 * pointer only when a message needs one.
 *
 * @param parent the trail above, null at the top
 * @param segment the last segment, null at the top
 */
record RefTrail(RefTrail parent, String segment) {

  static final RefTrail TOP = new RefTrail(null, null);

  static RefTrail of(List<String> segments) {
    RefTrail t = TOP;
    for (String s : segments) {
      t = t.then(s);
    }
    return t;
  }

  RefTrail then(String next) {
    return new RefTrail(this, next);
  }

  /** The {@code #/a/b} pointer of this place. */
  String pointer() {
    List<String> segments = new ArrayList<>();
    for (RefTrail t = this; t.parent != null; t = t.parent) {
      segments.add(0, t.segment);
    }
    return "#" + SpecPointer.of(segments);
  }
}
