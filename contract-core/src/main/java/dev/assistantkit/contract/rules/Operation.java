package dev.assistantkit.contract.rules;

import com.networknt.schema.Schema;
import dev.assistantkit.contract.spec.PathTemplate;
import dev.assistantkit.contract.spec.ResourceModel;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the spec, read from {@code paths}: everything the engine needs to judge a
 * request to it and its answer. Built once at load; immutable.
 */
public final class Operation {

  /** What the operation does to its resource. */
  public enum Action {
    /** Applies the body to the resource named by the path. */
    UPDATE,
    /** Answers with the resource named by the path. */
    READ,
    /** Stores the body as a new resource of the collection ({@code --stateful}). */
    CREATE,
    /** Answers with every resource of the collection ({@code --stateful}). */
    LIST,
    /** Replaces the resource named by the path with the body ({@code --stateful}). */
    REPLACE,
    /** Removes the resource named by the path ({@code --stateful}). */
    DELETE;

    /** Whether the action names one resource by a path parameter (else: the collection). */
    public boolean itemScoped() {
      return this != CREATE && this != LIST;
    }

    /** Whether an accepted request changes what the store holds. */
    public boolean writes() {
      return this != READ && this != LIST;
    }
  }

  /**
   * The operation's resource and action, from {@code x-resource}.
   *
   * @param resource the resource
   * @param action update or read
   * @param idParameter the path parameter naming the resource; empty for an action on a
   *     collection's path that names one by its body ({@link #resourceId})
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
      String fillLocation) {

    /**
     * The id of the resource a request names: its item path parameter; for an action on the
     * collection's own path ({@code PUT /pet} with the pet in the body, as swagger-petstore updates
     * a pet), the id property of the JSON body, "" when it has none.
     */
    public String resourceId(Map<String, String> parameters, byte[] body) {
      if (!idParameter.isEmpty()) {
        return parameters.getOrDefault(idParameter, "");
      }
      try {
        JsonNode n = dev.assistantkit.contract.spec.JsonMappers.plain().readTree(body);
        if (n instanceof tools.jackson.databind.node.ObjectNode o) {
          n = resource.unwrap(o);
        }
        JsonNode id = n == null ? null : n.get(resource.idProperty());
        return id != null && (id.isString() || id.isIntegralNumber()) ? id.asString() : "";
      } catch (tools.jackson.core.JacksonException notJson) {
        return "";
      }
    }

    /**
     * The collection a request acts on, as the store keys it: the resource's, or for a resource
     * nested under another's item, the one the parents' path values name ({@link
     * ResourceModel#collectionOf}).
     */
    public String collection(Map<String, String> parameters) {
      return resource.collectionOf(parameters);
    }

    /** Where a request names its resource: the path parameter, or the body's id property. */
    public String idPointer() {
      return "/" + (idParameter.isEmpty() ? resource.idProperty() : idParameter);
    }

