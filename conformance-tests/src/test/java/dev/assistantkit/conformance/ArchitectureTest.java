package dev.assistantkit.conformance;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.assistantkit.testsupport.JavaSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The suite's main code judges nothing itself and knows no API: validation only through the engine,
 * no mock (it is found at run time), no field of the page in its Java.
 */
class ArchitectureTest {

  private static final JavaClasses SUITE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.assistantkit.conformance");

  @Test
  void the_suite_validates_only_through_the_contract_engine_never_with_a_schema_library() {
    noClasses().should().dependOnClassesThat(resideInAPackage("com.networknt..")).check(SUITE);
  }

  /**
   * The suite carries no mock: without a base URL it finds one through the ServiceLoader
   * (ReferenceMock), so its jar holds neither the mock nor WireMock nor Jetty.
   */
  @Test
  void the_suites_main_code_knows_no_mock_and_no_wiremock_or_jetty() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                "dev.assistantkit.mock..",
                "com.github.tomakehurst..",
                "org.wiremock..",
                "org.eclipse.jetty.."))
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

  @Test
  void the_suite_predicts_and_judges_and_never_asks_the_mocks_decision() {
    // evaluate() is the mock's call (full knowledge, mock controls honoured); the suite predicts
    noClasses()
        .should()
        .callMethod(
            dev.assistantkit.contract.Contract.class,
            "evaluate",
            dev.assistantkit.contract.spec.ApiRequest.class,
            dev.assistantkit.contract.evaluation.Knowledge.class)
        .check(SUITE);
  }

  /** Values travel as arguments: no hidden hand-off between classes through a thread. */
  @Test
  void no_thread_local_in_main_code() {
    noClasses().should().dependOnClassesThat().belongToAnyOf(ThreadLocal.class).check(SUITE);
  }

  /** Words of the page: every field name, the mode and provider names, the path. */
  private static final Pattern PAGE =
      Pattern.compile(
          "assistant_|voice_id|speaks_first|\\bpipeline\\b|\\brealtime\\b|elevenlabs|cartesia"
              + "|sarvam|mistral|/assistant/update|550e8400");

  @Test
  void no_field_or_value_of_the_page_is_written_in_the_suites_java() throws IOException {
    List<String> found = JavaSources.linesMatching(Path.of("src/main/java"), PAGE);
    assertEquals(List.of(), found);
  }
}
