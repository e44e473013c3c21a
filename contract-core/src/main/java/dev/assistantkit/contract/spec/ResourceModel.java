package dev.assistantkit.contract.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource the spec's operations act on ({@code components/x-resources/<name>}): its state schema
 * and defaults, the seed present after a mock starts, how updates merge, and how the rules that
 * depend on its state see it.
 */
public final class ResourceModel {

  /** How an update applies one property. */
  enum Merge {
    REPLACE,
    MERGE
  }

  /**
   * How a state rule schema sees the resource.
   *
   * @param schemaLocation the context schema
   * @param updateProperty the property of the context that holds the update body
   * @param stateMap context property name to state property name
   */
  public record Context(
      String schemaLocation, String updateProperty, Map<String, String> stateMap) {}

  private final String name;
  private final String schemaLocation;
  private final String idProperty;
  private final String collection;
  private final List<String> seeds;
  private final Map<String, Merge> merge;
  private final Optional<Context> context;
  private final ObjectNode defaults;

  /** Inferred from a collection/item path pair ({@code --stateful}), not declared. */
  private final boolean inferred;

  /** Whether a new resource's id is a number (else a string). */
  private final boolean numericId;

  /**
   * The parents of a resource whose collection is nested under another's item ({@code
   * /owners/{ownerId}/pets}): the values of their path parameters name the collection a request
   * acts on, and a new resource holds them in its own properties of the same names.
   *
   * @param parameters the collection path's parameters, in path order ({@code ownerId}); empty for
   *     a collection at the top of the paths, and for a declared resource
   * @param properties those of them the resource's schema declares as its own properties, each with
   *     whether its values are numbers (a pet created under owner 1 has {@code "ownerId": 1})
   */
  public record Parents(List<String> parameters, Map<String, Boolean> properties) {

    /** A resource at the top of the paths. */
    public static final Parents NONE = new Parents(List.of(), Map.of());

    public Parents {
      parameters = List.copyOf(parameters);
      properties = Map.copyOf(properties);
    }
  }

  private final Parents parents;

  /**
   * The inferred resource whose item this one's collection is under, set once while inferring
   * ({@link #linkParent}); null for a resource at the top of the paths or under a path that is no
   * inferred resource.
   */
  private ResourceModel parent;

  /** The inferred resources nested directly under this one's items, added as they are linked. */
  private final List<ResourceModel> children = new ArrayList<>();

  /** The one property of a request's and an answer's body that holds it; "" when none. */
  private String envelope = "";

  private ResourceModel(
      String name,
      String schemaLocation,
      String idProperty,
      String collection,
      List<String> seeds,
      Map<String, Merge> merge,
      Optional<Context> context,
      ObjectNode defaults,
      boolean inferred,
      boolean numericId,
      Parents parents) {
    this.name = name;
    this.schemaLocation = schemaLocation;
    this.idProperty = idProperty;
    this.collection = collection;
    this.seeds = List.copyOf(seeds);
    this.merge = Map.copyOf(merge);
    this.context = context;
    this.defaults = defaults;
    this.inferred = inferred;
    this.numericId = numericId;
    this.parents = parents;
  }

  /**
   * A resource inferred from a collection path and its item path ({@code POST /things}, {@code GET
   * /things/{id}}) of a document that declares none ({@code --stateful}): no seed, no state rules;
   * an update replaces each property it sends.
   *
   * @param name its name (the collection path without its leading slash)
   * @param schemaLocation the schema of one resource (the item's answer, else the create's body)
   * @param idProperty the property that holds the id (the item path parameter's name, else id)
   * @param defaults the state of a new resource before the fields sent are laid over it: values
   *     valid against the resource's schema, so that an answer has what the schema requires
   * @param numericId whether ids are numbers (the item path parameter's schema is an integer)
   * @param parents the parents of a collection nested under another's item ({@code ownerId} of
   *     {@code /owners/{ownerId}/pets}), whose values name one collection of many; {@link
   *     Parents#NONE} when it has none
   */
  public static ResourceModel inferred(
      String name,
      String schemaLocation,
      String idProperty,
      ObjectNode defaults,
      boolean numericId,
      Parents parents) {
    return new ResourceModel(
        name,
        schemaLocation,
        idProperty,
        name,
        List.of(),
        Map.of(),
        Optional.empty(),
        defaults,
        true,
        numericId,
        parents);
  }

