package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every type name of the kit's main code means one thing: no two types, top-level or nested, in the
 * core, the mock or the suite share a simple name (the generated models aside).
 */
class TypeNamesTest {

  @Test
  void no_type_name_is_used_twice() {
    Map<String, List<String>> byName =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(
                    "dev.assistantkit.contract",
                    "dev.assistantkit.mock",
                    "dev.assistantkit.conformance")
                .stream()
                .filter(c -> !c.isAnonymousClass() && !c.getSimpleName().isEmpty())
                .filter(c -> !c.getName().contains("$$"))
                .collect(
                    Collectors.groupingBy(
                        JavaClass::getSimpleName,
                        TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
    Map<String, List<String>> twice = new TreeMap<>();
    byName.forEach(
        (name, classes) -> {
          if (classes.size() > 1) {
            twice.put(name, classes);
          }
        });
    assertEquals(Map.of(), twice);
  }
}
