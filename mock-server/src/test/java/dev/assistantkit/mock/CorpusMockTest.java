package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.generation.Breaking;
import dev.assistantkit.contract.generation.Broken;
import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.generation.Generator;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Parameter;
import dev.assistantkit.contract.rules.Response;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.testsupport.Corpus;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The mock on every document of the corpus (real public documents no one here wrote), started
 * in-process as a user would start it on their own document:
 *
 * <ul>
 *   <li>every named example of every response is answered, as written, to {@code Prefer: code=NNN,
 *       example=NAME};
 *   <li>an operation whose success answer has no example answers a valid request with a body valid
 *       against its schema (and its declared status and headers);
 *   <li>for each rule derived from the document, one request breaking that one keyword (made with
 *       the generator's breaker, the rest valid) is refused with the operation's client-error
 *       status, naming the rule. A keyword the breaker cannot break alone, or a request HTTP cannot
 *       carry, is skipped, counted and bounded.
 * </ul>
 *
 * <p>Where a document declares a schema for that client error, the kit's RFC 9457 problem body is
 * checked against it and the mismatches are counted, not failed: the kit answers its own error
 * shape (which names the rule) to a document that declares another; see docs/frontend.md.
 */
class CorpusMockTest {

  static final Path ROOT = Path.of("..");
  static final String KEY = "corpus-test-key";

  /**
   * At most this share of the derived rules may be skipped, over the whole corpus (about half
   * today: keywords the breaker cannot break alone, types a parameter's text cannot break, and
   * bodies of no JSON media type, which this test does not write).
   */
  static final double MAX_SKIPPED = 0.55;

  private final AtomicInteger rulesTested = new AtomicInteger();
  private final AtomicInteger rulesSkipped = new AtomicInteger();
  private final Map<String, Integer> skipReasons = new java.util.TreeMap<>();

  @TestFactory
  Stream<DynamicTest> every_corpus_document() {
    Stream<DynamicTest> docs =
        Corpus.documents(ROOT).stream().map(d -> dynamicTest(d.name(), () -> check(d)));
    Stream<DynamicTest> bound =
        Stream.of(
            dynamicTest(
                "skipped rules are bounded",
                () -> {
                  int tested = rulesTested.get();
                  int skipped = rulesSkipped.get();
                  System.out.println(
                      "corpus: "
                          + tested
                          + " derived rules refused by name, "
                          + skipped
                          + " skipped "
                          + skipReasons);
                  assertTrue(tested > 0);
                  assertTrue(
                      skipped <= MAX_SKIPPED * (tested + skipped),
                      skipped + " of " + (tested + skipped) + " skipped: " + skipReasons);
                }));
    return Stream.concat(docs, bound);
  }

  private void check(Corpus.Document d) {
    Contract contract = Contract.fromFile(d.main());
    Generator generator = new Generator(contract.spec(), new SchemaSet(contract.spec()));
    CorpusRequests requests = new CorpusRequests(generator, KEY);
    List<String> failures = new ArrayList<>();
    Counts counts = new Counts();
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)), contract)) {
      MockHttp http = new MockHttp(server.baseUrl());
      for (Operation op : contract.operations()) {
        examples(contract, op, http, failures, counts);
        generated(contract, op, requests, http, failures, counts);
        broken(contract, generator, op, requests, http, failures, counts);
      }
    }
    System.out.println(d.name() + ": " + counts);
    assertTrue(
        failures.isEmpty(),
        d.name()
            + ": "
            + failures.size()
            + " failures\n"
            + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
  }

  /** What one document's run did. */
  static final class Counts {
    int examples;
    int generated;
    int refused;
    int skipped;
    int errorShapeMismatches;
    int operationsWithoutRequest;
    int byCombinator;

    @Override
    public String toString() {
      return examples
          + " examples answered, "
          + generated
          + " generated answers valid, "
          + refused
          + " broken requests refused by rule ("
          + byCombinator
          + " naming the oneOf/anyOf they break), "
          + skipped
          + " rules skipped, "
          + operationsWithoutRequest
          + " operations without a writable request, "
          + errorShapeMismatches
          + " error answers not of the document's error schema (each a failure)";
    }
  }

  // ------------------------------------------------------------------ examples

  private void examples(
      Contract contract, Operation op, MockHttp http, List<String> failures, Counts counts) {
    SpecDocument spec = contract.spec();
    String path = op.path().fill(anyPathValues(op));
    for (Response r : op.responses()) {
      int status = statusFor(op, r);
      if (status < 0) {
        continue;
      }
      for (MediaType m : r.content()) {
        JsonNode media = spec.resolve(spec.require(m.location()));
        for (Map.Entry<String, JsonNode> e : media.path("examples").properties()) {
          JsonNode example = spec.resolve(e.getValue());
          String name = e.getKey();
          if (!example.has("value") || name.matches(".*[;,\"].*")) {
            continue; // an external value, or a name a Prefer header cannot carry
          }
          Map<String, String> headers = new HashMap<>();
          headers.put("Prefer", "code=" + status + ", example=" + name);
          if (!m.name().contains("*")) {
            headers.put("Accept", m.name());
          }
          MockHttp.Answer a =
              http.send(op.method(), path, HttpRequest.BodyPublishers.noBody(), headers);
          String what = op + " example " + name + " of " + r.key() + " " + m.name();
          if (a.status() != status) {
            failures.add(what + ": answered " + a.status() + " " + a.text());
            continue;
          }
          // the mock masks credential-looking properties in everything it sends (access_token,
          // api_key, ...), a document's own example included: compared as it is sent
          JsonNode want =
              m.kind() == MediaType.Family.JSON
                  ? MockHttp.JSON.readTree(
                      contract
                          .masker()
                          .maskJsonBody(MockHttp.JSON.writeValueAsBytes(example.get("value")))
                          .orElseThrow())
                  : example.get("value");
          // an example given as the JSON text of a body its schema describes (readme's
          // "stringified JSON") is answered as that JSON
          boolean same =
              m.kind() == MediaType.Family.JSON || !want.isString()
                  ? want.equals(a.json()) || serialized(want).equals(a.json())
                  : want.asString().equals(a.text());
          if (!same) {
            failures.add(what + ": answered " + a.text() + " instead of " + want);
          } else {
            counts.examples++;
          }
        }
      }
    }
  }

  /** The JSON a string example holds, or the example itself. */
  private static JsonNode serialized(JsonNode example) {
    if (!example.isString()) {
      return example;
    }
    try {
      JsonNode parsed = MockHttp.JSON.readTree(example.asString());
      return parsed == null ? example : parsed;
    } catch (tools.jackson.core.JacksonException notJson) {
      return example;
    }
  }

  /**
   * The status that forces a response of the operation: its own, or one its range or default
   * covers.
   */
  private static int statusFor(Operation op, Response r) {
    if (r.key().matches("[1-5][0-9][0-9]")) {
      return Integer.parseInt(r.key());
    }
    List<Integer> candidates =
        r.key().equals("DEFAULT")
            ? List.of(500, 599, 400, 499, 200, 299)
            : List.of(Integer.parseInt(r.key().substring(0, 1)) * 100);
    for (int s : candidates) {
      if (op.response(s).map(x -> x.key().equals(r.key())).orElse(false)) {
        return s;
      }
    }
    return -1;
  }

  private static Map<String, String> anyPathValues(Operation op) {
    Map<String, String> out = new LinkedHashMap<>();
    op.pathParameters().forEach(p -> out.put(p.name(), "1"));
    return out;
  }

  // ------------------------------------------------------------------ generated answers

  private void generated(
      Contract contract,
      Operation op,
      CorpusRequests requests,
      MockHttp http,
      List<String> failures,
      Counts counts) {
    Optional<Response> success = op.response(op.successStatus());
    if (success.isEmpty()
        || success.get().content().isEmpty()
        || success.get().content().stream().anyMatch(m -> hasExample(contract, m))) {
      return;
    }
    ApiRequest request;
    try {
      request = requests.write(op, requests.valid(op, 7), List.of());
    } catch (CorpusRequests.Unwritable e) {
      counts.operationsWithoutRequest++;
      return;
    }
    MockHttp.Answer a = send(http, request);
    if (a.status() != op.successStatus()) {
      failures.add(
          op + ": a valid request was answered " + a.status() + " " + a.text() + "\n  " + request);
      return;
    }
    List<Finding> findings =
        contract.checkResponse(
            request, Observed.of(a.status(), a.contentType(), a.body()), Set.of());
    if (!findings.isEmpty()) {
      failures.add(op + ": the generated answer " + a.text() + " breaks " + findings);
    } else {
      counts.generated++;
    }
  }

  private static boolean hasExample(Contract contract, MediaType m) {
    JsonNode media = contract.spec().resolve(contract.spec().require(m.location()));
    return media.has("example") || !media.path("examples").isEmpty();
  }

  // ------------------------------------------------------------------ broken requests

  private void broken(
      Contract contract,
      Generator generator,
      Operation op,
      CorpusRequests requests,
      MockHttp http,
      List<String> failures,
      Counts counts) {
    SchemaWalker walker = contract.walker();
    long seed = 11;
    Map<String, Runnable> cases = new LinkedHashMap<>();
    Set<String> skipped = new LinkedHashSet<>();
    CorpusRequests.Values valid;
    try {
      valid = requests.valid(op, seed);
    } catch (CorpusRequests.Unwritable e) {
      derivedRules(op).forEach(r -> skip(r.id(), "no valid request: " + e.getMessage(), skipped));
      counts.skipped += skipped.size();
      return;
    }
    for (Parameter p : op.parameters()) {
      if (p.required() && p.in() != Parameter.In.PATH) {
        ruleAt(op, p.location() + "/required")
            .filter(r -> !cases.containsKey(r.id()))
            .ifPresent(
                r ->
                    cases.put(
                        r.id(),
                        () ->
                            expectRefused(
                                contract,
                                op,
                                r,
                                requests,
                                valid.with(p, null),
                                http,
                                failures,
                                counts)));
      }
      if (p.schemaLocation().isEmpty()) {
        continue;
      }
      for (SchemaWalker.Assertion a : walker.assertions(p.schemaLocation().get())) {
        Optional<Rule> rule = ruleAt(op, a.location());
        if (rule.isEmpty() || cases.containsKey(rule.get().id())) {
          continue;
        }
        if (p.mediaType().isEmpty() && !typeBreakableOnTheWire(walker, a)) {
          // a parameter travels as text: a string's type cannot be broken there (5 is "5"), nor
          // an object's or an array's by a value its style writes alike
          skip(rule.get().id(), "a type the wire cannot break", skipped);
          continue;
        }
        // a parameter's value travels as text: a broken type must read as another type there
        // ("12" breaks type: integer in JSON, not in a query), so a few seeds are tried
        Breaking b = null;
        Optional<Broken> broken = Optional.empty();
        for (long s = seed; s < seed + 6 && broken.isEmpty(); s++) {
          b = generator.breaking(p.schemaLocation().get(), a.location(), s, Direction.REQUEST);
          broken =
              b.brokenAlone()
                  .filter(x -> !a.keyword().equals("type") || readsAsAnotherType(walker, a, x));
        }
        if (broken.isEmpty()) {
          skip(rule.get().id(), reason(b), skipped);
          continue;
        }
        skipped.remove(rule.get().id());
        CorpusRequests.Values v = valid.with(p, broken.get().instance());
        cases.put(
            rule.get().id(),
            () -> expectRefused(contract, op, rule.get(), requests, v, http, failures, counts));
      }
    }
    Optional<String> body = op.body().flatMap(b -> b.json()).flatMap(MediaType::schemaLocation);
    if (body.isPresent() && valid.body() != null) {
      for (SchemaWalker.Assertion a : walker.assertions(body.get())) {
        Optional<Rule> rule = ruleAt(op, a.location());
        if (rule.isEmpty() || cases.containsKey(rule.get().id())) {
          continue;
        }
        Breaking b = generator.breaking(body.get(), a.location(), seed, Direction.REQUEST);
        Optional<Broken> broken = b.brokenAlone();
        if (broken.isEmpty()) {
          skip(rule.get().id(), reason(b), skipped);
          continue;
        }
        skipped.remove(rule.get().id());
        CorpusRequests.Values v = valid.withBody(broken.get().instance());
        cases.put(
            rule.get().id(),
            () -> expectRefused(contract, op, rule.get(), requests, v, http, failures, counts));
      }
    } else if (op.body().isPresent()) {
      derivedRules(op).stream()
          .filter(r -> r.id().contains(".body"))
          .forEach(r -> skip(r.id(), "a body of no JSON media type", skipped));
    }
    skipped.removeAll(cases.keySet());
    counts.skipped += skipped.size();
    cases.values().forEach(Runnable::run);
  }

  /** Whether a parameter's keyword can be broken in text: any but a type that text satisfies. */
  private static boolean typeBreakableOnTheWire(SchemaWalker walker, SchemaWalker.Assertion a) {
    if (!a.keyword().equals("type")) {
      return true;
    }
    String parent = a.location().substring(0, a.location().lastIndexOf('/'));
    JsonNode type = walker.effectiveAt(parent).path("type");
    List<String> types = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asString("")));
    } else {
      types.add(type.asString(""));
    }
    return types.stream().allMatch(t -> Set.of("integer", "number", "boolean").contains(t));
  }

  /** Whether a broken value, written as text, no longer reads as the type the keyword asks. */
  private static boolean readsAsAnotherType(
      SchemaWalker walker, SchemaWalker.Assertion a, Broken broken) {
    String parent = a.location().substring(0, a.location().lastIndexOf('/'));
    JsonNode type = walker.effectiveAt(parent).path("type");
    List<String> types = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asString("")));
    } else {
      types.add(type.asString(""));
    }
    List<JsonNode> values = new ArrayList<>();
    JsonNode v = broken.instance();
    if (v.isArray()) {
      v.forEach(values::add);
    } else {
      values.add(v);
    }
    for (JsonNode x : values) {
      String text = x.isString() ? x.asString() : x.toString();
      boolean looksValid =
          (types.contains("integer") && text.matches("-?[0-9]+"))
              || (types.contains("number")
                  && text.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?"))
              || (types.contains("boolean") && text.matches("true|false"));
      if (!looksValid) {
        return true;
      }
    }
    return false;
  }

  private void skip(String ruleId, String reason, Set<String> skipped) {
    if (skipped.add(ruleId)) {
      rulesSkipped.incrementAndGet();
      synchronized (skipReasons) {
        skipReasons.merge(reason, 1, Integer::sum);
      }
    }
  }

  private static String reason(Breaking b) {
    return b instanceof dev.assistantkit.contract.generation.Unbreakable u
        ? u.reason().name()
        : "NOT_ALONE";
  }

  private void expectRefused(
      Contract contract,
      Operation op,
      Rule rule,
      CorpusRequests requests,
      CorpusRequests.Values values,
      MockHttp http,
      List<String> failures,
      Counts counts) {
    ApiRequest request;
    try {
      request = requests.write(op, values, List.of());
    } catch (CorpusRequests.Unwritable e) {
      rulesSkipped.incrementAndGet();
      counts.skipped++;
      synchronized (skipReasons) {
        skipReasons.merge("unsendable", 1, Integer::sum);
      }
      return;
    }
    MockHttp.Answer a = send(http, request);
    Set<String> named = new LinkedHashSet<>();
    if (a.contentType() != null && a.contentType().contains("json") && a.body().length > 0) {
      a.json().path("errors").forEach(e -> named.add(e.path("rule").asString("")));
    }
    // an error the document declares only as text names its rules in a header
    a.headers()
        .firstValue("X-Contract-Violations")
        .ifPresent(
            v -> MockHttp.JSON.readTree(v).forEach(e -> named.add(e.path("rule").asString(""))));
    boolean byCombinator =
        a.status() == rule.status()
            && !named.isEmpty()
            && named.stream().allMatch(n -> n.endsWith(".oneOf") || n.endsWith(".anyOf"));
    if (byCombinator) {
      // a keyword inside a oneOf/anyOf branch fails the combinator: the instance no longer
      // matches one branch, and the mock names the combinator's rule (JSON Schema reports it so)
      counts.byCombinator++;
    } else if (a.status() != rule.status() || !named.contains(rule.id())) {
      failures.add(
          op
              + " "
              + rule.id()
              + ": expected "
              + rule.status()
              + " naming it, got "
              + a.status()
              + " "
              + a.text()
              + "\n  "
              + request
              + "\n  "
              + new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    rulesTested.incrementAndGet();
    counts.refused++;
    // the refusal is an answer of the document's too: valid against the schema it declares for
    // the status (petstore's {code, message}, conduit's {errors: {body: [...]}}), whatever shape
    if (op.responseSchema(a.status()).isPresent()) {
      List<Finding> findings =
          contract.checkResponse(
              request, Observed.of(a.status(), a.contentType(), a.body()), Set.of());
      if (!findings.isEmpty()) {
        counts.errorShapeMismatches++;
        failures.add(
            op + " " + rule.id() + ": the " + a.status() + " breaks its schema: " + findings);
      }
    }
  }

  private static List<Rule> derivedRules(Operation op) {
    return op.rules().all().stream()
        .filter(
            r ->
                r.kind() == dev.assistantkit.contract.rules.RuleKind.SCHEMA
                    && !r.id().endsWith(".schema"))
        .toList();
  }

  /** The derived (or catalogued) keyword rule of an operation that covers a schema location. */
  private static Optional<Rule> ruleAt(Operation op, String location) {
    return op.rules().all().stream()
        .filter(
            r ->
                r.kind() == dev.assistantkit.contract.rules.RuleKind.SCHEMA
                    && !r.id().endsWith(".schema"))
        .filter(r -> r.originAt(location).isPresent())
        .findFirst();
  }

  private static MockHttp.Answer send(MockHttp http, ApiRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().entries().forEach(e -> headers.put(e.getKey(), e.getValue()));
    return http.send(
        request.method(),
        request.target(),
        request.body().length == 0 && !request.headers().has("Content-Type")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()),
        headers);
  }
}
