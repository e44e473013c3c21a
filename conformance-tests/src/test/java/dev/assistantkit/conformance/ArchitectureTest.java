package dev.assistantkit.conformance;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import org.junit.jupiter.api.Test;

/** The suite's main code keeps to the contract core and the mock's public face. */
class ArchitectureTest {

  private static final JavaClasses SUITE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.assistantkit.conformance");

  @Test
  void the_suite_uses_the_mock_only_through_mock_server_and_mock_config() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.assistantkit.mock..")
                .and(not(belongToAnyOf(MockServer.class, MockConfig.class))))
        .check(SUITE);
  }

  @Test
  void the_suite_never_turns_on_rest_assured_logging_which_would_print_the_key() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.restassured.specification.RequestLogSpecification")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.restassured.filter.log.RequestLoggingFilter")
        .check(SUITE);
  }
}
