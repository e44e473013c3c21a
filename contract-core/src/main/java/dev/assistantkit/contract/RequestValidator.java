package dev.assistantkit.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks update requests against the spec, stage by stage. Each stage returns a report and never
 * throws for bad input; the order of stages is the contract's (see {@link Contract#evaluate}).
 */
public final class RequestValidator {

  private static final Pattern BEARER = Pattern.compile("(?i)bearer +([^ ]+) *");
  private static final String CONTEXT = "#/components/schemas/AssistantUpdateInContext";

  private final SpecDocument spec;
  private final RuleCatalogue rules;
  private final BodyParser parser;
  private final Schema bodySchema;
  private final Schema idSchema;
  private final Schema contextSchema;
  private final java.util.Set<String> mediaTypes;
  private final boolean bodyRequired;
  private final Optional<java.util.Set<String>> stateKeys;

  RequestValidator(SpecDocument spec, RuleCatalogue rules, SchemaSet schemas) {
    this.spec = spec;
    this.rules = rules;
    this.parser = new BodyParser(spec.limits(), rules);
    this.bodySchema =
        schemas.at(SpecDocument.OPERATION + "/requestBody/content/application~1json/schema");
    this.idSchema = schemas.at("#/components/parameters/AssistantId/schema");
    this.contextSchema = schemas.at(CONTEXT);
    this.mediaTypes = spec.requestMediaTypes();
    this.bodyRequired = spec.requestBodyRequired();
    this.stateKeys = stateKeys(spec);
  }

  /** Stage 1: credentials. The token is handed to {@code keyAccepted} and appears nowhere else. */
  public ValidationReport checkCredentials(ContractRequest request, Predicate<String> keyAccepted) {
    Optional<String> header = request.header("Authorization");
    String detail;
    if (header.isEmpty()) {
      detail = "the Authorization header is missing";
    } else {
      Matcher m = BEARER.matcher(header.get());
      if (!m.matches()) {
        detail = "the Authorization header is not of the form Bearer <your_api_key>";
      } else if (!keyAccepted.test(m.group(1))) {
        detail = "the bearer token is not a key this server accepts";
      } else {
        return ValidationReport.empty();
      }
    }
    Rule rule = rules.get("auth.bearer");
    Violation v = rule.violation(Part.HEADER, "/Authorization", rule.enforcedBy().get(0), Map.of());
    return ValidationReport.of(
        new Violation(
            v.ruleId(),
            v.origin(),
            v.level(),
            v.status(),
            v.in(),
            v.pointer(),
            v.schemaLocation(),
            detail + "; " + v.message()));
  }

  /** The path parameter alone: is this a valid assistant_id? */
  public ValidationReport checkAssistantId(String assistantId) {
    List<Violation> found = new ArrayList<>();
    for (Error e : idSchema.validate(JsonNodeFactory.instance.stringNode(assistantId))) {
      found.add(toViolation(e, Part.PATH, "/assistant_id", ""));
    }
    return ValidationReport.of(distinct(found));
  }

  /**
   * Stage 2: the request on its own: path parameter, media type, JSON syntax and limits, and the
   * body schema. Every violation found is reported, not only the first.
   */
  public RequestCheck checkRequest(ContractRequest request) {
    List<Violation> found = new ArrayList<>();
    JsonNode id = JsonNodeFactory.instance.stringNode(request.assistantId());
    for (Error e : idSchema.validate(id)) {
      found.add(toViolation(e, Part.PATH, "/assistant_id", ""));
    }
    Optional<Violation> media = checkMediaType(request.header("Content-Type"));
    media.ifPresent(found::add);
    if (request.body().length == 0 && bodyRequired) {
      Rule rule = rules.get("body.required");
      found.add(rule.violation(Part.BODY, "", rule.enforcedBy().get(0), Map.of()));
      return new RequestCheck(ValidationReport.of(found), null);
    }
    if (media.isPresent()) {
      // a body of another media type is not read as JSON
      return new RequestCheck(ValidationReport.of(found), null);
    }
    BodyParser.Parsed parsed = parser.parse(request.body());
    if (parsed.violation() != null) {
      found.add(parsed.violation());
      return new RequestCheck(ValidationReport.of(found), null);
    }
    for (Error e : bodySchema.validate(parsed.tree())) {
      found.add(toViolation(e, Part.BODY, null, ""));
    }
    return new RequestCheck(ValidationReport.of(distinct(found)), parsed.tree());
  }

  /**
   * Stage 4 (after the assistant was found): the rules that depend on the assistant's mode before
   * the update, written in the spec as {@code AssistantUpdateInContext}.
   *
   * @param check a passed {@link #checkRequest} result
   * @param currentMode the assistant's mode before the update
   */
  public ValidationReport checkAgainstState(RequestCheck check, String currentMode) {
    if (!check.passed() || check.body().isEmpty()) {
      throw new IllegalArgumentException(
          "checkAgainstState needs a request that passed checkRequest");
    }
    JsonNode body = check.body().get();
    if (stateKeys.isPresent() && stateKeys.get().stream().noneMatch(body::has)) {
      return ValidationReport.empty(); // the state rules constrain none of the fields sent
    }
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    context.put("current_llm_mode", currentMode);
    context.set("update", check.body().get());
    List<Violation> found = new ArrayList<>();
    for (Error e : contextSchema.validate(context)) {
      found.add(toViolation(e, Part.BODY, null, "/update"));
    }
    return ValidationReport.of(distinct(found));
  }

