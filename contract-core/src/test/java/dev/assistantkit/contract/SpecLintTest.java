package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The spec lints clean with swagger-parser and declares what the page documents. */
class SpecLintTest {

  @Test
  void swagger_parser_reads_the_spec_without_a_single_message() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readLocation("../openapi.yaml", null, options);
    assertNotNull(result.getOpenAPI(), "not parsed");
    assertEquals(List.of(), result.getMessages());
    assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
    var op = result.getOpenAPI().getPaths().get("/assistant/update/{assistant_id}").getPatch();
    assertEquals(Set.of("200", "400", "401", "404", "500"), op.getResponses().keySet());
    assertEquals("bearerAuth", op.getSecurity().get(0).keySet().iterator().next());
    assertEquals(
        "bearer",
        result.getOpenAPI().getComponents().getSecuritySchemes().get("bearerAuth").getScheme());
  }

  @Test
  void every_field_of_the_page_is_in_the_request_schema() {
    var props =
        Fixtures.CONTRACT
            .spec()
            .node("#/components/schemas/AssistantUpdateRequest/properties")
            .orElseThrow();
    // the page's table, field by field: a test says why this Java names the page's fields
    for (String field :
        List.of(
            "assistant_name",
            "assistant_description",
            "assistant_prompt",
            "assistant_llm_mode",
            "assistant_start_instruction",
            "assistant_interaction_config",
            "assistant_end_call_enabled",
            "assistant_end_call_trigger_phrase",
            "assistant_end_call_agent_message",
            "assistant_end_call_url",
            "assistant_tts_model",
            "assistant_tts_config",
            "assistant_llm_config")) {
      assertTrue(props.has(field), field);
    }
    assertEquals(Set.of("api_key"), Fixtures.CONTRACT.secrets().writeOnly());
    assertTrue(Fixtures.CONTRACT.secrets().isSecret("apiKey"));
    assertTrue(Fixtures.CONTRACT.secrets().isSecret("PASSWORD"));
  }

  @Test
  void the_spec_declares_no_json_schema_dialect_so_that_prism_validates_bodies() {
    assertTrue(Fixtures.CONTRACT.spec().node("#/jsonSchemaDialect").isEmpty());
  }
}
