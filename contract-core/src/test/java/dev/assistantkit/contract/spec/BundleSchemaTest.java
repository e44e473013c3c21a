package dev.assistantkit.contract.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled tree validates as the files did: networknt, reading the corpus's files itself and
 * following their references between files, gives the same errors as {@link SchemaSet} on the
 * bundled document, for real example instances and broken copies of them.
 */
class BundleSchemaTest {

  private static final Map<Path, SchemaSet> BUNDLED = new ConcurrentHashMap<>();

  /**
   * One instance against one schema file.
   *
   * @param main the document's main file
   * @param schema the schema's file, from the main file's directory
   * @param instance the instance: JSON text, or {@code @file} from the main file's directory
   */
  record Case(Path main, String schema, String instance) {
    @Override
    public String toString() {
      String shown = instance.length() > 60 ? instance.substring(0, 60) + "..." : instance;
      return schema + " <- " + shown;
    }
  }

  static Stream<Arguments> cases() {
    Path cafe = BundleRefs.CAFE;
    Path nhs = BundleRefs.NHS;
    String menu = "components/schemas/MenuItem.yaml";
    String order = "components/schemas/Order.yaml";
    String patient = "components/schemas/Patient.yaml";
    return Stream.of(
            new Case(
                cafe,
                menu,
                """
                {"id":"prd_01h1s5z6vf2mm1mz3hevnn9va7","object":"menuItem","name":"Cappuccino",
                 "price":4500,"category":"beverage","volume":250,"containsCaffeine":true,
                 "createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}"""),
            new Case(
                cafe, menu, "{\"name\":\"x\",\"price\":-1,\"category\":\"beverage\",\"volume\":0}"),
            new Case(cafe, menu, "{\"name\":\"Cake\",\"price\":300,\"category\":\"soup\"}"),
            new Case(
                cafe,
                order,
                "{\"customerName\":\"Mary-Jane\",\"orderItems\":[{\"menuItemId\":\"a\",\"quantity\":1}]}"),
            new Case(
                cafe,
                order,
                "{\"customerName\":\"9\",\"orderItems\":[{\"quantity\":0}],\"status\":1}"),
            new Case(nhs, patient, "@components/examples/Patient.json"),
            new Case(nhs, patient, "@components/examples/Sensitive_Patient.json"),
            new Case(nhs, patient, "@components/examples/Minimal_Patient.json"),
            new Case(
                nhs,
                patient,
                "{\"resourceType\":\"Patient\",\"id\":\"12\",\"gender\":\"robot\","
                    + "\"birthDate\":\"yesterday\",\"name\":[{\"period\":{\"start\":5}}]}"),
            new Case(
                nhs,
                "components/schemas/RelatedPersonBundle.yaml",
                "@components/examples/RelatedPersonBundle.json"),
            new Case(nhs, "components/schemas/Coverage.yaml", "@components/examples/Coverage.json"),
            new Case(nhs, "components/schemas/Coverage.yaml", "{\"resourceType\":7,\"period\":[]}"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_bundled_schema_gives_the_errors_the_files_give(Case c) throws IOException {
    String instance =
        c.instance().startsWith("@")
            ? Files.readString(c.main().resolveSibling(c.instance().substring(1)))
            : c.instance();
    Set<String> fromFiles = errors(fromFiles(c.main(), c.schema()), instance);
    SchemaSet set = BUNDLED.computeIfAbsent(c.main(), m -> new SchemaSet(SpecDocument.fromFile(m)));
    Schema bundled = set.at("#/x-bundled/" + c.schema());
    Set<String> fromBundle =
        describe(set.validate(bundled, JsonMappers.plain().readTree(instance)));
    assertEquals(fromFiles, fromBundle);
  }

  @Test
  void the_cases_hold_both_valid_and_invalid_instances() throws IOException {
    long invalid =
        cases()
            .map(a -> (Case) a.get()[0])
            .filter(c -> !c.instance().startsWith("@"))
            .filter(c -> !errors(fromFiles(c.main(), c.schema()), c.instance()).isEmpty())
            .count();
    assertTrue(invalid >= 4, "broken instances are refused: " + invalid);
    Case valid = (Case) cases().toList().get(0).get()[0];
    assertEquals(Set.of(), errors(fromFiles(valid.main(), valid.schema()), valid.instance()));
  }

  /** networknt on the files themselves: it reads each file the schema refers to. */
  private static Schema fromFiles(Path main, String schemaFile) {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(),
            b -> b.schemaRegistryConfig(config).schemas(BundleSchemaTest::readFileIri));
    Path file = main.resolveSibling(schemaFile).toAbsolutePath().normalize();
    Schema s = registry.getSchema(SchemaLocation.of(file.toUri().toString()));
    s.initializeValidators();
    return s;
  }

  private static String readFileIri(String iri) {
    if (!iri.startsWith("file:")) {
      return null;
    }
    try {
      return Files.readString(Path.of(URI.create(iri)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> errors(Schema schema, String instance) {
    return describe(
        schema.validate(
            JsonMappers.plain().readTree(instance),
            ctx -> ctx.executionConfig(e -> e.formatAssertionsEnabled(true))));
  }

  /** An error without its schema location, which differs by construction. */
  private static Set<String> describe(List<Error> errors) {
    Set<String> out = new TreeSet<>();
    for (Error e : errors) {
      out.add(e.getKeyword() + " " + e.getInstanceLocation() + " " + e.getMessage());
    }
    return out;
  }
}
