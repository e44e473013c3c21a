package dev.assistantkit.mock;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.testsupport.JavaSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One decision path: the mock decides only through the contract engine (one class calls evaluate),
 * validates nothing with a schema library of its own, and names no field of the page.
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
                    TrafficRecorder.class.getName() + "|" + ProxyForwarder.class.getName())))
        .should()
        .callMethod(Contract.class, "predict", ApiRequest.class, Knowledge.class)
        .check(MOCK);
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
