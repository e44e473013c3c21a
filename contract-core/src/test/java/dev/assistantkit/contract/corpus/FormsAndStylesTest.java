package dev.assistantkit.contract.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.testsupport.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Form and multipart bodies and parameters of every style, read by the engine as the document
 * serializes them ({@code spec.codec}) and judged through {@link Contract#evaluate}.
 */
class FormsAndStylesTest {

  static final Contract DEEPL =
      Contract.fromFile(Corpus.document(PlainDocumentTest.ROOT, "deepl-api").main());
  static final Contract STYLES =
      Contract.fromFile(
          Corpus.document(PlainDocumentTest.ROOT, "readme-parameters-style-3.1").main());

  static final String BOUNDARY = "kit-boundary";
  static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
  static final String AUTH = "DeepL-Auth-Key " + PlainDocumentTest.KEY;

  static Decision send(
      Contract c, String method, String target, String contentType, byte[] body, String... h) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (contentType != null) {
      headers.add(Map.entry("Content-Type", contentType));
    }
    for (int i = 0; i < h.length; i += 2) {
      headers.add(Map.entry(h[i], h[i + 1]));
    }
    return c.evaluate(
        new ApiRequest(method, target, Headers.of(headers), body), PlainDocumentTest.KNOWS_KEY);
  }

  /** A multipart body of text fields and, when a name ends in {@code @}, a file part. */
  static byte[] multipart(String... fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      b.append("--").append(BOUNDARY).append("\r\n");
      String name = fields[i];
      if (name.endsWith("@")) {
        b.append("Content-Disposition: form-data; name=\"")
            .append(name, 0, name.length() - 1)
            .append("\"; filename=\"report.docx\"\r\n")
            .append("Content-Type: application/octet-stream\r\n\r\n");
      } else {
        b.append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n");
      }
      b.append(fields[i + 1]).append("\r\n");
    }
    b.append("--").append(BOUNDARY).append("--\r\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static Decision upload(byte[] body) {
    return send(DEEPL, "POST", "/v2/document", MULTIPART, body, "Authorization", AUTH);
  }

  static void refused(Decision d, int status, String rule, String pointer) {
    assertEquals(status, d.status(Profile.STRICT), d::toString);
    assertEquals(Set.of(rule), d.report(Profile.STRICT).ruleIds(), d::toString);
    assertEquals(pointer, d.report(Profile.STRICT).violations().get(0).pointer(), d::toString);
  }

  static void accepted(Decision d) {
    assertEquals(Set.of(), d.report(Profile.STRICT).ruleIds(), d::toString);
    assertEquals(200, d.status(Profile.STRICT), d::toString);
  }

  // ------------------------------------------------------------------ multipart/form-data

  @Test
  void a_valid_upload_is_accepted_its_file_a_binary_string_and_a_repeated_field_an_array() {
    accepted(
        upload(
            multipart(
                "target_lang", "DE",
                "file@", "\u0000\u00ff binary \r\n bytes",
                "translation_memory_threshold", "80",
                "glossary_ids", "g1",
                "glossary_ids", "g2")));
  }

  @Test
  void a_missing_required_part_is_refused_naming_its_derived_rule_and_pointing_at_it() {
    Decision d = upload(multipart("target_lang", "DE"));
    refused(d, 400, "translateDocument.body.file.required", "/file");
    Violation v = d.report(Profile.STRICT).violations().get(0);
    assertTrue(v.schemaLocation().endsWith("/schema/required/1"), v::toString);
  }

  @Test
  void a_field_of_the_wrong_type_is_refused_at_the_field() {
    refused(
        upload(
            multipart("target_lang", "DE", "file@", "x", "translation_memory_threshold", "high")),
        400,
        "translateDocument.body.translation_memory_threshold.type",
        "/translation_memory_threshold");
    refused(
        upload(
            multipart(
                "target_lang",
                "DE",
                "file@",
                "x",
                "glossary_ids",
                "1",
                "glossary_ids",
                "2",
                "glossary_ids",
                "3",
                "glossary_ids",
                "4",
                "glossary_ids",
                "5",
                "glossary_ids",
                "6")),
        400,
        "translateDocument.body.glossary_ids.maxItems",
        "/glossary_ids");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no closing boundary | --kit-boundary\\r\\nContent-Disposition: form-data; name=\"a\"\\r\\n\\r\\nx",
        "no opening boundary | hello",
        "a part without a name | --kit-boundary\\r\\nContent-Disposition: form-data\\r\\n\\r\\nx\\r\\n--kit-boundary--",
        "a part that is not form-data | --kit-boundary\\r\\nContent-Disposition: attachment; name=\"a\"\\r\\n\\r\\nx\\r\\n--kit-boundary--",
      })
  void a_malformed_multipart_body_is_refused_as_body_syntax(String what, String body) {
    refused(
        upload(body.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
        400,
        "request.body-syntax",
        "");
  }

  @Test
  void a_multipart_content_type_without_a_boundary_is_body_syntax() {
    refused(
        send(
            DEEPL,
            "POST",
            "/v2/document",
            "multipart/form-data",
            multipart("target_lang", "DE", "file@", "x"),
            "Authorization",
            AUTH),
        400,
        "request.body-syntax",
        "");
  }

  @Test
  void a_single_valued_field_sent_twice_is_body_syntax_pointing_at_it() {
    refused(
        upload(multipart("target_lang", "DE", "target_lang", "FR", "file@", "x")),
        400,
        "request.body-syntax",
        "/target_lang");
  }

  @Test
  void bounds_answer_413_never_an_exception() {
    String[] many = new String[2 * 1001];
    for (int i = 0; i < many.length; i += 2) {
      many[i] = "f" + i;
      many[i + 1] = "v";
    }
    refused(upload(multipart(many)), 413, "request.limits", "");
    byte[] big = multipart("target_lang", "DE", "file@", "x".repeat(1 << 20));
    refused(upload(big), 413, "request.limits", "");
  }

  @Test
  void a_part_of_a_content_type_its_encoding_does_not_name_is_refused_at_the_part()
      throws Exception {
    String text = Files.readString(Corpus.document(PlainDocumentTest.ROOT, "deepl-api").main());
    String anchor = "translation_memory_threshold: 75\n            schema:\n";
    assertTrue(text.contains(anchor), "the fixture's anchor moved");
    Contract typed =
        Contract.fromYaml(
            text.replace(
                anchor,
                "translation_memory_threshold: 75\n"
                    + "            encoding:\n"
                    + "              file:\n"
                    + "                contentType: application/pdf, image/*\n"
                    + "            schema:\n"));
    byte[] docx = multipart("target_lang", "DE", "file@", "x");
    refused(
        send(typed, "POST", "/v2/document", MULTIPART, docx, "Authorization", AUTH),
        400,
        "request.body-syntax",
        "/file");
    byte[] png =
        new String(docx, StandardCharsets.ISO_8859_1)
            .replace("application/octet-stream", "image/png")
            .getBytes(StandardCharsets.ISO_8859_1);
    accepted(send(typed, "POST", "/v2/document", MULTIPART, png, "Authorization", AUTH));
  }

  // ------------------------------------------------------------------ form-urlencoded

  @Test
  void a_form_body_is_decoded_and_judged_against_its_schema() {
    String target = "/v2/document/04DE5AD98A02647D83285A36021911C6";
    String form = "application/x-www-form-urlencoded";
    accepted(
        send(DEEPL, "POST", target, form, bytes("document_key=AB%20C+D"), "Authorization", AUTH));
    refused(
        send(DEEPL, "POST", target, form, bytes("other=1"), "Authorization", AUTH),
        400,
        "getDocumentStatus.body.document_key.required",
        "/document_key");
    refused(
        send(DEEPL, "POST", target, form, bytes("document_key=%zz"), "Authorization", AUTH),
        400,
        "request.body-syntax",
        "/document_key");
  }

  // ------------------------------------------------------------------ parameter styles

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // path: matrix, label, simple; each non-exploded (GET) and exploded (POST)
        "GET  | /anything/path/matrix/;primitive=blue/;array=blue,black/;object=name,x,description,y",
        "POST | /anything/path/matrix/;primitive=blue/;array=blue;array=black/;name=x;description=y",
        "GET  | /anything/path/label/.blue/.blue,black/.name,x,description,y",
        "POST | /anything/path/label/.blue/.blue.black/.name=x.description=y",
        "GET  | /anything/path/simple/blue/blue,black/name,x,description,y",
        "POST | /anything/path/simple/blue/blue,black/name=x,description=y",
        // query: form non-exploded and exploded, spaceDelimited, pipeDelimited, deepObject
        "GET  | /anything/query/form?primitive=blue&array=blue,black&object=name,x,description,y",
        "POST | /anything/query/form?primitive=blue&array=blue&array=black&name=x&description=y",
        "GET  | /anything/query/spaceDelimited?array=blue%20black&object=name%20x%20description%20y",
        "GET  | /anything/query/pipeDelimited?array=blue|black&object=name|x|description|y",
        "GET  | /anything/query/deepObject?object%5Bname%5D=x&object[description]=y%20z",
      })
  void every_style_reads_as_the_document_serializes_it(String method, String target) {
    accepted(send(STYLES, method, target, null, new byte[0]));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET  | /anything/path/matrix/blue/;array=a/;object=name,x | /primitive",
        "GET  | /anything/path/label/.blue/a,b/.name,x | /array",
        "GET  | /anything/path/label/.blue/.a/.name,x,description | /object",
        "GET  | /anything/query/form?primitive=a&primitive=b | /primitive",
        "GET  | /anything/query/deepObject?object[name=x | /object",
        "GET  | /anything/query/pipeDelimited?array=a%zz | /array",
      })
  void a_value_not_written_in_its_style_is_parameter_syntax_pointing_at_it(
      String method, String target, String pointer) {
    refused(
        send(STYLES, method, target, null, new byte[0]), 400, "request.parameter-syntax", pointer);
  }

  @Test
  void values_are_typed_by_their_schema_after_they_are_split() throws Exception {
    String text =
        Files.readString(
            Corpus.document(PlainDocumentTest.ROOT, "readme-parameters-style-3.1").main());
    Contract integers = Contract.fromYaml(text.replace("type: string", "type: integer"));
    accepted(send(integers, "GET", "/anything/query/pipeDelimited?array=1|2|3", null, new byte[0]));
    accepted(send(integers, "GET", "/anything/query/deepObject?object[name]=7", null, new byte[0]));
    refused(
        send(integers, "GET", "/anything/query/pipeDelimited?array=1|two|3", null, new byte[0]),
        400,
        "query_pipeDelimited_nonExploded.query.array[].type",
        "/array");
  }

  @Test
  void headers_and_cookies_are_read_in_their_styles() {
    accepted(
        send(
            STYLES,
            "GET",
            "/anything/headers/simple",
            null,
            new byte[0],
            "primitive",
            "blue",
            "array",
            "blue,black",
            "object",
            "name,x,description,y"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
