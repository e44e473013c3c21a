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
}
