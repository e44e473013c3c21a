package dev.assistantkit.mock;

import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.generation.Generator;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Valid requests to an operation of any document, made from its schemas with the generator, and the
 * same request with one parameter or the body replaced: what the corpus tests send to the mock. The
 * values are written as the parameter's style says, for the styles a test needs (primitives and
 * arrays in any place, objects as {@code deepObject} or exploded {@code form}); an operation it
 * cannot write a request for is left out, with the reason.
 */
final class CorpusRequests {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * A request as values before they are written: each parameter's value by name, the body.
   *
   * @param values each parameter's value (absent: not sent)
   * @param body the JSON body, or null for none
   * @param mediaType the body's media type
   */
  record Values(Map<Parameter, JsonNode> values, JsonNode body, String mediaType) {

    Values with(Parameter p, JsonNode v) {
      Map<Parameter, JsonNode> copy = new LinkedHashMap<>(values);
      if (v == null) {
        copy.remove(p);
      } else {
        copy.put(p, v);
      }
      return new Values(copy, body, mediaType);
    }

    Values withBody(JsonNode b) {
      return new Values(values, b, mediaType);
    }
  }

  /** Why no request could be made. */
  static final class Unwritable extends Exception {
    Unwritable(String why) {
      super(why, null, false, false);
    }
  }

  private final Generator generator;
  private final String key;

  CorpusRequests(Generator generator, String key) {
    this.generator = generator;
    this.key = key;
  }

  /** Valid values for every parameter (optional ones too) and the body (a JSON one only). */
  Values valid(Operation op, long seed) throws Unwritable {
    Map<Parameter, JsonNode> values = new LinkedHashMap<>();
    for (Parameter p : op.parameters()) {
      if (p.schemaLocation().isEmpty()) {
        values.put(p, JSON.getNodeFactory().stringNode("x"));
        continue;
      }
      JsonNode v =
          generator
              .valid(p.schemaLocation().get(), seed, Direction.REQUEST)
              .orElseThrow(() -> new Unwritable("no valid value for the parameter " + p.name()));
      values.put(p, v);
    }
    JsonNode body = null;
    String mediaType = null;
    if (op.body().isPresent()) {
      Optional<MediaType> json = op.body().get().json();
      if (json.isEmpty()) {
        if (op.body().get().required()) {
          throw new Unwritable("a required body of no JSON media type");
        }
      } else {
        mediaType = json.get().name().contains("*") ? "application/json" : json.get().name();
        body =
            json.get().schemaLocation().isEmpty()
                ? JSON.getNodeFactory().objectNode()
                : generator
                    .valid(json.get().schemaLocation().get(), seed, Direction.REQUEST)
                    .orElseThrow(() -> new Unwritable("no valid body"));
      }
    }
    return new Values(values, body, mediaType);
  }

  /** The values written as a request, with the operation's credentials (path values encoded). */
  ApiRequest write(Operation op, Values v, List<Map.Entry<String, String>> extraHeaders)
      throws Unwritable {
    Map<String, String> pathValues = new LinkedHashMap<>();
    List<String> query = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>(extraHeaders);
    List<String> cookies = new ArrayList<>();
    for (Map.Entry<Parameter, JsonNode> e : v.values().entrySet()) {
      Parameter p = e.getKey();
      JsonNode value = e.getValue();
      switch (p.in()) {
        case PATH -> pathValues.put(p.name(), pathValue(p, value));
        case QUERY -> query.addAll(queryPairs(p, value));
        case HEADER -> headers.add(Map.entry(p.name(), headerValue(p, value)));
        case COOKIE -> cookies.add(p.name() + "=" + enc(scalarOrJoined(p, value, ",")));
      }
    }
    credentials(op, headers, query, cookies);
    if (!cookies.isEmpty()) {
      headers.add(Map.entry("Cookie", String.join("; ", cookies)));
    }
    byte[] body = new byte[0];
    if (v.body() != null) {
      headers.add(Map.entry("Content-Type", v.mediaType()));
      body = JSON.writeValueAsBytes(v.body());
    }
    String path = op.path().fillRaw(n -> pathValues.getOrDefault(n, ""));
    String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
    return new ApiRequest(op.method(), target, Headers.of(headers), body);
  }

