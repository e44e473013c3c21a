package dev.assistantkit.contract.spec;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Which property names hold secrets: every property the spec marks {@code writeOnly}, and the names
 * of {@code x-secret-names} (compared in any case, ignoring {@code _} and {@code -}).
 */
public final class SecretNames {

  private final Set<String> writeOnly;
  private final Set<String> normalized;
  private final Set<String> carriers;

  private SecretNames(Set<String> writeOnly, Set<String> normalized, Set<String> carriers) {
    this.writeOnly = Set.copyOf(writeOnly);
    this.normalized = Set.copyOf(normalized);
    this.carriers = Set.copyOf(carriers);
  }

  public static SecretNames parse(SpecDocument spec) {
    Set<String> writeOnly = new TreeSet<>();
    JsonNode schemas = spec.node("#/components/schemas").orElse(null);
    if (schemas != null) {
      for (Map.Entry<String, JsonNode> s : schemas.properties()) {
        collect(s.getValue(), writeOnly);
      }
    }
    Set<String> normalized = new TreeSet<>();
    writeOnly.forEach(n -> normalized.add(normalize(n)));
    spec.node("#/x-secret-names/names")
        .ifPresent(names -> names.forEach(n -> normalized.add(normalize(n.asString()))));
    // the headers, query parameters and cookies that carry an API key
    Set<String> carriers = new TreeSet<>();
    spec.node("#/components/securitySchemes")
        .ifPresent(
            schemes -> {
              for (JsonNode s : schemes) {
                JsonNode scheme = spec.resolve(s);
                if ("apiKey".equals(scheme.path("type").asString(""))
                    && !scheme.path("name").asString("").isEmpty()) {
                  carriers.add(scheme.get("name").asString());
                }
              }
            });
    carriers.forEach(n -> normalized.add(normalize(n)));
    return new SecretNames(writeOnly, normalized, carriers);
  }

  private static void collect(JsonNode schema, Set<String> out) {
    JsonNode props = schema.get("properties");
    if (props != null && props.isObject()) {
      for (Map.Entry<String, JsonNode> p : props.properties()) {
        if (p.getValue().path("writeOnly").asBoolean(false)) {
          out.add(p.getKey());
        }
        collect(p.getValue(), out);
      }
    }
  }

  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Is a property of this name a secret? */
  public boolean isSecret(String name) {
    return normalized.contains(normalize(name));
  }

  /** The names of the headers, query parameters and cookies that carry an API key. */
  public Set<String> carriers() {
    return carriers;
  }

  /** The properties the spec marks writeOnly (never in a response). */
  public Set<String> writeOnly() {
    return writeOnly;
  }

  /** The names as compared: lower case, without {@code _} and {@code -}. */
  public Set<String> normalizedNames() {
    return normalized;
  }
}
