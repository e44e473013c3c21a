package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.SpecDocument;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The kit's own rules ({@code kit-rules.yaml} in contract-core's jar): the rules of the HTTP edge,
 * routes, the mock's controls and the proxy, and the rules the engine's built-in checks report when
 * a document names none of its own. Read once per process.
 */
public final class KitRules {

  /** The classpath name of the kit's rules. */
  public static final String RESOURCE = "kit-rules.yaml";

  private static volatile KitRules loaded;

  private final List<Rule> catalogue;
  private final JsonNode engine;

  private KitRules(SpecDocument doc) {
    this.catalogue = new CatalogueParser(doc).parse(doc.require("#/x-rule-catalogue"), RESOURCE);
    this.engine = doc.require("#/x-engine-rules");
  }

  /** The kit's rules, read on first use. */
  public static KitRules get() {
    KitRules k = loaded;
    if (k == null) {
      synchronized (KitRules.class) {
        k = loaded;
        if (k == null) {
          k = new KitRules(SpecDocument.fromClasspath(RESOURCE));
          loaded = k;
        }
      }
    }
    return k;
  }

  /** The kit's rules, in the order written. */
  public List<Rule> catalogue() {
    return catalogue;
  }

  /** The rule id the kit gives a built-in check, if any. */
  String engineRule(String checkKey) {
    JsonNode id = engine.get(checkKey);
    return id == null ? null : id.asString();
  }

  /** The ids of the rules the kit gives the engine's checks. */
  java.util.Set<String> engineRuleIds() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    engine.properties().forEach(e -> out.add(e.getValue().asString()));
    return out;
  }

  /** The rules of the kit a document does not define itself, by id. */
  List<Rule> missingFrom(Map<String, Rule> documents) {
    return catalogue.stream().filter(r -> !documents.containsKey(r.id())).toList();
  }
}