  /**
   * The same inferred resource, carried in bodies under one property (conduit's {@code {"article":
   * {...}}} in both the create's body and the item's answer).
   */
  public ResourceModel inEnvelope(String property) {
    ResourceModel m =
        new ResourceModel(
            name,
            schemaLocation,
            idProperty,
            collection,
            seeds,
            merge,
            context,
            defaults,
            inferred,
            numericId,
            parents);
    m.envelope = property;
    return m;
  }

  /** The property of the bodies that holds the resource; "" when the body is the resource. */
  public String envelope() {
    return envelope;
  }

  /** The resource a request's body carries: the body, or its envelope's member. */
  public ObjectNode unwrap(ObjectNode body) {
    if (envelope.isEmpty()) {
      return body;
    }
    JsonNode inner = body.get(envelope);
    return inner instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
  }

  /** Whether it was inferred from the paths ({@code --stateful}) rather than declared. */
  public boolean inferred() {
    return inferred;
  }

  /** The path parameters whose values name one collection of a nested resource; empty if none. */
  public List<String> scope() {
    return parents.parameters();
  }

  /**
   * The collection a request's path parameters name, as the store and a judge's knowledge key it:
   * the resource's name, or for a nested resource its name and the values of its parents' path
   * parameters ({@code owners/{ownerId}/pets} under owner 1: {@code owners/{ownerId}/pets@1}), so
   * that a pet created under owner 1 is not one of owner 2's. The values are percent-encoded, so
   * that the last {@value #SCOPE_MARK} ends the name.
   */
  public String collectionOf(java.util.Map<String, String> parameters) {
    List<String> scope = parents.parameters();
    if (scope.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append(SCOPE_MARK);
    for (int i = 0; i < scope.size(); i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(
          java.net.URLEncoder.encode(
              parameters.getOrDefault(scope.get(i), ""), java.nio.charset.StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /**
   * The name of the resource a collection key of {@link #collectionOf} belongs to: the key itself
   * unless it names one collection of a nested resource.
   */
  public static String resourceOf(String collection) {
    int mark = collection.lastIndexOf(SCOPE_MARK);
    return mark < 0 ? collection : collection.substring(0, mark);
  }

  /** What separates a nested resource's name from its parents' values in a collection key. */
  public static final char SCOPE_MARK = '@';

  /**
   * The item a request to a nested resource names its collection under: an item of the parent
   * resource ({@code owner 1} for {@code /owners/1/pets}).
   *
   * @param resource the parent resource
   * @param parameters the parent's own collection parameters, by the parent's names (empty for a
   *     parent at the top of the paths)
   * @param collection the parent's collection, keyed as {@link #collectionOf} keys it
   * @param id the parent's id, as the request's path gives it
   * @param parameter the request's path parameter that gives it ({@code ownerId})
   */
  public record ParentItem(
      ResourceModel resource,
      Map<String, String> parameters,
      String collection,
      String id,
      String parameter) {

    public ParentItem {
      parameters = Map.copyOf(parameters);
    }
  }

  /**
   * Links a nested resource to the inferred resource whose item its collection is under ({@code
   * owners} for {@code owners/{ownerId}/pets}), once, while the resources are inferred: the
   * parent's collection path is this one's up to its last path parameter, which names the parent's
   * item, and the parameters before it are the parent's own, in order.
   *
   * @throws IllegalStateException when it has a parent already, or the parent's parameters are not
   *     this one's but its last
   */
  public void linkParent(ResourceModel parentModel) {
    if (this.parent != null || parentModel.scope().size() != scope().size() - 1) {
      throw new IllegalStateException(name + " cannot live under " + parentModel.name());
    }
    this.parent = parentModel;
    parentModel.children.add(this);
  }

  /** The inferred resource whose items hold this one's collections, if it is nested under one. */
  public Optional<ResourceModel> parent() {
    return Optional.ofNullable(parent);
  }

  /** The inferred resources nested directly under this one's items. */
  public List<ResourceModel> children() {
    return List.copyOf(children);
  }

  /**
   * The parent's item a request's path parameters name, when this resource is nested under an
   * inferred one ({@link #linkParent}).
   */
  public Optional<ParentItem> parentItem(Map<String, String> parameters) {
    if (parent == null) {
      return Optional.empty();
    }
    List<String> scope = parents.parameters();
    String last = scope.get(scope.size() - 1);
    Map<String, String> own = new LinkedHashMap<>();
    for (int i = 0; i < scope.size() - 1; i++) {
      own.put(parent.scope().get(i), parameters.getOrDefault(scope.get(i), ""));
    }
    return Optional.of(
        new ParentItem(
            parent, own, parent.collectionOf(own), parameters.getOrDefault(last, ""), last));
  }

  /**
   * The path parameters of this nested resource's collection under one item of its parent: the
   * parent's own parameters renamed as this resource's path names them, and the parent's id.
   *
   * @param parentParameters the parent's collection parameters, by the parent's names
   * @param parentId the id of the parent's item
   */
  public Map<String, String> scopeUnder(Map<String, String> parentParameters, String parentId) {
    if (parent == null) {
      throw new IllegalStateException(name + " is nested under no inferred resource");
    }
    List<String> scope = parents.parameters();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < scope.size() - 1; i++) {
      out.put(scope.get(i), parentParameters.getOrDefault(parent.scope().get(i), ""));
    }
    out.put(scope.get(scope.size() - 1), parentId);
    return out;
  }

  /** Whether a new resource's id is a number (inferred resources); else a string. */
  public boolean numericId() {
    return numericId;
  }

  /**
   * The fields of a new inferred resource: its defaults, the body's fields over them, the id (typed
   * as the resource's ids are), and for a nested resource its parents' values in the properties of
   * their names ({@link Parents#properties}).
   *
   * @param parameters the request's path parameters (those of the parents, for a nested resource)
   */
  public ObjectNode created(ObjectNode body, String id, Map<String, String> parameters) {
    ObjectNode out = defaults.deepCopy();
    body.properties().forEach(e -> out.set(e.getKey(), e.getValue().deepCopy()));
    out.set(idProperty, idValue(id));
    parents
        .properties()
        .forEach(
            (p, numeric) -> {
              String v = parameters.get(p);
              if (v != null) {
                out.set(p, typed(v, numeric));
              }
            });
    return out;
  }

  /** An id as the resource's fields hold it: a number when ids are numbers and it is one. */
  public JsonNode idValue(String id) {
    return typed(id, numericId);
  }

  private static JsonNode typed(String value, boolean numeric) {
    if (numeric && value.matches("-?[0-9]{1,18}")) {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
    }
    return JsonNodeFactory.instance.stringNode(value);
  }

  /**
   * A replacement ({@code PUT}): the body's fields, nothing else kept but the id; an inferred
   * resource starts again from its defaults, as a create does, so that what its schema requires and
   * the body left out (conduit's article after a PUT of its title alone) is there again.
   */
  public ObjectNode replaced(ObjectNode current, ObjectNode body) {
    ObjectNode next = inferred ? defaults.deepCopy() : JsonNodeFactory.instance.objectNode();
    body.properties().forEach(e -> next.set(e.getKey(), e.getValue().deepCopy()));
    keepId(current, next);
    return next;
  }

  private void keepId(ObjectNode current, ObjectNode next) {
    if (!inferred) {
      return;
    }
    // the path names the resource and its parents; a body can neither rename nor move it
    JsonNode id = current.get(idProperty);
    if (id != null) {
      next.set(idProperty, id.deepCopy());
    }
    for (String p : parents.properties().keySet()) {
      JsonNode v = current.get(p);
      if (v != null) {
        next.set(p, v.deepCopy());
      }
    }
  }

  public static Map<String, ResourceModel> parse(SpecDocument spec, SchemaWalker walker) {
    Map<String, ResourceModel> out = new LinkedHashMap<>();
    Optional<JsonNode> all = spec.node("#/components/x-resources");
    if (all.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : all.get().properties()) {
      out.put(e.getKey(), parse(e.getKey(), e.getValue(), walker));
    }
    return out;
  }

  private static ResourceModel parse(String name, JsonNode r, SchemaWalker walker) {
    String at = "#/components/x-resources/" + name;
    String schema = required(r, "schema", at);
    List<String> seeds = new ArrayList<>();
    r.path("seed").forEach(s -> seeds.add(s.asString()));
    Map<String, Merge> merge = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> m : r.path("merge").properties()) {
      merge.put(
          m.getKey(), Merge.valueOf(m.getValue().asString().toUpperCase(java.util.Locale.ROOT)));
    }
    Optional<Context> context = Optional.empty();
    JsonNode c = r.get("context");
    if (c != null) {
      Map<String, String> stateMap = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> s : c.path("state").properties()) {
        stateMap.put(s.getKey(), s.getValue().asString());
      }
      context =
          Optional.of(
              new Context(
                  required(c, "schema", at + "/context"), required(c, "update", at), stateMap));
    }
    ObjectNode defaults = JsonNodeFactory.instance.objectNode();
    for (SchemaWalker.Property p : walker.properties(schema, 1)) {
      JsonNode d = p.schema().get("default");
      if (d != null) {
        defaults.set(p.path().get(0), d);
      }
    }
    return new ResourceModel(
        name,
        schema,
        required(r, "id-property", at),
        r.path("collection").asString(name + "s"),
        seeds,
        merge,
        context,
        defaults,
        false,
        false,
        Parents.NONE);
  }

  private static String required(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.isString()) {
      throw new IllegalStateException(at + " needs " + field);
    }
    return v.asString();
  }

  public String name() {
    return name;
  }

  public String schemaLocation() {
    return schemaLocation;
  }

  /** The property that names the resource in views and seeds. */
  public String idProperty() {
    return idProperty;
  }

  /** The plural name the mock's admin paths use ({@code /__mock/<collection>}). */
  public String collection() {
    return collection;
  }

  /** Pointers to the examples present after a mock starts. */
  public List<String> seeds() {
    return seeds;
  }

  Merge mergeOf(String property) {
    return merge.getOrDefault(property, Merge.REPLACE);
  }

  public Optional<Context> context() {
    return context;
  }

  /** The state of a new resource: the state schema's defaults. */
  public ObjectNode defaults() {
    return defaults.deepCopy();
  }

  /** One default of the state schema, not copied: the caller must not modify it. */
  public JsonNode defaultOf(String property) {
    return defaults.get(property);
  }

  /** The state properties the state rules read (for the judge: what to learn, what to branch). */
  public List<String> contextStateProperties() {
    return context.map(c -> List.copyOf(c.stateMap().values())).orElse(List.of());
  }

  /**
   * How an accepted update changes a resource, by the resource's {@code merge} map: a property
   * named {@code merge} merges key by key into the stored object; every other property replaces the
   * stored value whole. Fields not sent are kept.
   */
  public ObjectNode merge(ObjectNode current, ObjectNode update) {
    ObjectNode next = current.deepCopy();
    for (Map.Entry<String, JsonNode> e : update.properties()) {
      String name = e.getKey();
      JsonNode value = e.getValue();
      JsonNode old = next.get(name);
      if (mergeOf(name) == Merge.MERGE && old != null && old.isObject() && value.isObject()) {
        ObjectNode merged = ((ObjectNode) old).deepCopy();
        for (Map.Entry<String, JsonNode> k : value.properties()) {
          merged.set(k.getKey(), k.getValue().deepCopy());
        }
        next.set(name, merged);
      } else {
        next.set(name, value.deepCopy());
      }
    }
    keepId(current, next);
    return next;
  }
}
