package dev.assistantkit.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core is pure (no HTTP server, no HTTP client, no test framework), and its parts show: reading
 * the spec ({@code spec}), rules and catalogue ({@code rules}), evaluation, judging, answers and
 * masking, entered only through the {@link Contract} facade, which no part reaches back into.
 */
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

  /**
   * Only the engine validates: the schema library is used by its validating classes alone (the data
   * generator's CandidateValidator checks each candidate it makes).
   */
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
          .and()
          // the operation's parts hold their validators
          .haveNameNotMatching(".*\\.rules\\.(Parameter|MediaType|Response|Body)(\\$.*)?")
          .and()
          .doNotHaveSimpleName("CandidateValidator")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.networknt..");

  @ArchTest
  static final ArchRule no_part_reaches_back_into_the_facade =
      noClasses()
          .that()
          .resideInAPackage("dev.assistantkit.contract.(*)..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Contract.class);

  @ArchTest
  static final ArchRule the_parts_depend_on_each_other_without_cycles =
      slices().matching("dev.assistantkit.contract.(*)..").should().beFreeOfCycles();

  /** Reading the spec knows nothing of rules, decisions, judgements or answers. */
  @ArchTest
  static final ArchRule reading_the_spec_is_the_bottom_layer =
      noClasses()
          .that()
          .resideInAPackage("dev.assistantkit.contract.spec..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.assistantkit.contract.rules..",
              "dev.assistantkit.contract.evaluation..",
              "dev.assistantkit.contract.judging..",
              "dev.assistantkit.contract.answers..",
              "dev.assistantkit.contract.masking..");

  /** Values travel as arguments: no hidden hand-off between classes through a thread. */
  @ArchTest
  static final ArchRule no_thread_local_in_main_code =
      noClasses().should().dependOnClassesThat().belongToAnyOf(ThreadLocal.class);
}
