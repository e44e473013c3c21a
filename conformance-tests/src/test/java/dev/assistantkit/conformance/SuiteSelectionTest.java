package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.suite.api.SelectClasses;

class SuiteSelectionTest {

  @Test
  void the_surefire_suite_runs_exactly_the_check_classes_the_jar_runs() {
    SelectClasses selected = ConformanceSuiteTest.class.getAnnotation(SelectClasses.class);
    assertEquals(ConformanceSuite.CHECK_CLASSES, List.of(selected.value()));
  }
}
