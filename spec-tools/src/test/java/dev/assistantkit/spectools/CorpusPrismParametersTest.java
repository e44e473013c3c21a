package dev.assistantkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.generation.Broken;
import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.generation.Generator;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Parameter;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleKind;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.testsupport.Corpus;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prism as the second opinion on parameters and form bodies, as {@link CorpusPrismTest} is on JSON
 * bodies. For the corpus documents with parameters (path, query, header; styles) and form bodies
 * ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}), each operation gets a
 * valid request (every parameter the generator can make a value for, serialised by its style, and a
 * valid body), then requests that change one thing: a required parameter left out, one parameter
 * with a value that breaks one keyword of its schema (type, enum, format, pattern, bounds), one
 * form body breaking one keyword. Both must accept or refuse alike; where they differ, {@link
 * #KNOWN_DIFFERENCES} names the case and which one follows the OpenAPI / JSON Schema text. An
 * unexplained difference fails, and so does a listed one that is gone.
 *
 * <p>A value broken in JSON may not be broken on the wire: a string schema broken with the number 5
 * travels as the text "5", which is a valid string. Both then accept, which counts as alike.
 */
class CorpusPrismParametersTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The documents with parameters in several places and styles, or form bodies. */
  static final List<String> DOCUMENTS =
      List.of(
          "readme-parameters-style-3.0",
          "readme-file-uploads-3.0",
          "deepl-api",
          "swagger-petstore-v3",
          "oai-petstore-expanded");

  /** Changed requests per operation, at most: enough to compare the readers, bounded in time. */
  private static final int CHANGED_PER_OPERATION = 10;

  private static final String BOUNDARY = "corpus-prism-boundary-7d9";

  /**
   * Prism 5.14.2 reads no array in a form body: a field of an array schema, sent once or several
   * times ({@code text=a&text=b}, or several multipart parts of one name), is refused with "must be
   * array". OpenAPI's default encoding of a form body is style form, explode true (3.0.3, Encoding
   * Object), which sends an array as the field repeated, one item each, so one occurrence is an
   * array of one; its own example of uploading several files is exactly such a multipart array. The
   * kit follows the text. (A value broken in JSON that travels as valid text, such as the number 5
   * for a string field, is then refused by Prism for the array alone.)
   */
  private static final String MULTIPART_OBJECT =
      "Prism reads the part of an object property in multipart/form-data as text: it refuses a"
          + " valid application/json part (\"must be object\") and takes a plain non-object one."
          + " OpenAPI 3.0.3 (Encoding Object, contentType) makes application/json the default of an"
          + " object property, and style/explode apply to urlencoded bodies only. The kit follows"
          + " the text: it reads the part as JSON, and refuses a part that is not JSON (body-syntax).";

  private static final String OBJECT_PARAMETER =
      "A parameter of an object schema sent one plain value, which is no serialisation of an"
          + " object in its style (simple, form and label want key,value pairs or key=value items,"
          + " deepObject name[key]=value): the value is not an object, so type: object is broken."
          + " The kit refuses it (parameter-syntax); Prism takes it. The kit follows the text.";

  private static final String FORM_ARRAY =
      "Prism reads no array in a form body (a repeated field is still \"not an array\"); OpenAPI's"
          + " form/explode default sends an array as the field repeated. The kit follows the text.";

  /**
   * Cases where the kit and Prism disagree, by "document operation case", and who follows the text.
   * Filled from runs of this test; each entry must still differ.
   */
  static final Map<String, String> KNOWN_DIFFERENCES =
      Map.ofEntries(
          Map.entry("readme-file-uploads-3.0 put /anything/multipart-formdata valid", FORM_ARRAY),
          Map.entry(
              "readme-file-uploads-3.0 put /anything/multipart-formdata"
                  + " put-anything-multipart-formdata.body.filename[].type",
              FORM_ARRAY),
          Map.entry(
              "readme-file-uploads-3.0 put /anything/multipart-formdata"
                  + " put-anything-multipart-formdata.body.filename.type",
              FORM_ARRAY),
          Map.entry("deepl-api translateText valid", FORM_ARRAY),
          Map.entry("deepl-api translateText translateText.body.context.type", FORM_ARRAY),
          Map.entry("deepl-api translateText translateText.body.source_lang.type", FORM_ARRAY),
          Map.entry("deepl-api translateText translateText.body.target_lang.type", FORM_ARRAY),
          Map.entry("deepl-api translateDocument valid", FORM_ARRAY),
          Map.entry("deepl-api translateDocument translateDocument.body.file.type", FORM_ARRAY),
          Map.entry("deepl-api correctText valid", FORM_ARRAY),
          Map.entry(
              "readme-parameters-style-3.0 headers_standard headers_standard.header.object.type headers [primitive=elit dolore, array=consectetur ut consectetur,sed amet incididunt, object=aliqua ut magna do]",
              OBJECT_PARAMETER),
          Map.entry(
              "readme-parameters-style-3.0 headers_simple_nonExploded headers_simple_nonExploded.header.object.type headers [primitive=adipiscing, array=dolor dolore,dolor labore, object=ut incididunt sed enim]",
              OBJECT_PARAMETER),
          Map.entry(
              "readme-parameters-style-3.0 headers_simple_exploded headers_simple_exploded.header.object.type headers [primitive=lorem adipiscing dolor, array=eiusmod lorem et,amet consectetur, object=et consectetur]",
              OBJECT_PARAMETER),
          Map.entry(
              "readme-parameters-style-3.0 paths_label_exploded paths_label_exploded.path.object.type path .ipsum%20sed%20consectetur",
              OBJECT_PARAMETER),
          Map.entry(
              "readme-parameters-style-3.0 query_form_nonExploded query_form_nonExploded.query.object.type query [primitive=magna%20sit%20adipiscing, array=eiusmod%20ut, object=incididunt]",
              OBJECT_PARAMETER),
          Map.entry(
              "readme-parameters-style-3.0 query_deepObject_nonExploded query_deepObject_nonExploded.query.object.type query [object=eiusmod]",
              OBJECT_PARAMETER),
          Map.entry("readme-parameters-style-3.0 formData_standard valid", FORM_ARRAY),
          Map.entry(
              "readme-parameters-style-3.0 formData_standard formData_standard.body.array[].type",
              FORM_ARRAY),
          Map.entry(
              "readme-parameters-style-3.0 formData_standard formData_standard.body.array.type",
              FORM_ARRAY),
          Map.entry(
              "readme-parameters-style-3.0 form_data_form_exploded form_data_form_exploded.body.array[].type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 form_data_form_exploded form_data_form_exploded.body.array.type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 form_data_form_exploded form_data_form_exploded.body.object.type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 formData_form_nonExploded formData_form_nonExploded.body.array[].type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 formData_form_nonExploded formData_form_nonExploded.body.array.type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 formData_form_nonExploded formData_form_nonExploded.body.object.type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 formData_form_nonExploded formData_form_nonExploded.body.primitive.type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 form_data_deepObject_exploded valid", MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 form_data_deepObject_exploded form_data_deepObject_exploded.body.array[].type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 form_data_deepObject_exploded form_data_deepObject_exploded.body.array.type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 form_data_deepObject_exploded form_data_deepObject_exploded.body.object.type",
              MULTIPART_OBJECT),
          Map.entry(
              "readme-parameters-style-3.0 form_data_deepObject_exploded form_data_deepObject_exploded.body.primitive.type",
              MULTIPART_OBJECT));

  /**
   * Operations on one of whose requests Prism 5.14.2 dies, by document: its style deserializers
   * (prism-http validator/deserializers/style, e.g. "TypeError: value.split is not a function" in
   * simple.js) throw outside any handler and the process exits, on a parameter or form field of an
   * object schema sent a plain value (the {@code type: object} keyword broken). A mock must refuse
   * such a request, not die; the kit refuses it naming the rule. The operation's other requests are
   * not sent; Prism is restarted.
   */
  static final Map<String, List<String>> PRISM_DIES =
      Map.of(
          "readme-parameters-style-3.0",
          List.of(
              "paths_standard",
              "paths_matrix_nonExploded",
              "paths_label_nonExploded",
              "paths_simple_nonExploded",
              "paths_simple_exploded",
              "query_spaceDelimited_nonExploded",
              "query_pipeDelimited_nonExploded",
              "formData_spaceDelimited_nonExploded",
              "form_data_pipeDelimited_nonExploded"));

  private static final List<PrismMock> started = new ArrayList<>();

  /** Prism on one document, restarted when a request kills it. */
  static final class RestartablePrism {
    private final Path document;
    private PrismMock mock;

    RestartablePrism(Path document) throws Exception {
      this.document = document;
      restart();
    }

    void restart() throws Exception {
      if (mock != null) {
        mock.close();
      }
      mock = PrismMock.start(NodeTools.get(), document);
      started.add(mock);
    }

    boolean alive() {
      return mock.isAlive();
    }

    /** After a request got no answer: waits, bounded, for a dying Prism to be gone. */
    void settle() throws InterruptedException {
      for (int i = 0; i < 50 && mock.isAlive(); i++) {
        Thread.sleep(100);
      }
    }

    URI base() {
      return mock.base();
    }

    void close() {
      mock.close();
    }
  }

  @AfterAll
  static void stop() {
    started.forEach(PrismMock::close);
  }

  static Stream<Corpus.Document> documents() {
    return DOCUMENTS.stream().map(name -> Corpus.document(Path.of(".."), name));
  }

  /** A request's parts before they are put on the wire. */
  record ParamDraft(
      Map<String, String> path,
      List<String> query,
      List<Map.Entry<String, String>> headers,
      Optional<String> contentType,
      byte[] body) {

    ParamDraft copy() {
      return new ParamDraft(
          new LinkedHashMap<>(path),
          new ArrayList<>(query),
          new ArrayList<>(headers),
          contentType,
          body);
    }
  }

  /** How one parameter was put in a draft, to replace or drop it in a changed request. */
  record PlacedParameter(
      Parameter parameter, List<String> query, List<Map.Entry<String, String>> headers) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void prism_and_the_kit_accept_and_refuse_parameters_and_forms_alike(Corpus.Document doc)
      throws Exception {
    Contract contract = Contract.fromFile(doc.main());
    Generator generator = new Generator(contract.spec(), new SchemaSet(contract.spec()));
    List<CorpusPrismTest.Compared> compared = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    RestartablePrism prism = new RestartablePrism(doc.main().toAbsolutePath());
    List<String> crashed = new ArrayList<>();
    try {
      for (Operation op : contract.operations()) {
        int before = compared.size();
        compareOperation(contract, generator, prism, op, compared, skipped);
        if (!prism.alive()) {
          // Prism died on one of this operation's requests: the rest of them are not sent
          crashed.add(op.id() + ": " + compared.get(compared.size() - 1).name());
          compared.subList(before, compared.size()).clear();
          prism.restart();
        }
      }
    } finally {
      prism.close();
    }
    assertTrue(compared.size() > 1, () -> doc.name() + ": nothing compared; skipped " + skipped);
    CorpusPrismTest.judge(
        doc.name(),
        compared,
        KNOWN_DIFFERENCES,
        "; Prism died on " + crashed + "; skipped: " + skipped);
    assertEquals(
        PRISM_DIES.getOrDefault(doc.name(), List.of()),
        crashed.stream().map(c -> c.substring(0, c.indexOf(':'))).toList(),
        doc.name() + ": the operations on whose requests Prism dies (PRISM_DIES)");
  }

  private static void compareOperation(
      Contract contract,
      Generator generator,
      RestartablePrism prism,
      Operation op,
      List<CorpusPrismTest.Compared> compared,
      List<String> skipped)
      throws Exception {
    ParamDraft valid =
        new ParamDraft(
            new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), Optional.empty(), null);
    List<PlacedParameter> placed = new ArrayList<>();
    for (Parameter p : op.parameters()) {
      Optional<JsonNode> value =
          p.schemaLocation().flatMap(at -> generator.valid(at, 3, Direction.REQUEST));
      Optional<PlacedParameter> put = value.flatMap(v -> place(p, v, valid));
      if (put.isPresent()) {
        placed.add(put.get());
      } else if (p.required() || p.in() == Parameter.In.PATH) {
        skipped.add(op.id() + ": no value could be sent for " + p.in().wireName() + " " + p.name());
        return;
      }
    }
    if (!CorpusPrismTest.credentials(op, valid.query(), valid.headers())) {
      skipped.add(op.id() + ": credentials that cannot be sent");
      return;
    }
    Optional<MediaType> media = bodyMedia(op);
    ParamDraft base = valid;
    if (media.isPresent()) {
      Optional<JsonNode> body =
          generator.valid(media.get().schemaLocation().get(), 7, Direction.REQUEST);
      Optional<ParamDraft> withBody = body.flatMap(b -> withBody(valid, media.get(), b));
      if (withBody.isEmpty()) {
        skipped.add(op.id() + ": no valid " + media.get().name() + " body could be made");
        return;
      }
      base = withBody.get();
    } else if (op.body().map(b -> b.required()).orElse(false)) {
      skipped.add(op.id() + ": a required body of a media type neither side judges");
      return;
    }
    compared.add(compare(contract, prism, op, "valid", base, true));
    int changed = 0;
    // a required parameter left out
    for (PlacedParameter pl : placed) {
      Parameter p = pl.parameter();
      if (changed == CHANGED_PER_OPERATION) {
        return;
      }
      if (!p.required() || p.in() == Parameter.In.PATH) {
        continue;
      }
      ParamDraft d = base.copy();
      d.query().removeAll(pl.query());
      d.headers().removeAll(pl.headers());
      compared.add(
          compare(contract, prism, op, p.in().wireName() + " " + p.name() + " left out", d, false));
      changed++;
    }
    // one parameter breaking one keyword of its schema
    for (PlacedParameter pl : placed) {
      Parameter p = pl.parameter();
      String at = p.schemaLocation().get();
      for (Rule rule : op.rules().all()) {
        if (changed == CHANGED_PER_OPERATION) {
          return;
        }
        if (rule.kind() != RuleKind.SCHEMA || rule.enforcedBy().isEmpty()) {
          continue;
        }
        String keyword = rule.enforcedBy().get(0).pattern();
        if (!keyword.startsWith(at + "/")) {
          continue;
        }
        Optional<Broken> b = generator.breaking(at, keyword, 11, Direction.REQUEST).brokenAlone();
        if (b.isEmpty()) {
          continue;
        }
        ParamDraft d = base.copy();
        d.query().removeAll(pl.query());
        d.headers().removeAll(pl.headers());
        d.path().remove(p.name());
        if (place(p, b.get().instance(), d).isEmpty()) {
          continue; // a value that cannot travel in this place (null, nested)
        }
        compared.add(compare(contract, prism, op, rule.id() + " " + wire(p, d), d, false));
        changed++;
      }
    }
    // a form body breaking one keyword
    if (media.isPresent() && media.get().kind() != MediaType.Family.JSON) {
      String at = media.get().schemaLocation().get();
      for (Rule rule : op.rules().all()) {
        if (changed == CHANGED_PER_OPERATION) {
          return;
        }
        if (rule.kind() != RuleKind.SCHEMA
            || rule.enforcedBy().isEmpty()
            || !rule.id().contains(".body.")) {
          continue;
        }
        Optional<Broken> b =
            generator
                .breaking(at, rule.enforcedBy().get(0).pattern(), 11, Direction.REQUEST)
                .brokenAlone();
        Optional<ParamDraft> d = b.flatMap(x -> withBody(valid, media.get(), x.instance()));
        if (d.isEmpty()) {
          continue;
        }
        compared.add(compare(contract, prism, op, rule.id(), d.get(), false));
        changed++;
      }
    }
  }

  /** The body media type to send: a form one if the operation has one, else JSON. */
  private static Optional<MediaType> bodyMedia(Operation op) {
    if (op.body().isEmpty()) {
      return Optional.empty();
    }
    Optional<MediaType> form =
        op.body().get().content().stream()
            .filter(
                m -> m.kind() == MediaType.Family.FORM || m.kind() == MediaType.Family.MULTIPART)
            .filter(m -> m.schemaLocation().isPresent())
            .findFirst();
    return form.or(() -> op.body().get().json().filter(m -> m.schemaLocation().isPresent()));
  }

  private static Optional<ParamDraft> withBody(ParamDraft d, MediaType media, JsonNode body) {
    byte[] bytes;
    String contentType;
    switch (media.kind()) {
      case JSON -> {
        bytes = JSON.writeValueAsBytes(body);
        contentType = "application/json";
      }
      case FORM -> {
        Optional<String> form = urlEncoded(body);
        if (form.isEmpty()) {
          return Optional.empty();
        }
        bytes = form.get().getBytes(StandardCharsets.UTF_8);
        contentType = "application/x-www-form-urlencoded";
      }
      case MULTIPART -> {
        Optional<byte[]> parts = multipart(body);
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        bytes = parts.get();
        contentType = "multipart/form-data; boundary=" + BOUNDARY;
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(
        new ParamDraft(
            d.path(),
            new ArrayList<>(d.query()),
            new ArrayList<>(d.headers()),
            Optional.of(contentType),
            bytes));
  }

  /** A form body as OpenAPI's default encoding has it: style form, exploded. */
  private static Optional<String> urlEncoded(JsonNode body) {
    if (!body.isObject()) {
      return Optional.empty();
    }
    List<String> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : body.properties()) {
      if (f.getValue().isArray()) {
        for (JsonNode item : f.getValue()) {
          Optional<String> s = text(item);
          if (s.isEmpty()) {
            return Optional.empty();
          }
          fields.add(CorpusPrismTest.enc(f.getKey()) + "=" + CorpusPrismTest.enc(s.get()));
        }
      } else {
        Optional<String> s = text(f.getValue());
        if (s.isEmpty()) {
          return Optional.empty();
        }
        fields.add(CorpusPrismTest.enc(f.getKey()) + "=" + CorpusPrismTest.enc(s.get()));
      }
    }
    return Optional.of(String.join("&", fields));
  }

  /**
   * A multipart body as OpenAPI's defaults have it: a primitive as text/plain, an array of
   * primitives as one part per item, an object as application/json.
   */
  private static Optional<byte[]> multipart(JsonNode body) {
    if (!body.isObject()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, JsonNode> f : body.properties()) {
      List<JsonNode> items = new ArrayList<>();
      if (f.getValue().isArray() && allScalars(f.getValue())) {
        f.getValue().forEach(items::add);
      } else {
        items.add(f.getValue());
      }
      for (JsonNode item : items) {
        String head =
            "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"";
        String content;
        if (item.isContainer()) {
          head += "\r\nContent-Type: application/json";
          content = JSON.writeValueAsString(item);
        } else if (item.isNull()) {
          return Optional.empty();
        } else {
          content = item.asString();
        }
        out.writeBytes((head + "\r\n\r\n" + content + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Optional.of(out.toByteArray());
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode item : array) {
      if (!item.isValueNode() || item.isNull()) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> text(JsonNode v) {
    return v.isValueNode() && !v.isNull() ? Optional.of(v.asString()) : Optional.empty();
  }

  /**
   * Puts a parameter's value in the draft, serialised by its style and explode (OpenAPI 3's table):
   * a primitive, an array of primitives or an object of primitives; empty for a value that has no
   * serialisation here (null, nested containers, a content parameter).
   */
  private static Optional<PlacedParameter> place(Parameter p, JsonNode v, ParamDraft d) {
    if (p.mediaType().isPresent() || v.isNull()) {
      return Optional.empty();
    }
    List<String> items = new ArrayList<>();
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode i : v) {
        Optional<String> s = text(i);
        if (s.isEmpty()) {
          return Optional.empty();
        }
        items.add(s.get());
      }
    } else if (v.isObject()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        Optional<String> s = text(e.getValue());
        if (s.isEmpty()) {
          return Optional.empty();
        }
        pairs.add(Map.entry(e.getKey(), s.get()));
      }
    }
    String style = p.style();
    boolean explode = p.explode();
    String name = p.name();
    List<String> query = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    switch (p.in()) {
      case PATH -> {
        String enc;
        if (v.isArray()) {
          List<String> e = items.stream().map(CorpusPrismTest::enc).toList();
          enc =
              switch (style) {
                case "label" -> "." + String.join(explode ? "." : ",", e);
                case "matrix" ->
                    explode
                        ? String.join("", e.stream().map(x -> ";" + name + "=" + x).toList())
                        : ";" + name + "=" + String.join(",", e);
                default -> String.join(",", e);
              };
        } else if (v.isObject()) {
          List<String> kv = new ArrayList<>();
          for (Map.Entry<String, String> e : pairs) {
            String k = CorpusPrismTest.enc(e.getKey());
            String x = CorpusPrismTest.enc(e.getValue());
            kv.add(explode ? k + "=" + x : k + "," + x);
          }
          enc =
              switch (style) {
                case "label" -> "." + String.join(explode ? "." : ",", kv);
                case "matrix" ->
                    explode
                        ? String.join("", kv.stream().map(x -> ";" + x).toList())
                        : ";" + name + "=" + String.join(",", kv);
                default -> String.join(",", kv);
              };
        } else {
          String x = CorpusPrismTest.enc(v.asString());
          enc =
              switch (style) {
                case "label" -> "." + x;
                case "matrix" -> ";" + name + "=" + x;
                default -> x;
              };
        }
        d.path().put(name, enc);
      }
      case QUERY -> {
        String n = CorpusPrismTest.enc(name);
        if (v.isArray()) {
          List<String> e = items.stream().map(CorpusPrismTest::enc).toList();
          switch (style) {
            case "spaceDelimited" -> query.add(n + "=" + String.join("%20", e));
            case "pipeDelimited" -> query.add(n + "=" + String.join("%7C", e));
            default -> {
              if (explode) {
                e.forEach(x -> query.add(n + "=" + x));
              } else {
                query.add(n + "=" + String.join(",", e));
              }
            }
          }
        } else if (v.isObject()) {
          if (style.equals("deepObject")) {
            for (Map.Entry<String, String> e : pairs) {
              query.add(
                  n
                      + "%5B"
                      + CorpusPrismTest.enc(e.getKey())
                      + "%5D="
                      + CorpusPrismTest.enc(e.getValue()));
            }
          } else if (explode) {
            for (Map.Entry<String, String> e : pairs) {
              query.add(CorpusPrismTest.enc(e.getKey()) + "=" + CorpusPrismTest.enc(e.getValue()));
            }
          } else {
            List<String> kv = new ArrayList<>();
            for (Map.Entry<String, String> e : pairs) {
              kv.add(CorpusPrismTest.enc(e.getKey()) + "," + CorpusPrismTest.enc(e.getValue()));
            }
            query.add(n + "=" + String.join(",", kv));
          }
        } else {
          query.add(n + "=" + CorpusPrismTest.enc(v.asString()));
        }
      }
      case HEADER -> {
        String value;
        if (v.isArray()) {
          value = String.join(",", items);
        } else if (v.isObject()) {
          List<String> kv = new ArrayList<>();
          pairs.forEach(
              e ->
                  kv.add(
                      explode ? e.getKey() + "=" + e.getValue() : e.getKey() + "," + e.getValue()));
          value = String.join(",", kv);
        } else {
          value = v.asString();
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
          return Optional.empty(); // not a header value HttpClient sends as it is
        }
        headers.add(Map.entry(name, value));
      }
      case COOKIE -> {
        if (v.isContainer()) {
          return Optional.empty();
        }
        headers.add(Map.entry("Cookie", name + "=" + CorpusPrismTest.enc(v.asString())));
      }
    }
    d.query().addAll(query);
    d.headers().addAll(headers);
    return Optional.of(new PlacedParameter(p, query, headers));
  }

  /** How a parameter travels in a draft, for a case's name. */
  private static String wire(Parameter p, ParamDraft d) {
    return switch (p.in()) {
      case PATH -> "path " + d.path().get(p.name());
      case QUERY -> "query " + d.query();
      case HEADER, COOKIE -> "headers " + d.headers();
    };
  }

  private static CorpusPrismTest.Compared compare(
      Contract contract,
      RestartablePrism prism,
      Operation op,
      String name,
      ParamDraft d,
      boolean valid)
      throws Exception {
    String target =
        op.path().fillRaw(n -> d.path().getOrDefault(n, ""))
            + (d.query().isEmpty() ? "" : "?" + String.join("&", d.query()));
    List<Map.Entry<String, String>> headers = new ArrayList<>(d.headers());
    d.contentType().ifPresent(ct -> headers.add(Map.entry("Content-Type", ct)));
    byte[] bytes = d.body() == null ? new byte[0] : d.body();
    Decision decision =
        contract.evaluate(
            new ApiRequest(op.method(), target, Headers.of(headers), bytes),
            CorpusPrismTest.ANY_KEY);
    int status = decision.status(Profile.DOCUMENTED);
    String rule =
        decision.report(Profile.DOCUMENTED).violations().stream()
            .map(v -> v.ruleId())
            .distinct()
            .reduce((a, b) -> a + "," + b)
            .orElse("");
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(prism.base() + target))
            .timeout(REQUEST_TIMEOUT)
            .method(
                op.method(),
                d.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(bytes));
    for (Map.Entry<String, String> h : headers) {
      if (!Set.of("host", "content-length").contains(h.getKey().toLowerCase())) {
        req.header(h.getKey(), h.getValue());
      }
    }
    String caseName = op.id() + " " + name;
    HttpResponse<String> res;
    try {
      res = CorpusPrismTest.HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      prism.settle();
      return new CorpusPrismTest.Compared(
          caseName, valid, status, rule, new CorpusPrismTest.Answer(0, List.of("no answer: " + e)));
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode v : JSON.readTree(res.headers().firstValue("sl-violations").orElse("[]"))) {
      if (v.path("severity").asString("").equals("Error")
          && v.path("location").path(0).asString("").equals("request")) {
        errors.add(v.path("location").toString() + " " + v.path("message").asString(""));
      }
    }
    if (res.statusCode() >= 400 && errors.isEmpty()) {
      errors.add(res.body().length() > 300 ? res.body().substring(0, 300) : res.body());
    }
    return new CorpusPrismTest.Compared(
        caseName, valid, status, rule, new CorpusPrismTest.Answer(res.statusCode(), errors));
  }
}
