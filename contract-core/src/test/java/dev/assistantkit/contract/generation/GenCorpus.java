package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The single-file documents of the corpus and the schemas in them: components, request bodies,
 * parameters and responses, each at the location where the schema is written (reference objects
 * followed).
 */
final class GenCorpus {

  /** The single-file corpus documents (multi-file ones need a bundler). */
  static final List<String> DOCUMENTS =
      List.of(
          "oai-petstore-expanded/petstore-expanded.yaml",
          "oai-tictactoe/tictactoe.yaml",
          "swagger-petstore-v3/openapi.yaml",
          "museum-api/openapi.yaml",
          "readme-discriminators-3.0/discriminators.yaml",
          "readme-file-uploads-3.0/file-uploads.yaml",
          "readme-parameters-style-3.0/parameters-style.yaml",
          "readme-parameters-style-3.1/parameters-style.yaml",
          "readme-request-examples-3.0/request-examples.yaml",
          "readme-security-3.0/security.yaml",
          "readme-security-3.1/security.yaml",
          "realworld-conduit/openapi.yml",
          "deepl-api/openapi.yaml",
          "resend-api/resend.yaml");

  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

  /** Where a schema sits and which way it travels. */
  enum CaseKind {
    COMPONENT(Direction.RESPONSE),
    REQUEST_BODY(Direction.REQUEST),
    PARAMETER(Direction.REQUEST),
    RESPONSE(Direction.RESPONSE);

    final Direction direction;

    CaseKind(Direction direction) {
      this.direction = direction;
    }
  }

  /** A schema of a corpus document. */
  record Schema(String document, String pointer, CaseKind kind) {
    @Override
    public String toString() {
      return document.substring(0, document.indexOf('/')) + " " + pointer;
    }
  }

  /** A document, its validators and its generator, loaded once per test run. */
  record Loaded(SpecDocument spec, SchemaSet schemas, Generator generator) {}

  private GenCorpus() {}

  static Loaded load(String document) {
    return LOADED.computeIfAbsent(
        document,
        d -> {
          SpecDocument spec = SpecDocument.fromYaml(read(d));
          SchemaSet schemas = new SchemaSet(spec);
          return new Loaded(spec, schemas, new Generator(spec, schemas));
        });
  }

  static String read(String document) {
    Path root = Path.of("..", "corpus");
    if (!Files.isDirectory(root)) {
      root = Path.of("corpus");
    }
    try {
      return Files.readString(root.resolve(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every schema of a document: components, request bodies, parameters, responses. */
  static List<Schema> schemas(String document) {
    SpecDocument spec = load(document).spec();
    List<Schema> out = new ArrayList<>();
    for (String at : spec.expand("#/components/schemas/*")) {
      out.add(new Schema(document, at, CaseKind.COMPONENT));
    }
    JsonNode paths = spec.root().path("paths");
    for (String path : paths.propertyNames()) {
      String pathAt = "#/paths/" + SpecPointer.escape(path);
      JsonNode item = paths.get(path);
      parameters(spec, item.get("parameters"), pathAt + "/parameters", document, out);
      for (String method : METHODS) {
        JsonNode op = item.get(method);
        if (op == null) {
          continue;
        }
        String opAt = pathAt + "/" + method;
        parameters(spec, op.get("parameters"), opAt + "/parameters", document, out);
        if (op.has("requestBody")) {
          String body = follow(spec, opAt + "/requestBody");
          content(spec, body, document, CaseKind.REQUEST_BODY, out);
        }
        JsonNode responses = op.path("responses");
        for (String status : responses.propertyNames()) {
          String r = follow(spec, opAt + "/responses/" + SpecPointer.escape(status));
          content(spec, r, document, CaseKind.RESPONSE, out);
        }
      }
    }
    return out;
  }

  private static void parameters(
      SpecDocument spec, JsonNode list, String at, String document, List<Schema> out) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String p = follow(spec, at + "/" + i);
      if (spec.require(p).has("schema")) {
        out.add(new Schema(document, p + "/schema", CaseKind.PARAMETER));
      }
      content(spec, p, document, CaseKind.PARAMETER, out);
    }
  }

  private static void content(
      SpecDocument spec, String at, String document, CaseKind kind, List<Schema> out) {
    JsonNode content = spec.require(at).get("content");
    if (content == null) {
      return;
    }
    for (String media : content.propertyNames()) {
      if (content.get(media).has("schema")) {
        out.add(
            new Schema(document, at + "/content/" + SpecPointer.escape(media) + "/schema", kind));
      }
    }
  }

  /** The location a reference object leads to (itself when it is no reference). */
  static String follow(SpecDocument spec, String at) {
    String now = at;
    for (int hops = 0; hops < 8; hops++) {
      JsonNode n = spec.require(now);
      if (!n.has("$ref")) {
        return now;
      }
      now = n.get("$ref").asString();
    }
    return now;
  }
}
