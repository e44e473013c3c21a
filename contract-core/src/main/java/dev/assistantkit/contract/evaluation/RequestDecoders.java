package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.EngineRules;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Parameter;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.codec.CodecProblem;
import dev.assistantkit.contract.spec.codec.CodecSettings;
import dev.assistantkit.contract.spec.codec.DecodeResult;
import dev.assistantkit.contract.spec.codec.MultipartCodec;
import dev.assistantkit.contract.spec.codec.ParameterSet;
import dev.assistantkit.contract.spec.codec.ParameterValue;
import dev.assistantkit.contract.spec.codec.ProblemKind;
import dev.assistantkit.contract.spec.codec.UrlEncodedCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One operation's decoders, built once at load from its Parameter Objects and its form and
 * multipart Media Type Objects ({@code spec.codec}): the parameters of a request in their styles,
 * and a form or multipart body as the JSON object its schema judges.
 */
final class RequestDecoders {

  /** The problems that are a bound, not a mistake in the body's syntax: {@code request.limits}. */
  private static final Set<ProblemKind> BOUNDS =
      Set.of(ProblemKind.TOO_MANY_PAIRS, ProblemKind.TOO_MANY_PARTS, ProblemKind.TOO_LARGE);

  /**
   * A body decoded to its fields, or the problem that kept it from being read.
   *
   * @param tree the fields as a JSON object (null on a problem)
   * @param check the engine check a problem breaks (null when read)
   * @param problem what is wrong (null when read)
   */
  record BodyFields(JsonNode tree, EngineRules.Check check, CodecProblem problem) {}

  private final ParameterSet parameters;
  private final Map<String, UrlEncodedCodec> forms;
  private final Map<String, MultipartCodec> multiparts;

  private RequestDecoders(
      ParameterSet parameters,
      Map<String, UrlEncodedCodec> forms,
      Map<String, MultipartCodec> multiparts) {
    this.parameters = parameters;
    this.forms = forms;
    this.multiparts = multiparts;
  }

  /**
   * @param maxBodyBytes the most bytes any reading of a body takes (the size itself is checked
   *     before decoding, against the reading's own limit)
   * @throws IllegalStateException when a Parameter Object or an Encoding Object is not one the
   *     OpenAPI Specification defines (a style not defined for its place, say)
   */
  static RequestDecoders of(SpecDocument spec, Operation op, long maxBodyBytes) {
    CodecSettings settings = CodecSettings.defaults().withMaxBodyBytes(maxBodyBytes);
    UnaryOperator<JsonNode> resolve = spec::resolve;
    ParameterSet parameters;
    try {
      // in the order of op.parameters(): the decoded values line up with them
      parameters =
          ParameterSet.of(
              op.parameters().stream().map(p -> spec.require(p.location())).toList(),
              resolve,
              settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(op.location() + "/parameters: " + e.getMessage(), e);
    }
    Map<String, UrlEncodedCodec> forms = new HashMap<>();
    Map<String, MultipartCodec> multiparts = new HashMap<>();
    for (MediaType m : op.body().map(b -> b.content()).orElse(List.of())) {
      try {
        JsonNode node = spec.require(m.location());
        if (m.kind() == MediaType.Family.FORM) {
          forms.put(m.location(), UrlEncodedCodec.of(node, resolve, settings));
        } else if (m.kind() == MediaType.Family.MULTIPART) {
          multiparts.put(m.location(), MultipartCodec.of(node, resolve, settings, spec.version()));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(m.location() + ": " + e.getMessage(), e);
      }
    }
    return new RequestDecoders(parameters, Map.copyOf(forms), Map.copyOf(multiparts));
  }

  /** Every parameter of the operation read from a request, in the order of its parameters. */
  List<DecodeResult> parameters(ApiRequest request, Map<String, String> rawPath) {
    String target = request.target();
    int q = target.indexOf('?');
    String query = q < 0 ? "" : target.substring(q + 1);
    return parameters.decode(rawPath, query, request.headers()).stream()
        .map(ParameterValue::result)
        .toList();
  }

  /** The detail of a parameter's problem, for {@code request.parameter-syntax}'s message. */
  static String parameterDetail(Parameter p, CodecProblem problem) {
    return p.in().wireName()
        + " parameter "
        + Evaluator.printable(p.name(), 40)
        + " cannot be read as its style says: "
        + problem.detail();
  }

  /** A form or multipart body's fields; null for a media type read otherwise. */
  BodyFields body(MediaType media, ApiRequest request) {
    DecodeResult read;
    UrlEncodedCodec form = forms.get(media.location());
    MultipartCodec multipart = multiparts.get(media.location());
    if (form != null) {
      read = form.decode(request.body());
    } else if (multipart != null) {
      read =
          multipart
              .decode(request.headers().first("Content-Type").orElse(""), request.body())
              .result();
    } else {
      return null;
    }
    if (read.ok()) {
      // an empty body reads as no fields: {}
      return new BodyFields(
          read.value().orElseGet(JsonNodeFactory.instance::objectNode), null, null);
    }
    CodecProblem problem = read.problems().get(0);
    EngineRules.Check check =
        BOUNDS.contains(problem.kind()) ? EngineRules.Check.LIMITS : EngineRules.Check.BODY_SYNTAX;
    return new BodyFields(null, check, problem);
  }
}
