/**
 * Parameter and form-body serialization as the OpenAPI Specification (3.0.3/3.0.4, 3.1.0/3.1.1,
 * "Style Values", "Style Examples", the Encoding Object, Appendices C to E) and RFC 6570, where it
 * defers to it, define them, read from the raw request for the engine's validator (the encoding
 * side, for a client, was dropped once nothing used it: see the history of this package).
 *
 * <p>Entry points: {@link dev.assistantkit.contract.spec.codec.ParameterCodec} (one parameter),
 * {@link dev.assistantkit.contract.spec.codec.ParameterSet} (an operation's parameters from one
 * request), {@link dev.assistantkit.contract.spec.codec.UrlEncodedCodec} and {@link
 * dev.assistantkit.contract.spec.codec.MultipartCodec} (request bodies). Each is built once from
 * the spec and is immutable; decoding gives a {@link
 * dev.assistantkit.contract.spec.codec.DecodeResult}; client input never throws, every refusal is a
 * {@link dev.assistantkit.contract.spec.codec.CodecProblem} with a stable {@link
 * dev.assistantkit.contract.spec.codec.ProblemKind} key and a JSON Pointer. Work is one pass over
 * the input and bounded by {@link dev.assistantkit.contract.spec.codec.CodecSettings}.
 *
 * <h2>Readings chosen where the specification leaves room</h2>
 *
 * <ul>
 *   <li><b>Split, then decode.</b> A style's delimiters are split off the raw text before the
 *       pieces are percent-decoded (OAS 3.1.1 Appendix C), so {@code a%2Cb} is one item. Prism
 *       decodes first and splits after.
 *   <li><b>{@code +} in a query string is a space</b> by default (OAS 3.1.1 Appendices C and E read
 *       the query string as form-urlencoded; Prism, openapi-core, servlet containers and browsers
 *       do), switchable to RFC 3986's literal reading; in path segments and cookies it is itself,
 *       in form bodies a space.
 *   <li><b>label, explode=false</b> uses commas ({@code .blue,black,brown}) as RFC 6570 and the OAS
 *       3.0.4/3.1.1 table do; the 3.0.3/3.1.0 table's dots are an erratum.
 *   <li><b>Undefined values</b> (RFC 6570: null, empty array, empty object) write nothing; for a
 *       path parameter the segment is empty. An empty simple-style value reads as {@code ""},
 *       {@code []} or {@code {}} by the schema (Prism too); an empty label or matrix segment is
 *       absent.
 *   <li><b>Exploded form objects</b> take the pairs the schema's properties name (Prism); a
 *       free-form map takes every pair no other parameter of the operation names ({@link
 *       dev.assistantkit.contract.spec.codec.ParameterSet}).
 *   <li><b>spaceDelimited/pipeDelimited</b> split on the raw or percent-encoded delimiter; with
 *       explode=true (n/a in the OAS table) they read as form (Prism). Items holding the encoded
 *       delimiter cannot be told apart (OAS 3.1.1 Appendix E).
 *   <li><b>deepObject</b> beyond one level (undefined by the OAS) follows Prism: nested {@code
 *       [a][b]}, array indexes {@code [0]}; repeated keys and {@code []} also make arrays where the
 *       schema says array; brackets may come percent-encoded, as the OAS 3.1.1 table writes them.
 *   <li><b>Headers</b> are not percent-decoded or percent-encoded (OAS 3.1.1 Appendix D; Prism and
 *       openapi-core).
 *   <li><b>Cookies</b>: form style with several values uses the cookie separator ({@code a=1; a=2},
 *       {@code R=100; G=200}), OAS 3.1.1 Appendix D calling form with several values incorrect for
 *       cookies and leaving it implementation-defined; values are percent-decoded; the first of two
 *       same-named cookies wins (RFC 6265 section 5.4).
 *   <li><b>Duplicates</b>: a single-valued query parameter sent twice is a problem (openapi-core
 *       takes the first, Prism the last); a header sent twice combines as a list (RFC 9110) and is
 *       a problem only for a single value.
 *   <li><b>allowEmptyValue</b> false (the default) refuses {@code ?name=} for single-valued reads,
 *       as openapi-core does; exploded arrays and objects are not checked.
 *   <li><b>Coercion</b> happens only where the schema does not take the text as a string already:
 *       {@code "5"} to 5 for integer or number, {@code true}/{@code false} for boolean, {@code
 *       null} for null; anything else stays a string for validation to report.
 *   <li><b>Form bodies</b> without an Encoding Object are content-based (OAS 3.0.4/3.1.1): arrays
 *       from repeated keys or parts, objects as JSON. Encoding {@code style} applies to multipart
 *       in 3.1 and not in 3.0 (the 3.0.x text ignores it unless the body is form-urlencoded).
 *   <li><b>Files</b> in multipart bodies stand as a short descriptor string ({@link
 *       dev.assistantkit.contract.spec.codec.FormPart#placeholder()}); the bytes stay in the parts.
 * </ul>
 */
package dev.assistantkit.contract.spec.codec;
