package dev.assistantkit.contract.rules;

import com.networknt.schema.Schema;
import dev.assistantkit.contract.spec.PathTemplate;
import dev.assistantkit.contract.spec.ResourceModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the spec, read from {@code paths}: everything the engine needs to judge a
 * request to it and its answer. Built once at load; immutable.
 */
public final class Operation {

  /**
   * A path parameter and its validator.
   *
   * @param name its name in the template
   * @param schemaLocation where its schema is
   * @param schema the validator
   */
  public record PathParameter(String name, String schemaLocation, Schema schema) {}

  /**
   * The request body the operation takes.
   *
   * @param required whether a request must have one
   * @param mediaTypes the media types it may have
   * @param schemaLocation where the JSON schema is
   * @param schema the validator
   */
  public record Body(
      boolean required, Set<String> mediaTypes, String schemaLocation, Schema schema) {}

  /** What the operation does to its resource. */
  public enum Action {
    /** Applies the body to the resource named by the path. */
    UPDATE,
    /** Answers with the resource named by the path. */
    READ
  }

  /**
   * The operation's resource and action, from {@code x-resource}.
   *
   * @param resource the resource
   * @param action update or read
   * @param idParameter the path parameter naming the resource
   * @param answerExample the success body before it is filled
   * @param fill JSON Pointer in the answer to its source ({@code path.<param>} or {@code resource})
   * @param fillLocation the spec location of the fill map (enforces the echo rules)
   */
  public record ResourceAction(
      ResourceModel resource,
      Action action,
      String idParameter,
      JsonNode answerExample,
      Map<String, String> fill,
      String fillLocation) {}

  /**
   * The decided limits of a request body ({@code x-request-limits}).
   *
   * @param maxBodyBytes the largest body accepted
   * @param maxNestingDepth the deepest nesting of arrays and objects
   * @param maxNumberLength the longest number literal
   * @param maxStringLength the longest string
   */
  public record RequestLimits(
      int maxBodyBytes, int maxNestingDepth, int maxNumberLength, int maxStringLength) {

    /** Limits of an operation that declares none: generous, never unbounded. */
    static final RequestLimits DEFAULT = new RequestLimits(1 << 20, 64, 1000, 1 << 20);
  }

  private final String id;
  private final String method;
  private final PathTemplate path;
  private final String location;
  private final List<PathParameter> pathParameters;
  private final Optional<Body> body;
  private final Map<Integer, Optional<Schema>> responses;
  private final boolean bearer;
  private final Optional<ResourceAction> resource;
  private final RequestLimits limits;
  private final RuleCatalogue rules;

  Operation(
      String id,
      String method,
      PathTemplate path,
      String location,
      List<PathParameter> pathParameters,
      Optional<Body> body,
      Map<Integer, Optional<Schema>> responses,
      boolean bearer,
      Optional<ResourceAction> resource,
      RequestLimits limits,
      RuleCatalogue rules) {
    this.id = id;
    this.method = method;
    this.path = path;
    this.location = location;
    this.pathParameters = List.copyOf(pathParameters);
    this.body = body;
    this.responses = Map.copyOf(responses);
    this.bearer = bearer;
    this.resource = resource;
    this.limits = limits;
    this.rules = rules;
  }

  /** The operationId. */
  public String id() {
    return id;
  }

  /** The method, upper case. */
  public String method() {
    return method;
  }

  public String pathTemplate() {
    return path.template();
  }

  public PathTemplate path() {
    return path;
  }

  /**
   * The operation's spec location, e.g. {@code #/paths/~1assistant~1update~1{assistant_id}/patch}.
   */
  public String location() {
    return location;
  }

  public List<PathParameter> pathParameters() {
    return pathParameters;
  }

  public Optional<Body> body() {
    return body;
  }

  /** Whether the operation takes a body at all. */
  public boolean hasBody() {
    return body.isPresent();
  }

  /** The request body's schema location, if it takes a JSON body. */
  public Optional<String> bodySchemaLocation() {
    return body.map(Body::schemaLocation);
  }

  /** The statuses it declares, ascending. */
  public Set<Integer> declaredStatuses() {
    return new java.util.TreeSet<>(responses.keySet());
  }

  public Optional<Schema> responseSchema(int status) {
    return responses.getOrDefault(status, Optional.empty());
  }

  /** The lowest 2xx it declares (200 if it declares none). */
  public int successStatus() {
    return responses.keySet().stream().filter(s -> s / 100 == 2).min(Integer::compare).orElse(200);
  }

  /** Whether it takes bearer credentials. */
  public boolean bearer() {
    return bearer;
  }

  public Optional<ResourceAction> resource() {
    return resource;
  }

  /** Whether a request it accepts changes state (a conformant server applies it). */
  public boolean writes() {
    return resource.map(r -> r.action() == Action.UPDATE).orElse(!method.equals("GET"));
  }

  public RequestLimits limits() {
    return limits;
  }

  /** The operation's own rule catalogue. */
  public RuleCatalogue rules() {
    return rules;
  }

  @Override
  public String toString() {
    return method + " " + path.template() + " (" + id + ")";
  }
}