    /** The part of a request that names its resource. */
    public Part idPart() {
      return idParameter.isEmpty() ? Part.BODY : Part.PATH;
    }
  }

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

  /**
   * The status a request that breaks one of the document's rules gets, when no catalogue names
   * another: 400 if the operation declares it, else 422, else its lowest declared 4xx other than
   * 401 and 403 (which speak of credentials); a declared {@code 4XX} range or {@code default} only,
   * or nothing at all, gets the decided 400.
   *
   * @param status the status
   * @param origin documented when the operation declares that very status, decided otherwise
   */
  public record ClientError(int status, Origin origin) {}

  private final String id;
  private final String method;
  private final PathTemplate path;
  private final String location;
  private final List<Parameter> parameters;
  private final Optional<Body> body;
  private final List<Response> responses;
  private final Security security;
  private final Optional<ResourceAction> resource;
  private final RequestLimits limits;
  private final RuleCatalogue rules;
  // read on every request (the success status, the response checks): made once
  private final Set<Integer> declaredStatuses;
  private final int successStatus;

  Operation(
      String id,
      String method,
      PathTemplate path,
      String location,
      List<Parameter> parameters,
      Optional<Body> body,
      List<Response> responses,
      Security security,
      Optional<ResourceAction> resource,
      RequestLimits limits,
      RuleCatalogue rules) {
    this.id = id;
    this.method = method;
    this.path = path;
    this.location = location;
    this.parameters = List.copyOf(parameters);
    this.body = body;
    this.responses = List.copyOf(responses);
    this.security = security;
    this.resource = resource;
    this.limits = limits;
    this.rules = rules;
    this.declaredStatuses = exactStatuses(this.responses);
    int none = resource.filter(r -> r.action() == Action.CREATE).isPresent() ? 201 : 200;
    this.successStatus =
        declaredStatuses.stream().filter(s -> s / 100 == 2).findFirst().orElse(none);
  }

  private static Set<Integer> exactStatuses(List<Response> responses) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Response r : responses) {
      String key = r.key();
      if (key.length() == 3
          && key.charAt(0) >= '1'
          && key.charAt(0) <= '5'
          && isAsciiDigit(key.charAt(1))
          && isAsciiDigit(key.charAt(2))) {
        out.add(Integer.parseInt(key));
      }
    }
    return Collections.unmodifiableSortedSet(out);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The same operation with another catalogue (its own rules and the ones derived for it). */
  Operation withRules(RuleCatalogue newRules) {
    return new Operation(
        id,
        method,
        path,
        location,
        parameters,
        body,
        responses,
        security,
        resource,
        limits,
        newRules);
  }

  /** The same operation acting on a resource (an inferred one, {@code --stateful}). */
  Operation withResource(ResourceAction action) {
    return new Operation(
        id,
        method,
        path,
        location,
        parameters,
        body,
        responses,
        security,
        Optional.of(action),
        limits,
        rules);
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

  /** Every parameter, the path item's and the operation's, in the order written. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The path parameters. */
  public List<Parameter> pathParameters() {
    return parameters.stream().filter(p -> p.in() == Parameter.In.PATH).toList();
  }

  public Optional<Body> body() {
    return body;
  }

  /** Whether the operation takes a body at all. */
  public boolean hasBody() {
    return body.isPresent();
  }

  /** The request body's JSON schema location, if it takes a JSON body. */
  public Optional<String> bodySchemaLocation() {
    return body.flatMap(Body::schemaLocation);
  }

  /** The responses it declares, in the order written. */
  public List<Response> responses() {
    return responses;
  }

  /** The statuses it declares exactly (not by range or default), ascending. */
  public Set<Integer> declaredStatuses() {
    return declaredStatuses;
  }

  /** The response that covers a status: its own, else its range's, else the default. */
  public Optional<Response> response(int status) {
    Response best = null;
    for (Response r : responses) {
      if (r.covers(status) && (best == null || r.specificity() > best.specificity())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether the operation declares a status: exactly, by its range, or by a default. */
  public boolean declares(int status) {
    return response(status).isPresent();
  }

  /** The JSON schema of the answer of a status, if the response covering it has one. */
  public Optional<Schema> responseSchema(int status) {
    return response(status).flatMap(Response::json).flatMap(MediaType::schema);
  }

  /** The lowest 2xx it declares (if it declares none exactly: 201 for a create, else 200). */
  public int successStatus() {
    return successStatus;
  }

  /** The status a request breaking one of the document's rules gets (see {@link ClientError}). */
  public ClientError clientError() {
    ClientError known = clientError;
    if (known == null) {
      known = findClientError();
      clientError = known;
    }
    return known;
  }

  /** Read once per operation: rules ask for it on every violation of every request. */
  private volatile ClientError clientError;

  private volatile Set<Integer> clientErrorsAllowed;

  private ClientError findClientError() {
    Set<Integer> declared = declaredStatuses();
    if (declared.contains(400)) {
      return new ClientError(400, Origin.DOCUMENTED);
    }
    if (declared.contains(422)) {
      return new ClientError(422, Origin.DOCUMENTED);
    }
    return declared.stream()
        // 401 and 403 speak of credentials (RFC 9110), never of a request's content
        .filter(s -> s / 100 == 4 && s != 401 && s != 403)
        .findFirst()
        .map(s -> new ClientError(s, Origin.DOCUMENTED))
        .orElse(new ClientError(400, Origin.DECIDED));
  }

  /**
   * Every status a server following the document may answer for a client's mistake in a request's
   * content: each declared 4xx but 401, 403 and 404 (those speak of credentials and of what
   * exists), the operation's own {@link #clientError} always; and 400 and 422 both where the
   * document declares none of its own or only a range or a default, since then the document leaves
   * the status open. The rule's own status ({@link #clientError}) is the one the mock answers; this
   * set is what the documented profile accepts.
   */
  public Set<Integer> clientErrorsAllowed() {
    Set<Integer> known = clientErrorsAllowed;
    if (known == null) {
      known = findClientErrorsAllowed();
      clientErrorsAllowed = known;
    }
    return known;
  }

  private Set<Integer> findClientErrorsAllowed() {
    Set<Integer> out = new java.util.TreeSet<>();
    declaredStatuses().stream()
        .filter(s -> s / 100 == 4 && s != 401 && s != 403 && s != 404)
        .forEach(out::add);
    boolean open =
        out.isEmpty()
            || responses.stream()
                .anyMatch(
                    r -> r.key().equalsIgnoreCase("4XX") || r.key().equalsIgnoreCase("default"));
    if (open) {
      out.add(400);
      out.add(422);
    }
    out.add(clientError().status());
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * The status by which it says the resource it names (or the parent that resource lives under)
   * does not exist: 404 if it declares 404, else 410 if it declares 410, else the decided 404.
   */
  public int notFound() {
    Set<Integer> declared = declaredStatuses();
    return !declared.contains(404) && declared.contains(410) ? 410 : 404;
  }

  /**
   * Every status a server following the document may answer for a resource it does not hold: 404
   * and 410 both where the operation declares both, else its {@link #notFound} alone.
   */
  public Set<Integer> notFoundAllowed() {
    Set<Integer> declared = declaredStatuses();
    return declared.contains(404) && declared.contains(410) ? Set.of(404, 410) : Set.of(notFound());
  }

  /** What credentials it takes. */
  public Security security() {
    return security;
  }

  /** Whether it takes one bearer token and nothing else (the page's operation). */
  public boolean bearer() {
    return security.bearerOnly();
  }

  public Optional<ResourceAction> resource() {
    return resource;
  }

  /** Whether a request it accepts changes state (a conformant server applies it). */
  public boolean writes() {
    return resource.map(r -> r.action().writes()).orElse(!method.equals("GET"));
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
