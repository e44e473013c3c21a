package dev.assistantkit.mock;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.mock.engine.MockEngine;
import dev.assistantkit.mock.proxy.ProxyRoad;
import dev.assistantkit.mock.recorder.Recorder;
import dev.assistantkit.testsupport.JavaSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The house: one road per request, seen in the packages. The door ({@code door}) hands each request
 * to one gate ({@code gate}), which chooses the engine ({@code engine}), the mock's own endpoints
 * ({@code tools}), the proxy ({@code proxy}) or the WireMock adapter ({@code wiremock}); the
 * recorder ({@code recorder}) keeps every answer. The mock decides only through the contract
 * engine, validates nothing with a schema library of its own, and names no field of the page.
 */
class ArchitectureTest {

  private static final JavaClasses MOCK =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.assistantkit.mock");

  @Test
  void the_mock_validates_only_through_the_engine() {
    noClasses().should().dependOnClassesThat(resideInAPackage("com.networknt..")).check(MOCK);
  }

  @Test
  void only_the_mock_engine_asks_the_contract_for_the_mocks_decision() {
    noClasses()
        .that(not(nameMatching(MockEngine.class.getName())))
        .should()
        .callMethod(Contract.class, "evaluate", ApiRequest.class, Knowledge.class)
        .check(MOCK);
  }

  @Test
  void only_the_traffic_judges_predict_what_a_server_answers() {
    noClasses()
        .that(
            not(
                nameMatching(
                    Pattern.quote(Recorder.class.getName())
                        + "(\\$.*)?|"
                        + Pattern.quote(ProxyRoad.class.getName())
                        + "(\\$.*)?")))
        .should()
        .callMethod(Contract.class, "predict", ApiRequest.class, Knowledge.class)
        .check(MOCK);
  }

  /** WireMock is one adapter: only it, and the composition root that hands it out, know it. */
  @Test
  void nothing_outside_the_adapter_knows_wiremock() {
    noClasses()
        .that(
            not(resideInAPackage("dev.assistantkit.mock.wiremock.."))
                .and(not(nameMatching(Pattern.quote(MockServer.class.getName())))))
        .should()
        .dependOnClassesThat(resideInAnyPackage("com.github.tomakehurst..", "org.wiremock.."))
        .check(MOCK);
  }

  /** The door reads, bounds and masks: it knows no road, no engine and no contract decision. */
  @Test
  void the_door_knows_no_road_and_no_engine() {
    noClasses()
        .that(resideInAPackage("dev.assistantkit.mock.door.."))
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                "dev.assistantkit.mock.gate..",
                "dev.assistantkit.mock.engine..",
                "dev.assistantkit.mock.tools..",
                "dev.assistantkit.mock.proxy..",
                "dev.assistantkit.mock.wiremock..",
                "dev.assistantkit.mock.recorder..",
                "dev.assistantkit.contract.evaluation..",
                "dev.assistantkit.contract.judging..",
                "dev.assistantkit.contract.rules.."))
        .check(MOCK);
  }

  /** Only the gate chooses a road: no road knows another, and the recorder knows none. */
  @Test
  void roads_know_no_other_road() {
    List<String> roads =
        List.of("engine", "tools", "proxy", "wiremock", "recorder").stream()
            .map(r -> "dev.assistantkit.mock." + r + "..")
            .toList();
    for (String road : roads) {
      String[] others =
          roads.stream()
              .filter(o -> !o.equals(road))
              // every road hands its answers to the recorder; tools read the engine's store
              .filter(o -> !o.endsWith(".recorder.."))
              .filter(o -> !(road.endsWith(".tools..") && o.endsWith(".engine..")))
              .toArray(String[]::new);
      noClasses()
          .that(resideInAPackage(road))
          .should()
          .dependOnClassesThat(resideInAnyPackage(others))
          .check(MOCK);
    }
  }

  @Test
  void the_packages_depend_on_each_other_without_cycles() {
    slices().matching("dev.assistantkit.mock.(*)..").should().beFreeOfCycles().check(MOCK);
  }

  /** Values travel as arguments: no hidden hand-off between classes through a thread. */
  @Test
  void no_thread_local_in_main_code() {
    noClasses().should().dependOnClassesThat().belongToAnyOf(ThreadLocal.class).check(MOCK);
  }

  /** Words of the page: field names, the mode and provider names, the path. */
  private static final Pattern PAGE =
      Pattern.compile(
          "\"assistant_|voice_id|speaks_first|\"pipeline\"|\"realtime\"|elevenlabs|cartesia"
              + "|sarvam|mistral|\"/assistant/update|550e8400");

  @Test
  void no_field_or_value_of_the_page_is_written_in_the_mocks_java() throws IOException {
    List<String> found = JavaSources.linesMatching(Path.of("src/main/java"), PAGE);
    org.junit.jupiter.api.Assertions.assertEquals(List.of(), found);
  }
}
