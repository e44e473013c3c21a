package dev.assistantkit.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core is pure: no HTTP server, no HTTP client, no test framework. */
@AnalyzeClasses(
    packages = "dev.assistantkit.contract",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_knows_no_adapter =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.github.tomakehurst..",
              "org.wiremock..",
              "io.restassured..",
              "org.eclipse.jetty..",
              "org.junit..",
              "com.fasterxml.jackson..",
              "dev.assistantkit.mock..",
              "dev.assistantkit.conformance..");

  /** Only the engine validates: the schema library is used by its validating classes alone. */
  @ArchTest
  static final ArchRule only_the_engine_validates =
      noClasses()
          .that()
          .doNotHaveSimpleName("Evaluator")
          .and()
          .doNotHaveSimpleName("ResponseChecks")
          .and()
          .doNotHaveSimpleName("ErrorMapper")
          .and()
          .doNotHaveSimpleName("SchemaSet")
          .and()
          .doNotHaveSimpleName("Operation")
          .and()
          .haveNameNotMatching(".*(Operation|Evaluator)\\$.*")
          .and()
          .doNotHaveSimpleName("OperationParser")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.networknt..");
}
