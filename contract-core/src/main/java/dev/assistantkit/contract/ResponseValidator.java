package dev.assistantkit.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a response of the operation: a declared status, a JSON body matching that status's schema,
 * and a {@code data.assistant_id} equal to the path's.
 */
public final class ResponseValidator {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RuleCatalogue rules;
  private final Map<Integer, Schema> bodySchemas = new HashMap<>();

  ResponseValidator(SpecDocument spec, RuleCatalogue rules, SchemaSet schemas) {
    this.rules = rules;
    for (int status : spec.declaredStatuses()) {
      bodySchemas.put(
          status,
          schemas.at(
              SpecDocument.OPERATION
                  + "/responses/"
                  + status
                  + "/content/application~1json/schema"));
    }
  }

  /**
   * @param status the HTTP status
   * @param contentType the Content-Type header, or null
   * @param body the body bytes
   * @param pathAssistantId the assistant_id the request named
   */
  public ValidationReport check(
      int status, String contentType, byte[] body, String pathAssistantId) {
    List<Violation> found = new ArrayList<>();
    Schema schema = bodySchemas.get(status);
    if (schema == null) {
      found.add(violation("response.status-declared", Part.BODY, "", "HTTP " + status));
      return ValidationReport.of(found);
    }
    String bodyRule = status == 200 ? "response.success-body" : "response.error-body";
    String type =
        contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json")
        && !(type.startsWith("application/") && type.endsWith("+json"))) {
      found.add(
          violation(
              status == 200 ? "response.json" : bodyRule,
              Part.HEADER,
              "/Content-Type",
              type.isEmpty() ? "no Content-Type" : "Content-Type " + type));
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JacksonException e) {
      found.add(violation(bodyRule, Part.BODY, "", "the body is not JSON"));
      return ValidationReport.of(found);
    }
    if (tree == null || tree.isMissingNode()) {
      found.add(violation(bodyRule, Part.BODY, "", "the body is empty"));
      return ValidationReport.of(found);
    }
    for (Error e : schema.validate(tree)) {
      String pointer = e.getInstanceLocation().toString();
      if (e.getProperty() != null && "required".equals(e.getKeyword())) {
        pointer = pointer + "/" + e.getProperty();
      }
      String msg = e.getMessage() == null ? "" : e.getMessage();
      int colon = msg.indexOf(": ");
      found.add(
          violation(bodyRule, Part.BODY, pointer, colon >= 0 ? msg.substring(colon + 2) : msg));
    }
    if (status == 200) {
      JsonNode id = tree.path("data").path("assistant_id");
      if (id.isString() && !id.asString().equalsIgnoreCase(pathAssistantId)) {
        found.add(
            violation(
                "response.assistant-id-echo",
                Part.BODY,
                "/data/assistant_id",
                clip(id.asString())));
      }
    }
    return ValidationReport.of(found);
  }

  private Violation violation(String ruleId, Part in, String pointer, String detail) {
    Rule rule = rules.get(ruleId);
    return rule.violation(
        in,
        pointer,
        rule.enforcedBy().get(0),
        Map.of("pointer", pointer.isEmpty() ? "the body" : pointer, "detail", detail));
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
