package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.PathTemplate;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resources inferred from a document's collection/item path pairs ({@code --stateful}): where
 * {@code /things} takes a {@code POST} and {@code /things/{id}} a {@code GET}, the first stores,
 * the second reads, {@code PUT} replaces, {@code PATCH} merges, {@code DELETE} removes, and {@code
 * GET /things} lists. The result is the same {@link ResourceModel} and {@link
 * Operation.ResourceAction} the {@code x-resource} dialect declares, so one engine serves both.
 *
 * <p>A {@code PUT} or {@code PATCH} of the collection's own path names its resource by the body's
 * id property. A resource carried in an envelope ({@code {"article": {...}}} in both the create's
 * body and the item's answer) is the envelope's member.
 *
 * <p>A collection under another item ({@code /owners/{ownerId}/pets} with {@code
 * /owners/{ownerId}/pets/{petId}}) is one collection per value of its parents' path parameters: a
 * pet created under owner 1 is read, listed, changed and deleted under owner 1 only ({@link
 * ResourceModel#scope}). Where the item it is under is itself an inferred resource's ({@code POST
 * /owners} with {@code /owners/{ownerId}}), that resource is its parent ({@link
 * ResourceModel#linkParent}): every action on a pet under an owner no one holds is refused as the
 * item's absence is ({@code resource.exists}, the operation's not-found status, pointing at {@code
 * ownerId}), and deleting an owner deletes its pets, and theirs in turn. Nested deeper ({@code
 * /a/{aId}/b/{bId}/c}), the immediate parent ({@code b}) is the one asked.
 *
 * <p>An item path with a {@code DELETE} and no {@code GET} (conduit's comments, listed and deleted
 * but never read alone) is a resource too, described by the create's answer.
 *
 * <p>Not inferred: an item path with neither a {@code GET} nor a {@code DELETE}, a collection
 * without a {@code POST}, a pair whose item parameter has the name of one of its parents', and a
 * list whose answer holds no array (its {@code GET} then stays stateless). Where the item a
 * collection is under is no inferred resource's (its collection takes no {@code POST}, say),
 * whether that item exists is not asked.
 */
final class InferredResources {

  private static final Pattern ITEM = Pattern.compile("^(/.+)/\\{([^{}/]+)}$");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One path segment that is a parameter. */
  private static final Pattern PARAMETER = Pattern.compile("^\\{[^{}/]+}$");

  /**
   * The operations with their inferred actions, and the inferred resources by name.
   *
   * @param operations every operation, in the order parsed
   * @param resources the resources, by name
   */
  record Inferred(List<Operation> operations, Map<String, ResourceModel> resources) {}

  private InferredResources() {}

  /**
   * @param generated a value valid against the schema at a location, if one can be made
   */
  static Inferred infer(
      List<Operation> parsed, SchemaWalker walker, Function<String, Optional<JsonNode>> generated) {
    Map<String, Map<String, Operation>> byPath = new LinkedHashMap<>();
    for (Operation op : parsed) {
      byPath.computeIfAbsent(op.pathTemplate(), k -> new LinkedHashMap<>()).put(op.method(), op);
    }
    Map<String, Operation.ResourceAction> actions = new LinkedHashMap<>();
    Map<String, ResourceModel> models = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Operation>> item : byPath.entrySet()) {
      Matcher m = ITEM.matcher(item.getKey());
      if (!m.matches()) {
        continue;
      }
      String collectionPath = m.group(1);
      String param = m.group(2);
      Map<String, Operation> collection = byPath.get(collectionPath);
      // the operation whose success answer is one resource: the item's GET; without one, the
      // create's (conduit's comments, which are listed and deleted but never read alone)
      Operation read = item.getValue().get("GET");
      boolean removable = item.getValue().containsKey("DELETE");
      List<String> scope = new PathTemplate(collectionPath).parameterNames();
      if (collection == null
          || !collection.containsKey("POST")
          || (read == null && !removable)
          || scope.contains(param)
          || new java.util.HashSet<>(scope).size() != scope.size()) {
        continue;
      }
      Operation create = collection.get("POST");
      String name = collectionPath.substring(1);
      Operation itemOp = read != null ? read : item.getValue().get("DELETE");
      Optional<ResourceModel> built =
          models.containsKey(name)
              ? Optional.empty()
              : model(
                  name,
                  read != null ? read : create,
                  create,
                  itemOp,
                  param,
                  scope,
                  walker,
                  generated);
      if (built.isEmpty()) {
        continue;
      }
      ResourceModel model = built.get();
      models.put(name, model);
      actions.put(create.location(), action(model, Operation.Action.CREATE, "", create));
      Operation list = collection.get("GET");
      if (list != null) {
        listAction(model, list, walker, generated).ifPresent(a -> actions.put(list.location(), a));
      }
      Map<String, Operation.Action> byMethod =
          Map.of(
              "GET", Operation.Action.READ,
              "PUT", Operation.Action.REPLACE,
              "PATCH", Operation.Action.UPDATE,
              "DELETE", Operation.Action.DELETE);
      // a PUT or PATCH of the collection's own path names the resource by the body's id property
      // (swagger-petstore's PUT /pet): it replaces or merges as the item's would
      for (Map.Entry<String, Operation.Action> c :
          Map.of("PUT", Operation.Action.REPLACE, "PATCH", Operation.Action.UPDATE).entrySet()) {
        Operation op = collection.get(c.getKey());
        if (op != null && op.bodySchemaLocation().isPresent()) {
          actions.put(op.location(), action(model, c.getValue(), "", op));
        }
      }
      for (Map.Entry<String, Operation> op : item.getValue().entrySet()) {
        Operation.Action a = byMethod.get(op.getKey());
        if (a != null) {
          actions.put(op.getValue().location(), action(model, a, param, op.getValue()));
        }
      }
    }
    // linked once every model is built: a document may list a child's paths before its parent's
    linkParents(models);
    List<Operation> out = new ArrayList<>();
    for (Operation op : parsed) {
      Operation.ResourceAction a = actions.get(op.location());
      out.add(a == null || op.resource().isPresent() ? op : op.withResource(a));
    }
    return new Inferred(out, models);
  }

  /**
   * Links each nested resource to the inferred resource whose item its collection is under: the one
   * whose collection path is this one's up to its last path parameter (its parameters named alike,
   * else the only one whose path differs in their names alone). A collection path that ends in a
   * parameter names no parent.
   */
  private static void linkParents(Map<String, ResourceModel> models) {
    Map<String, List<ResourceModel>> byShape = new LinkedHashMap<>();
    models
        .values()
        .forEach(m -> byShape.computeIfAbsent(shape(m.name()), k -> new ArrayList<>()).add(m));
    for (ResourceModel child : models.values()) {
      String name = child.name();
      int slash = name.lastIndexOf('/');
      if (child.scope().isEmpty()
          || slash < 0
          || PARAMETER.matcher(name.substring(slash + 1)).matches()) {
        continue;
      }
      String[] segments = name.split("/", -1);
      int last = segments.length - 1;
      while (last >= 0 && !PARAMETER.matcher(segments[last]).matches()) {
        last--;
      }
      if (last <= 0) {
        continue;
      }
      String parentName = String.join("/", java.util.Arrays.copyOfRange(segments, 0, last));
      ResourceModel parent = models.get(parentName);
      if (parent == null) {
        List<ResourceModel> alike = byShape.getOrDefault(shape(parentName), List.of());
        parent = alike.size() == 1 ? alike.get(0) : null;
      }
      if (parent != null && parent.scope().size() == child.scope().size() - 1) {
        child.linkParent(parent);
      }
    }
  }

  /** A path with its parameters' names left out: paths that differ in those alone match. */
  private static String shape(String path) {
    return path.replaceAll("\\{[^{}/]+}", "{}");
  }

  /**
   * The resource of a collection/item pair, when a schema describes one.
   *
   * @param describing the operation whose success answer is one resource
   * @param itemOp an operation of the item path (whose parameters type the ids)
   */
  private static Optional<ResourceModel> model(
      String name,
      Operation describing,
      Operation create,
      Operation itemOp,
      String param,
      List<String> scope,
      SchemaWalker walker,
      Function<String, Optional<JsonNode>> generated) {
    // an answer {"article": {...}} to a create of {"article": {...}}: the resource is inside
    Optional<String> answer = answerSchema(describing);
    String envelope = answer.flatMap(a -> envelope(walker, a, create)).orElse("");
    Optional<String> schema =
        envelope.isEmpty()
            ? answer.or(create::bodySchemaLocation)
            : answer.map(a -> a + "/properties/" + SpecPointer.escape(envelope));
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    JsonNode eff = walker.effectiveAt(schema.get());
    Set<String> names = names(walker, eff, "properties", 0);
    String idProperty = names.contains(param) ? param : "id";
    // what the schema requires and a client need not send (readOnly fields, say) is generated
    // once; what it does not require is left to the client
    Set<String> required = names(walker, eff, "required", 0);
    ObjectNode defaults = NODES.objectNode();
    generated
        .apply(schema.get())
        .filter(JsonNode::isObject)
        .ifPresent(
            v ->
                v.properties()
                    .forEach(
                        e -> {
                          if (required.contains(e.getKey())) {
                            defaults.set(e.getKey(), e.getValue());
                          }
                        }));
    ResourceModel model =
        ResourceModel.inferred(
            name,
            schema.get(),
            idProperty,
            defaults,
            numeric(walker, itemOp, param),
            parents(walker, itemOp, scope, names));
    return Optional.of(envelope.isEmpty() ? model : model.inEnvelope(envelope));
  }

  /** The JSON schema of an operation's success answer, if it has one. */
  private static Optional<String> answerSchema(Operation op) {
    return op.response(op.successStatus())
        .flatMap(Response::json)
        .flatMap(MediaType::schemaLocation);
  }

  /**
   * The one property that holds the resource in both the item's answer and the create's body
   * ({@code {"article": {...}}}): the answer's schema declares exactly one property, an object, and
   * the create's body schema declares it too.
   */
  private static Optional<String> envelope(
      SchemaWalker walker, String answerSchema, Operation create) {
    JsonNode answer = walker.effectiveAt(answerSchema);
    JsonNode props = answer == null ? null : answer.get("properties");
    if (props == null || !props.isObject() || props.size() != 1) {
      return Optional.empty();
    }
    String property = props.propertyNames().iterator().next();
    JsonNode inner = walker.effective(props.get(property));
    JsonNode body = create.bodySchemaLocation().map(walker::effectiveAt).orElse(null);
    boolean objectInside = inner != null && inner.path("properties").isObject();
    boolean sentInside = body != null && body.path("properties").has(property);
    return objectInside && sentInside ? Optional.of(property) : Optional.empty();
  }

  /**
   * An action whose success answer is the resource, whole ({@code fill: {"": resource}}), or in its
   * envelope ({@code fill: {"/article": resource}}), when the operation's success answer has a
   * body; else its documented answer (a 204, a DELETE's).
   */
  private static Operation.ResourceAction action(
      ResourceModel model, Operation.Action action, String idParameter, Operation op) {
    boolean body =
        action != Operation.Action.DELETE
            && op.response(op.successStatus()).map(r -> !r.content().isEmpty()).orElse(false);
    return new Operation.ResourceAction(
        model,
        action,
        idParameter,
        body ? NODES.objectNode() : null,
        body
            ? Map.of(
                model.envelope().isEmpty() ? "" : "/" + SpecPointer.escape(model.envelope()),
                "resource")
            : Map.of(),
        op.location());
  }

  /**
   * A list's action: its answer is an array of the resources, or an object one of whose properties
   * is that array (the rest of it generated from its schema).
   */
  private static Optional<Operation.ResourceAction> listAction(
      ResourceModel model,
      Operation list,
      SchemaWalker walker,
      Function<String, Optional<JsonNode>> generated) {
    Optional<String> schema = answerSchema(list);
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    JsonNode eff = walker.effectiveAt(schema.get());
    String pointer = null;
    JsonNode base = NODES.arrayNode();
    if (isArray(eff)) {
      pointer = "";
    } else {
      for (Map.Entry<String, JsonNode> p : eff.path("properties").properties()) {
        if (isArray(walker.effective(p.getValue()))) {
          pointer = "/" + SpecPointer.escape(p.getKey());
          base = generated.apply(schema.get()).filter(JsonNode::isObject).orElse(null);
          break;
        }
      }
    }
    if (pointer == null || base == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Operation.ResourceAction(
            model, Operation.Action.LIST, "", base, Map.of(pointer, "resources"), list.location()));
  }

  private static boolean isArray(JsonNode schema) {
    if (schema == null) {
      return false;
    }
    JsonNode type = schema.get("type");
    return (type != null && (type.asString("").equals("array") || containsArray(type)))
        || (type == null && schema.has("items"));
  }

  private static boolean containsArray(JsonNode type) {
    if (!type.isArray()) {
      return false;
    }
    for (JsonNode t : type) {
      if (t.asString("").equals("array")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The property names a schema declares ({@code properties}) or requires ({@code required}), its
   * allOf members' included.
   */
  private static Set<String> names(
      SchemaWalker walker, JsonNode schema, String keyword, int depth) {
    Set<String> out = new LinkedHashSet<>();
    if (schema == null || !schema.isObject() || depth > 8) {
      return out;
    }
    JsonNode k = schema.path(keyword);
    if (k.isObject()) {
      k.propertyNames().forEach(out::add);
    } else if (k.isArray()) {
      k.forEach(n -> out.add(n.asString("")));
    }
    for (JsonNode member : schema.path("allOf")) {
      out.addAll(names(walker, walker.effective(member), keyword, depth + 1));
    }
    return out;
  }

  /**
   * The parents of a nested collection: its path's parameters, and those the resource's schema
   * declares as properties, typed as the item's path parameter of that name is.
   */
  private static ResourceModel.Parents parents(
      SchemaWalker walker, Operation read, List<String> scope, Set<String> names) {
    if (scope.isEmpty()) {
      return ResourceModel.Parents.NONE;
    }
    Map<String, Boolean> properties = new LinkedHashMap<>();
    for (String p : scope) {
      if (names.contains(p)) {
        properties.put(p, numeric(walker, read, p));
      }
    }
    return new ResourceModel.Parents(scope, properties);
  }

  /** Whether the item path parameter is a number (then so are the ids the mock makes). */
  private static boolean numeric(SchemaWalker walker, Operation read, String param) {
    return read.pathParameters().stream()
        .filter(p -> p.name().equals(param))
        .findFirst()
        .flatMap(Parameter::schemaLocation)
        .map(walker::effectiveAt)
        .map(s -> s.path("type").asString(""))
        .map(t -> t.equals("integer") || t.equals("number"))
        .orElse(false);
  }
}
