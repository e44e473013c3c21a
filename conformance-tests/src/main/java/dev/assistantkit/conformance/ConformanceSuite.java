package dev.assistantkit.conformance;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;

/** The check classes that make up the suite, and how to tell their tests in a test plan. */
public final class ConformanceSuite {

  /**
   * In the order they run: catalogue cases, derived cases, the fuzz (against a server), recorded
   * traffic (with --har; the others then have no checks).
   */
  public static final List<Class<?>> CHECK_CLASSES =
      List.of(
          CatalogueChecks.class,
          DerivedChecks.class,
          FuzzChecks.class,
          RecordedTrafficChecks.class);

  private static final Set<String> NAMES =
      CHECK_CLASSES.stream().map(Class::getName).collect(Collectors.toUnmodifiableSet());

  private ConformanceSuite() {}

  /** Is this test (or container) part of a check class, in whatever engine or suite it runs? */
  public static boolean isCheck(TestIdentifier id) {
    for (UniqueId.Segment s : id.getUniqueIdObject().getSegments()) {
      if (s.getType().equals("class") && NAMES.contains(s.getValue())) {
        return true;
      }
    }
    return false;
  }
}