  /**
   * The body fields the state rules constrain, read from the spec: when every {@code then} of
   * AssistantUpdateInContext only constrains properties of {@code update}, a body naming none of
   * them cannot break a state rule, and validating it can be skipped. Empty when the spec's state
   * rules have any other shape (then every body is validated).
   */
  private static Optional<java.util.Set<String>> stateKeys(SpecDocument spec) {
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (String at : spec.expand(CONTEXT + "/allOf/*/then")) {
      JsonNode then = spec.require(at);
      JsonNode update = then.path("properties").path("update");
      if (then.size() != 1
          || then.path("properties").size() != 1
          || update.size() != 1
          || !update.path("properties").isObject()) {
        return Optional.empty();
      }
      update.path("properties").propertyNames().forEach(keys::add);
    }
    return keys.isEmpty() ? Optional.empty() : Optional.of(java.util.Set.copyOf(keys));
  }

  /** One violation per rule and place: two keywords of one rule at one value say the same. */
  private static List<Violation> distinct(List<Violation> found) {
    Map<String, Violation> seen = new java.util.LinkedHashMap<>();
    for (Violation v : found) {
      seen.putIfAbsent(v.ruleId() + " " + v.in() + " " + v.pointer(), v);
    }
    return List.copyOf(seen.values());
  }

  private Optional<Violation> checkMediaType(Optional<String> contentType) {
    String detail = null;
    if (contentType.isEmpty() || contentType.get().isBlank()) {
      detail = "no Content-Type";
    } else {
      String[] parts = contentType.get().split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (!mediaTypes.contains(type)) {
        detail = "Content-Type " + clip(type);
      } else {
        for (int i = 1; i < parts.length; i++) {
          String[] kv = parts[i].trim().split("=", 2);
          if (kv.length == 2
              && kv[0].trim().equalsIgnoreCase("charset")
              && !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
            detail = "charset " + clip(kv[1].trim());
          }
        }
      }
    }
    if (detail == null) {
      return Optional.empty();
    }
    Rule rule = rules.get("body.content-type");
    Violation v = rule.violation(Part.HEADER, "/Content-Type", rule.enforcedBy().get(0), Map.of());
    return Optional.of(
        new Violation(
            v.ruleId(),
            v.origin(),
            v.level(),
            v.status(),
            v.in(),
            v.pointer(),
            v.schemaLocation(),
            v.message() + " (got " + detail + ")"));
  }

  private static String clip(String s) {
    String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
    return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
  }

  /** Maps one networknt error to the catalogue rule that owns its schema location. */
  private Violation toViolation(Error e, Part in, String fixedPointer, String instancePrefix) {
    String location = SchemaSet.location(e);
    String instancePointer = e.getInstanceLocation().toString();
    if (!instancePrefix.isEmpty() && instancePointer.startsWith(instancePrefix)) {
      instancePointer = instancePointer.substring(instancePrefix.length());
    }
    String property = e.getProperty();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    boolean namesChild =
        property != null
            && (keyword.equals("required")
                || keyword.equals("dependentRequired")
                || keyword.equals("additionalProperties"));
    String pointer =
        fixedPointer != null
            ? fixedPointer
            : namesChild ? instancePointer + "/" + SpecPointer.escape(property) : instancePointer;
    Map<String, String> values = new HashMap<>();
    values.put("pointer", pointer.isEmpty() ? "the body" : pointer);
    values.put("property", property != null ? property : lastSegment(pointer));
    values.put("missing", missing(e));
    values.put("detail", detail(e));
    Optional<Rule> rule = rules.ruleFor(location, e.getInstanceNode());
    if (rule.isEmpty()) {
      // Unreachable while RuleCatalogue.verify passes; reported, never thrown, never a 500.
      return new Violation(
          "contract.unmapped",
          Origin.DECIDED,
          Level.ERROR,
          400,
          in,
          pointer,
          location,
          "the request breaks " + location + ": " + detail(e));
    }
    if (keyword.equals("dependentRequired") && property != null) {
      // networknt names the field that was sent; point at the one that is missing
      String absent = otherArgument(e, property);
      values.put("missing", absent);
      pointer = instancePointer + "/" + SpecPointer.escape(absent);
      values.put("pointer", pointer);
    }
    return rule.get().violation(in, pointer, location, values);
  }

  private static String otherArgument(Error e, String sent) {
    Object[] args = e.getArguments();
    if (args != null) {
      for (Object a : args) {
        String s = a == null ? "" : a.toString().replaceAll("^\\[|]$", "");
        if (!s.isEmpty() && !s.equals(sent) && !s.contains(",")) {
          return s;
        }
      }
    }
    return "its partner";
  }

  private static String missing(Error e) {
    return e.getProperty() != null ? e.getProperty() : "a required field";
  }

  private static String detail(Error e) {
    String m = e.getMessage();
    if (m == null) {
      return "";
    }
    int colon = m.indexOf(": ");
    return colon >= 0 && m.startsWith("/") || m.startsWith(": ") ? m.substring(colon + 2) : m;
  }

  private static String lastSegment(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash < 0 ? pointer : pointer.substring(slash + 1);
  }
}
