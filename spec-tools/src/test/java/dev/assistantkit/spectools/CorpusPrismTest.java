package dev.assistantkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.generation.Broken;
import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.generation.Generator;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Parameter;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleKind;
import dev.assistantkit.contract.rules.Security;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.testsupport.Corpus;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prism as the second opinion on documents no one here wrote. For every corpus document, Prism
 * mocks it and the kit's engine reads it; each operation with a JSON body gets a valid request
 * (generated from its schemas) and one request per derived rule of its body that breaks that
 * keyword alone. Both must accept the valid request and refuse the broken ones alike. Where they
 * differ, {@link #KNOWN_DIFFERENCES} names the case and which one follows the OpenAPI / JSON Schema
 * text; an unexplained difference fails, and so does a listed one that is gone.
 */
class CorpusPrismTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  static final String KEY = "corpus-prism-key";

  /** Broken requests per operation, at most: enough to compare the readers, bounded in time. */
  private static final int BROKEN_PER_OPERATION = 6;

  private static final String READ_ONLY =
      "a readOnly property sent in a request: its type, format and pattern are JSON Schema keywords that still apply to a value sent (OpenAPI says such a property SHOULD NOT be sent, not that any value goes); Prism drops readOnly properties before it validates a request. The kit follows the text.";

  /**
   * Cases where the kit and Prism disagree, by "document operation case", and who follows the text.
   * Filled from runs of this test; each entry must still differ.
   */
  static final Map<String, String> KNOWN_DIFFERENCES =
      Map.of(
          "redocly-cafe-starter createOrder createOrder.body.createdAt.format", READ_ONLY,
          "redocly-cafe-starter createOrder createOrder.body.createdAt.type", READ_ONLY,
          "redocly-cafe-starter createOrder createOrder.body.id.pattern", READ_ONLY,
          "nhs-pds post-coverage post-coverage.body.identifier[].assigner.display.type", READ_ONLY);

  /** Accepts every credential: the comparison is about the request's content. */
  static final Knowledge ANY_KEY =
      new Knowledge() {
        @Override
        public KeyVerdict key(String token) {
          return KeyVerdict.ACCEPTED;
        }

        @Override
        public ResourceView resource(String resource, String id) {
          return new Unknown();
        }
      };

  private static final List<PrismMock> started = new ArrayList<>();

  @AfterAll
  static void stop() {
    started.forEach(PrismMock::close);
  }

  static Stream<Corpus.Document> documents() {
    return Corpus.documents(Path.of("..")).stream();
  }

  /** One request and what each side made of it. */
  record Compared(String name, boolean valid, int kitStatus, String kitRule, Answer prism) {
    boolean kitAccepts() {
      return kitStatus / 100 == 2;
    }

    boolean agree() {
      return valid
          ? kitAccepts() == prism.accepts()
          : !kitAccepts() == prism.refuses() && kitAccepts() == prism.accepts();
    }
  }

  /** Prism's answer: status and the errors of its sl-violations header. */
  record Answer(int status, List<String> errors) {
    boolean accepts() {
      return errors.isEmpty() && status < 400;
    }

    /** A 4xx: Prism answers an invalid request with 422 or the status the document declares. */
    boolean refuses() {
      return status >= 400 && status < 500;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void prism_and_the_kit_accept_and_refuse_alike(Corpus.Document doc) throws Exception {
    Contract contract = Contract.fromFile(doc.main());
    Assumptions.assumeFalse(
        contract.operations().isEmpty(), "no operation under paths: nothing to compare");
    Generator generator = new Generator(contract.spec(), new SchemaSet(contract.spec()));
    List<Compared> compared = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    PrismMock prism = PrismMock.start(NodeTools.get(), doc.main().toAbsolutePath());
    started.add(prism);
    try {
      for (Operation op : contract.operations()) {
        Optional<MediaType> json = op.body().flatMap(b -> b.json());
        if (json.isEmpty() || json.get().schemaLocation().isEmpty()) {
          continue;
        }
        Optional<Shell> shell = shell(op, generator);
        if (shell.isEmpty()) {
          skipped.add(op.id() + ": a parameter no value could be made for");
          continue;
        }
        String schemaAt = json.get().schemaLocation().get();
        Optional<JsonNode> valid = generator.valid(schemaAt, 7, Direction.REQUEST);
        if (valid.isEmpty()) {
          skipped.add(op.id() + ": no valid body could be made");
          continue;
        }
        compared.add(compare(contract, prism, op, shell.get(), "valid", valid.get(), true));
        int broken = 0;
        for (Rule rule : op.rules().all()) {
          if (broken == BROKEN_PER_OPERATION) {
            break;
          }
          if (rule.kind() != RuleKind.SCHEMA || !rule.id().startsWith(op.id() + ".body.")) {
            continue;
          }
          Optional<Broken> b =
              generator
                  .breaking(schemaAt, rule.enforcedBy().get(0).pattern(), 11, Direction.REQUEST)
                  .brokenAlone();
          if (b.isEmpty()) {
            continue;
          }
          broken++;
          compared.add(
              compare(contract, prism, op, shell.get(), rule.id(), b.get().instance(), false));
        }
      }
    } finally {
      prism.close();
    }
    Assumptions.assumeFalse(
        compared.isEmpty(), doc.name() + ": no operation with a JSON body to compare");
    judge(doc.name(), compared, KNOWN_DIFFERENCES, "; skipped: " + skipped);
  }

  /**
   * The verdict on one document's comparison: every difference between the kit and Prism is
   * explained in {@code known} (and every explained one is still there), and Prism answered at
   * least half of the requests. Prints the tally, with {@code more} appended.
   */
  static void judge(
      String document, List<Compared> compared, Map<String, String> known, String more) {
    List<String> unexplained = new ArrayList<>();
    List<String> agreed = new ArrayList<>();
    List<String> noAnswer = new ArrayList<>();
    for (Compared c : compared) {
      String key = document + " " + c.name();
      if (c.prism().status() == 0) {
        noAnswer.add(key);
        continue;
      }
      String why = known.get(key);
      if (c.agree()) {
        agreed.add(key);
        assertTrue(why == null, () -> key + " is listed as a known difference but both now agree");
      } else if (why == null) {
        unexplained.add(
            key
                + ": kit "
                + c.kitStatus()
                + (c.kitRule().isEmpty() ? "" : " naming " + c.kitRule())
                + ", Prism "
                + c.prism().status()
                + " "
                + c.prism().errors());
      } else {
        System.out.println("known difference, still there: " + key + ": " + why);
      }
    }
    System.out.printf(
        "%s: %d requests compared, %d alike; Prism gave no answer to %s%s%n",
        document, compared.size(), agreed.size(), noAnswer, more);
    assertTrue(
        noAnswer.size() <= compared.size() / 2,
        () -> document + ": Prism answered too few requests to compare: " + noAnswer);
    assertEquals(List.of(), unexplained, document + ": the kit and Prism disagree");
  }

  /** A request's path, query and headers with valid values, credentials included. */
  record Shell(String target, List<Map.Entry<String, String>> headers) {}

  private static Optional<Shell> shell(Operation op, Generator generator) {
    Map<String, String> path = new LinkedHashMap<>();
    List<String> query = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Parameter p : op.parameters()) {
      if (!p.required() && p.in() != Parameter.In.PATH) {
        continue;
      }
      Optional<String> value =
          p.schemaLocation()
              .flatMap(at -> generator.valid(at, 3, Direction.REQUEST))
              .flatMap(CorpusPrismTest::scalar);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      switch (p.in()) {
        case PATH -> path.put(p.name(), value.get());
        case QUERY -> query.add(enc(p.name()) + "=" + enc(value.get()));
        case HEADER -> headers.add(Map.entry(p.name(), value.get()));
        case COOKIE -> headers.add(Map.entry("Cookie", p.name() + "=" + value.get()));
      }
    }
    if (!credentials(op, query, headers)) {
      return Optional.empty();
    }
    String target = op.path().fill(path) + (query.isEmpty() ? "" : "?" + String.join("&", query));
    return Optional.of(new Shell(target, headers));
  }

  /**
   * Adds the credentials of the operation's first security alternative to the query and headers;
   * false when they cannot be sent (mutual TLS).
   */
  static boolean credentials(
      Operation op, List<String> query, List<Map.Entry<String, String>> headers) {
    Security sec = op.security();
    if (sec.required()) {
      for (Security.Scheme s : sec.alternatives().get(0).schemes()) {
        switch (s.kind()) {
          case BEARER -> headers.add(Map.entry("Authorization", "Bearer " + KEY));
          case BASIC ->
              headers.add(
                  Map.entry(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8))));
          case HTTP_OTHER ->
              headers.add(Map.entry("Authorization", s.httpScheme().orElse("Token") + " " + KEY));
          case API_KEY_HEADER -> headers.add(Map.entry(s.carrier(), KEY));
          case API_KEY_QUERY -> query.add(enc(s.carrier()) + "=" + KEY);
          case API_KEY_COOKIE -> headers.add(Map.entry("Cookie", s.carrier() + "=" + KEY));
          case MUTUAL_TLS -> {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static Optional<String> scalar(JsonNode v) {
    return v.isValueNode() && !v.isNull() ? Optional.of(v.asString()) : Optional.empty();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Compared compare(
      Contract contract,
      PrismMock prism,
      Operation op,
      Shell shell,
      String name,
      JsonNode body,
      boolean valid)
      throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(body);
    List<Map.Entry<String, String>> headers = new ArrayList<>(shell.headers());
    headers.add(Map.entry("Content-Type", "application/json"));
    Decision d =
        contract.evaluate(
            new ApiRequest(op.method(), shell.target(), Headers.of(headers), bytes), ANY_KEY);
    int status = d.status(Profile.DOCUMENTED);
    String rule =
        d.report(Profile.DOCUMENTED).violations().stream()
            .map(v -> v.ruleId())
            .distinct()
            .reduce((a, b) -> a + "," + b)
            .orElse("");
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(prism.base() + shell.target()))
            .timeout(REQUEST_TIMEOUT)
            .method(op.method(), HttpRequest.BodyPublishers.ofByteArray(bytes));
    for (Map.Entry<String, String> h : headers) {
      if (!Set.of("host", "content-length").contains(h.getKey().toLowerCase())) {
        req.header(h.getKey(), h.getValue());
      }
    }
    HttpResponse<String> res;
    try {
      res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      // Prism closed the connection without an answer: it has no opinion on this request
      return new Compared(
          op.id() + " " + name, valid, status, rule, new Answer(0, List.of("no answer: " + e)));
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode v : JSON.readTree(res.headers().firstValue("sl-violations").orElse("[]"))) {
      // Prism also reports its own generated response: only the request's errors count
      if (v.path("severity").asString("").equals("Error")
          && v.path("location").path(0).asString("").equals("request")) {
        errors.add(v.path("location").toString() + " " + v.path("message").asString(""));
      }
    }
    return new Compared(
        op.id() + " " + name, valid, status, rule, new Answer(res.statusCode(), errors));
  }
}
