package dev.assistantkit.contract.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code openapi} field decides the version; anything but 3.0.x and 3.1.x is refused. */
class BundleVersionTest {

  private static final String REST = "\ninfo: {title: t, version: '1'}\npaths: {}\n";

  @ParameterizedTest
  @CsvSource({"3.0.0, V3_0", "3.0.3, V3_0", "3.0.4, V3_0", "3.1.0, V3_1", "3.1.2, V3_1"})
  void openapi_3_0_and_3_1_are_recognised(String field, OpenApiVersion version) {
    assertEquals(version, SpecDocument.fromYaml("openapi: " + field + REST).version());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "swagger: '2.0'",
        "swagger: \"2.0\"\nopenapi: 3.0.0x",
        "openapi: 3.2.0",
        "openapi: 3.1",
        "openapi: 3",
        "openapi: '2.0'",
        "openapi: [3.1.0]",
        "info2: {}"
      })
  void other_versions_are_refused_naming_the_field(String head) {
    SpecLoadException e =
        assertThrows(SpecLoadException.class, () -> SpecDocument.fromYaml(head + REST));
    assertEquals(SpecLoadException.Reason.UNSUPPORTED_VERSION, e.reason());
    assertTrue(
        e.getMessage().contains("'openapi'") || e.getMessage().contains("'swagger'"),
        e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void swagger_2_is_told_to_convert() {
    SpecLoadException e =
        assertThrows(SpecLoadException.class, () -> SpecDocument.fromYaml("swagger: '2.0'" + REST));
    assertEquals("#/swagger", e.where());
    assertTrue(e.getMessage().contains("Swagger 2.0"), e.getMessage());
  }
}