  /** The first alternative of the operation's security, each of its schemes given the key. */
  private void credentials(
      Operation op,
      List<Map.Entry<String, String>> headers,
      List<String> query,
      List<String> cookies)
      throws Unwritable {
    if (op.security().optional()) {
      return;
    }
    for (Security.Scheme s : op.security().alternatives().get(0).schemes()) {
      switch (s.kind()) {
        case BEARER -> headers.add(Map.entry("Authorization", "Bearer " + key));
        case BASIC ->
            headers.add(
                Map.entry(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(("user:" + key).getBytes(StandardCharsets.UTF_8))));
        case HTTP_OTHER ->
            headers.add(Map.entry("Authorization", s.httpScheme().orElse("") + " " + key));
        case API_KEY_HEADER -> headers.add(Map.entry(s.carrier(), key));
        case API_KEY_QUERY -> query.add(enc(s.carrier()) + "=" + enc(key));
        case API_KEY_COOKIE -> cookies.add(s.carrier() + "=" + key);
        case MUTUAL_TLS -> throw new Unwritable("mutual TLS");
      }
    }
  }

  private String pathValue(Parameter p, JsonNode value) throws Unwritable {
    String raw = joinedEncoded(p, value, ",");
    String written =
        switch (p.style()) {
          case "label" -> "." + raw;
          case "matrix" -> ";" + p.name() + "=" + raw;
          default -> raw;
        };
    if (raw.isEmpty()) {
      throw new Unwritable("an empty path value for " + p.name());
    }
    return written;
  }

  private List<String> queryPairs(Parameter p, JsonNode value) throws Unwritable {
    List<String> out = new ArrayList<>();
    String name = enc(p.name());
    if (p.mediaType().isPresent()) {
      out.add(name + "=" + enc(JSON.writeValueAsString(value)));
    } else if (value.isArray() && p.explode() && p.style().equals("form")) {
      for (JsonNode item : value) {
        out.add(name + "=" + enc(scalar(item)));
      }
    } else if (value.isArray()) {
      String sep =
          switch (p.style()) {
            case "spaceDelimited" -> "%20";
            case "pipeDelimited" -> "|";
            default -> ",";
          };
      out.add(name + "=" + joinedEncoded(p, value, sep));
    } else if (value.isObject()) {
      if (p.style().equals("deepObject")) {
        for (Map.Entry<String, JsonNode> m : value.properties()) {
          out.add(enc(p.name() + "[" + m.getKey() + "]") + "=" + enc(scalar(m.getValue())));
        }
      } else if (p.style().equals("form") && p.explode()) {
        for (Map.Entry<String, JsonNode> m : value.properties()) {
          out.add(enc(m.getKey()) + "=" + enc(scalar(m.getValue())));
        }
      } else {
        throw new Unwritable("an object query parameter of style " + p.style());
      }
    } else {
      out.add(name + "=" + enc(scalar(value)));
    }
    return out;
  }

  private String headerValue(Parameter p, JsonNode value) throws Unwritable {
    String v =
        p.mediaType().isPresent() ? JSON.writeValueAsString(value) : scalarOrJoined(p, value, ",");
    if (!v.matches("[\\x20-\\x7e]*") || !v.equals(v.trim())) {
      throw new Unwritable("a header value HTTP cannot carry as is, for " + p.name());
    }
    return v;
  }

  /** The items encoded one by one, joined by a delimiter written as is (OAS style examples). */
  private static String joinedEncoded(Parameter p, JsonNode value, String sep) throws Unwritable {
    if (p.mediaType().isPresent() || !value.isArray()) {
      return enc(scalarOrJoined(p, value, sep));
    }
    List<String> items = new ArrayList<>();
    for (JsonNode i : value) {
      items.add(enc(scalar(i)));
    }
    return String.join(sep, items);
  }

  private static String scalarOrJoined(Parameter p, JsonNode value, String sep) throws Unwritable {
    if (p.mediaType().isPresent()) {
      return JSON.writeValueAsString(value);
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode i : value) {
        items.add(scalar(i));
      }
      return String.join(sep, items);
    }
    return scalar(value);
  }

  private static String scalar(JsonNode v) throws Unwritable {
    if (v.isString()) {
      return v.asString();
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.toString();
    }
    if (v.isNull()) {
      return "null";
    }
    throw new Unwritable("a value of a kind the test does not write: " + v);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
