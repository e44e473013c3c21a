package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Parameter;
import dev.assistantkit.contract.rules.Security;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Requests to an operation of any document, made as the document states them: path parameters from
 * {@code --path-param}, else the parameter's example, else a generated value; every required query,
 * header and cookie parameter from its example or generated; the body from the media type's example
 * or generated from its schema, encoded as its media type says (JSON, a form, multipart, or opaque
 * bytes); credentials where each security scheme puts them. Values are JSON until {@link #request}
 * serialises them as each parameter's style and explode say. Knows no field of any one API.
 */
final class DocumentRequests {

  /** The user name sent with basic credentials (the key is the password). */
  static final String BASIC_USER = "conformance";

  private static final String BOUNDARY = "conformance-boundary-7d41c9";

  private DocumentRequests() {}

  /**
   * What a request carries, before it is serialised.
   *
   * @param params each parameter sent, by {@link #slot}: its value, or a raw text (a {@code
   *     --path-param} value)
   * @param media the media type of the body, if one is sent
   * @param body the body's value (JSON; a form's or multipart's fields), or null
   * @param credentials the schemes whose credential is sent, and the token sent in each
   * @param source where the values come from, for a check's name
   */
  record Draft(
      Map<String, Object> params,
      Optional<MediaType> media,
      JsonNode body,
      Map<Security.Scheme, String> credentials,
      String source) {

    Draft {
      params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
      credentials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    }

    Draft withParam(Parameter p, Object value) {
      Map<String, Object> m = new LinkedHashMap<>(params);
      m.put(slot(p), value);
      return new Draft(m, media, body, credentials, source);
    }

    Draft without(Parameter p) {
      Map<String, Object> m = new LinkedHashMap<>(params);
      m.remove(slot(p));
      return new Draft(m, media, body, credentials, source);
    }

    Draft withBody(MediaType m, JsonNode value) {
      return new Draft(params, Optional.of(m), value, credentials, source);
    }

    Draft withCredentials(Map<Security.Scheme, String> c) {
      return new Draft(params, media, body, c, source);
    }
  }

  /** The key of a parameter in a draft: its place and name. */
  static String slot(Parameter p) {
    return p.in().wireName()
        + ":"
        + (p.in() == Parameter.In.HEADER ? p.name().toLowerCase(java.util.Locale.ROOT) : p.name());
  }

  /**
   * A valid draft: the document's examples where it has them ({@code seed} 0), else values
   * generated with the seed; credentials of the first requirement that can be sent, with the key.
   *
   * @param fromExamples whether to take the document's examples first
   * @return the draft, or empty when some required value could not be made
   */
  static Optional<Draft> valid(
      Contract contract,
      Operation op,
      Map<String, String> pathParams,
      String key,
      long seed,
      boolean fromExamples) {
    Map<String, Object> params = new LinkedHashMap<>();
    boolean examples = false;
    for (Parameter p : op.parameters()) {
      if (p.in() == Parameter.In.PATH && pathParams.containsKey(p.name())) {
        params.put(slot(p), pathParams.get(p.name()));
        continue;
      }
      if (!p.required() && p.in() != Parameter.In.PATH) {
        continue;
      }
      Optional<JsonNode> example = fromExamples ? parameterExample(contract, p) : Optional.empty();
      Optional<JsonNode> value =
          example.filter(v -> sendable(p, v)).or(() -> generated(contract, p, seed));
      if (value.isEmpty()) {
        return Optional.empty();
      }
      examples |= example.isPresent() && example.get().equals(value.get());
      params.put(slot(p), value.get());
    }
    Optional<MediaType> media = Optional.empty();
    JsonNode body = null;
    if (op.body().isPresent()
        && (op.body().get().required() || !op.body().get().content().isEmpty())) {
      for (MediaType m : op.body().get().content()) {
        if (m.name().contains("*")) {
          continue; // a wildcard names no one type to send
        }
        Optional<JsonNode> example = fromExamples ? mediaExample(contract, m) : Optional.empty();
        Optional<JsonNode> value =
            example.or(
                () ->
                    m.schemaLocation()
                        .flatMap(s -> contract.generator().valid(s, seed, Direction.REQUEST)));
        if (value.isEmpty() && m.kind() == MediaType.Family.OTHER) {
          value = Optional.of(SpecBodies.JSON.getNodeFactory().stringNode("conformance"));
        }
        if (value.isPresent() && encodable(m, value.get())) {
          examples |= example.isPresent();
          media = Optional.of(m);
          body = value.get();
          break;
        }
      }
      if (media.isEmpty() && op.body().get().required()) {
        return Optional.empty();
      }
    }
    Map<Security.Scheme, String> credentials = credentials(op.security(), key).orElse(Map.of());
    return Optional.of(
        new Draft(
            params,
            media,
            body,
            credentials,
            examples ? "the document's examples" : "generated (seed " + seed + ")"));
  }

  /**
   * The credentials of the first requirement of a security whose schemes can all be sent at once
   * (two schemes of one requirement in the Authorization header cannot), each with the token;
   * nothing for a security that lets a request without credentials through... unless it also has a
   * requirement to meet: then that one.
   */
  static Optional<Map<Security.Scheme, String>> credentials(Security security, String token) {
    for (Security.Requirement r : security.alternatives()) {
      Optional<Map<Security.Scheme, String>> c = requirement(r, token);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** A requirement's credentials, each scheme with the token; empty when they cannot go at once. */
  static Optional<Map<Security.Scheme, String>> requirement(Security.Requirement r, String token) {
    if (r.anonymous()) {
      return Optional.empty();
    }
    Map<Security.Scheme, String> out = new LinkedHashMap<>();
    java.util.Set<String> places = new java.util.HashSet<>();
    for (Security.Scheme s : r.schemes()) {
      if (s.kind() == Security.SchemeType.MUTUAL_TLS) {
        continue;
      }
      if (!places.add(place(s))) {
        return Optional.empty();
      }
      out.put(s, token);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /** Where a scheme's credential travels: {@code header:authorization}, {@code query:api_key}. */
  static String place(Security.Scheme s) {
    return switch (s.kind()) {
      case BEARER, BASIC, HTTP_OTHER -> "header:authorization";
      case API_KEY_HEADER -> "header:" + s.carrier().toLowerCase(java.util.Locale.ROOT);
      case API_KEY_QUERY -> "query:" + s.carrier();
      case API_KEY_COOKIE -> "cookie:" + s.carrier();
      case MUTUAL_TLS -> "tls";
    };
  }

  /** How a scheme is sent, for a check's name. */
  static String describe(Security.Scheme s) {
    return switch (s.kind()) {
          case BEARER -> "a bearer token";
          case BASIC -> "basic credentials";
          case HTTP_OTHER -> "the " + s.httpScheme().orElse("") + " scheme";
          case API_KEY_HEADER -> "the header " + s.carrier();
          case API_KEY_QUERY -> "the query parameter " + s.carrier();
          case API_KEY_COOKIE -> "the cookie " + s.carrier();
          case MUTUAL_TLS -> "a client certificate";
        }
        + " ("
        + s.name()
        + ")";
  }

  /** The parameter's own example: {@code example}, else its first {@code examples} entry. */
  static Optional<JsonNode> parameterExample(Contract contract, Parameter p) {
    return example(contract, p.location());
  }

  /** A media type's example: {@code example}, else its first {@code examples} entry. */
  static Optional<JsonNode> mediaExample(Contract contract, MediaType m) {
    return example(contract, m.location());
  }

  private static Optional<JsonNode> example(Contract contract, String location) {
    Optional<JsonNode> one = contract.spec().node(location + "/example");
    if (one.isPresent()) {
      return one;
    }
    Optional<JsonNode> examples = contract.spec().node(location + "/examples");
    if (examples.isEmpty() || !examples.get().isObject()) {
      return Optional.empty();
    }
    for (Map.Entry<String, JsonNode> e : examples.get().properties()) {
      JsonNode entry = e.getValue();
      // a reference to an Example Object (bounded: a chain of references is not followed far)
      for (int hops = 0; hops < 8 && entry != null && entry.path("$ref").isString(); hops++) {
        String ref = entry.get("$ref").asString();
        entry = ref.startsWith("#") ? contract.spec().node(ref).orElse(null) : null;
      }
      if (entry != null && entry.has("value")) {
        return Optional.of(entry.get("value")); // an externalValue alone gives nothing to send
      }
    }
    return Optional.empty();
  }

  /** A generated value of a parameter: tries a few seeds for one its place can carry. */
  static Optional<JsonNode> generated(Contract contract, Parameter p, long seed) {
    if (p.schemaLocation().isEmpty()) {
      return Optional.of(SpecBodies.JSON.getNodeFactory().stringNode("conformance"));
    }
    for (int i = 0; i < 4; i++) {
      Optional<JsonNode> v =
          contract.generator().valid(p.schemaLocation().get(), seed + i, Direction.REQUEST);
      if (v.isPresent() && sendable(p, v.get())) {
        return v;
      }
    }
    return Optional.empty();
  }

  /** Whether a value can travel where the parameter goes (a path segment, a header line). */
  static boolean sendable(Parameter p, JsonNode value) {
    String text = p.mediaType().isPresent() ? value.toString() : flat(value);
    return switch (p.in()) {
      case PATH -> !text.isEmpty();
      case HEADER, COOKIE ->
          printable(text) && !(p.in() == Parameter.In.COOKIE && text.contains(";"));
      case QUERY -> true;
    };
  }

  /** Whether a header value can carry the text as it is (printable ASCII, no line breaks). */
  static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** Whether a body value can be sent as the media type. */
  static boolean encodable(MediaType m, JsonNode value) {
    return switch (m.kind()) {
      case JSON, OTHER -> true;
      case FORM, MULTIPART -> value.isObject();
    };
  }

  /** The request a draft describes. */
  static ApiRequest request(Operation op, Draft d) {
    List<String> query = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    List<String> cookies = new ArrayList<>();
    Map<String, String> path = new LinkedHashMap<>();
    for (Parameter p : op.parameters()) {
      Object v = d.params().get(slot(p));
      if (v == null) {
        continue;
      }
      switch (p.in()) {
        case PATH ->
            path.put(p.name(), v instanceof String raw ? pathPiece(raw) : path(p, (JsonNode) v));
        case QUERY -> query.addAll(query(p, (JsonNode) v));
        case HEADER -> headers.add(Map.entry(p.name(), header(p, (JsonNode) v)));
        case COOKIE -> cookies.add(p.name() + "=" + cookie(p, (JsonNode) v));
      }
    }
    for (Map.Entry<Security.Scheme, String> c : d.credentials().entrySet()) {
      Security.Scheme s = c.getKey();
      String token = c.getValue();
      switch (s.kind()) {
        case BEARER -> headers.add(Map.entry("Authorization", "Bearer " + token));
        case BASIC ->
            headers.add(
                Map.entry(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (BASIC_USER + ":" + token).getBytes(StandardCharsets.UTF_8))));
        case HTTP_OTHER ->
            headers.add(Map.entry("Authorization", s.httpScheme().orElse("Token") + " " + token));
        case API_KEY_HEADER -> headers.add(Map.entry(s.carrier(), token));
        case API_KEY_QUERY -> query.add(encode(s.carrier()) + "=" + encode(token));
        case API_KEY_COOKIE -> cookies.add(s.carrier() + "=" + token);
        case MUTUAL_TLS -> {}
      }
    }
    if (!cookies.isEmpty()) {
      headers.add(Map.entry("Cookie", String.join("; ", cookies)));
    }
    byte[] body = new byte[0];
    if (d.media().isPresent() && d.body() != null) {
      MediaType m = d.media().get();
      switch (m.kind()) {
        case JSON -> {
          headers.add(Map.entry("Content-Type", m.name()));
          body = SpecBodies.bytes(d.body());
        }
        case FORM -> {
          headers.add(Map.entry("Content-Type", m.name()));
          body = form(d.body()).getBytes(StandardCharsets.UTF_8);
        }
        case MULTIPART -> {
          headers.add(Map.entry("Content-Type", m.name() + "; boundary=" + BOUNDARY));
          body = multipart(d.body());
        }
        case OTHER -> {
          headers.add(Map.entry("Content-Type", m.name()));
          body =
              (d.body().isString() ? d.body().asString() : d.body().toString())
                  .getBytes(StandardCharsets.UTF_8);
        }
      }
    }
    String target = op.path().fillRaw(name -> path.getOrDefault(name, ""));
    if (!query.isEmpty()) {
      target += "?" + String.join("&", query);
    }
    return new ApiRequest(op.method(), target, Headers.of(headers), body);
  }

  // ------------------------------------------------------------------ serialisation

  /** A scalar as text; an array or object as JSON (where no style says otherwise). */
  static String flat(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    return v.isString() ? v.asString() : v.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String pathPiece(String s) {
    return encode(s);
  }

  /**
   * The pieces of a value as a style lists them: an array's items, an object's names and values.
   */
  private static List<String> items(JsonNode v) {
    List<String> out = new ArrayList<>();
    v.forEach(i -> out.add(flat(i)));
    return out;
  }

  private static List<Map.Entry<String, String>> members(JsonNode v) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    v.properties().forEach(e -> out.add(Map.entry(e.getKey(), flat(e.getValue()))));
    return out;
  }

  /** A path parameter's segment text: simple, label or matrix style. */
  static String path(Parameter p, JsonNode v) {
    if (p.mediaType().isPresent()) {
      return encode(v.toString());
    }
    String style = p.style();
    boolean explode = p.explode();
    String sep = ",";
    String prefix = "";
    if (style.equals("label")) {
      prefix = ".";
      sep = explode ? "." : ",";
    }
    if (style.equals("matrix")) {
      String name = ";" + encode(p.name());
      if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        for (String i : items(v)) {
          parts.add(encode(i));
        }
        return explode
            ? name + "=" + String.join(name + "=", parts)
            : name + "=" + String.join(",", parts);
      }
      if (v.isObject()) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : members(v)) {
          parts.add(
              explode
                  ? ";" + encode(e.getKey()) + "=" + encode(e.getValue())
                  : encode(e.getKey()) + "," + encode(e.getValue()));
        }
        return explode ? String.join("", parts) : name + "=" + String.join(",", parts);
      }
      return name + "=" + encode(flat(v));
    }
    return prefix + joined(v, explode, sep, true);
  }

  /** Simple style (path and header): items or members joined; encoded for a path when asked. */
  private static String joined(JsonNode v, boolean explode, String sep, boolean encoded) {
    java.util.function.UnaryOperator<String> enc = encoded ? DocumentRequests::encode : s -> s;
    if (v.isArray()) {
      return String.join(sep, items(v).stream().map(enc).toList());
    }
    if (v.isObject()) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, String> e : members(v)) {
        parts.add(
            explode
                ? enc.apply(e.getKey()) + "=" + enc.apply(e.getValue())
                : enc.apply(e.getKey()) + sep + enc.apply(e.getValue()));
      }
      return String.join(sep, parts);
    }
    return enc.apply(flat(v));
  }

  /**
   * A query parameter's pairs: form (exploded or not), spaceDelimited, pipeDelimited, deepObject.
   */
  static List<String> query(Parameter p, JsonNode v) {
    String name = encode(p.name());
    if (p.mediaType().isPresent()) {
      return List.of(name + "=" + encode(v.toString()));
    }
    String style = p.style();
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      if (style.equals("form") && p.explode()) {
        items(v).forEach(i -> out.add(name + "=" + encode(i)));
      } else {
        String sep =
            style.equals("spaceDelimited") ? "%20" : style.equals("pipeDelimited") ? "|" : ",";
        out.add(
            name
                + "="
                + String.join(sep, items(v).stream().map(DocumentRequests::encode).toList()));
      }
      return out;
    }
    if (v.isObject()) {
      if (style.equals("deepObject")) {
        members(v)
            .forEach(
                e -> out.add(name + "%5B" + encode(e.getKey()) + "%5D=" + encode(e.getValue())));
      } else if (p.explode()) {
        members(v).forEach(e -> out.add(encode(e.getKey()) + "=" + encode(e.getValue())));
      } else {
        List<String> parts = new ArrayList<>();
        members(v)
            .forEach(
                e -> {
                  parts.add(encode(e.getKey()));
                  parts.add(encode(e.getValue()));
                });
        out.add(name + "=" + String.join(",", parts));
      }
      return out;
    }
    out.add(name + "=" + encode(flat(v)));
    return out;
  }

  private static String header(Parameter p, JsonNode v) {
    return p.mediaType().isPresent() ? v.toString() : joined(v, p.explode(), ",", false);
  }

  private static String cookie(Parameter p, JsonNode v) {
    return p.mediaType().isPresent() ? encode(v.toString()) : joined(v, false, ",", false);
  }

  /** A form body: each field once, arrays repeated, objects as JSON. */
  static String form(JsonNode body) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (e.getValue().isArray()) {
        for (JsonNode i : e.getValue()) {
          pairs.add(encode(e.getKey()) + "=" + encode(flat(i)));
        }
      } else {
        pairs.add(encode(e.getKey()) + "=" + encode(flat(e.getValue())));
      }
    }
    return String.join("&", pairs);
  }

  /** A multipart/form-data body: one part per field (each item of an array its own part). */
  static byte[] multipart(JsonNode body) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      List<JsonNode> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(values::add);
      } else {
        values.add(e.getValue());
      }
      for (JsonNode v : values) {
        sb.append("--").append(BOUNDARY).append("\r\n");
        sb.append("Content-Disposition: form-data; name=\"")
            .append(e.getKey().replace("\"", "%22"))
            .append("\"\r\n");
        if (v.isObject() || v.isArray()) {
          sb.append("Content-Type: application/json\r\n");
        }
        sb.append("\r\n").append(flat(v)).append("\r\n");
      }
    }
    sb.append("--").append(BOUNDARY).append("--\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
