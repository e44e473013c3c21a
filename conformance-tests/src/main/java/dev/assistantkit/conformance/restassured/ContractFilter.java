package dev.assistantkit.conformance.restassured;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.judging.TrafficJudge;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import io.restassured.authentication.AuthenticationScheme;
import io.restassured.authentication.OAuth2Scheme;
import io.restassured.authentication.PreemptiveBasicAuthScheme;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract as a REST-Assured filter: every exchange of a test is judged, as the validating
 * proxy and the suite's {@code --har} judge traffic, and a request or an answer that broke a rule
 * of the profile fails the test with a {@link BrokenExchange} naming the rules.
 *
 * <pre>{@code
 * given().filter(new ContractFilter()).auth().oauth2(key).contentType("application/json")
 *     .body(body)
 *     .when().patch(baseUrl + path)
 *     .then().statusCode(200);
 * }</pre>
 *
 * <p>One filter judges the exchanges it sees in order and learns from them, as the proxy does: a
 * key the server accepted, an assistant it found, the state an accepted update left. Use a new
 * filter when the server starts afresh. A request whose method and path name no operation of the
 * contract is passed on unjudged. No message holds the request's credentials or secret values.
 */
public final class ContractFilter implements Filter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Contract contract;
  private final Profile profile;
  private final boolean judgeRequests;
  private final TrafficJudge judge;

  /** The kit's contract (openapi.yaml), strict profile. */
  public ContractFilter() {
    this(Contract.load(), Profile.STRICT, true);
  }

  /** The kit's contract (openapi.yaml) under this profile. */
  public ContractFilter(Profile profile) {
    this(Contract.load(), profile, true);
  }

  private ContractFilter(Contract contract, Profile profile, boolean judgeRequests) {
    this.contract = contract;
    this.profile = profile;
    this.judgeRequests = judgeRequests;
    this.judge = contract.trafficJudge(List.of());
  }

  /** Another OpenAPI 3.0/3.1 document, read once, and the profile whose rules fail a test. */
  public static ContractFilter of(Path spec, Profile profile) {
    return new ContractFilter(Contract.fromFile(spec), profile, true);
  }

  /**
   * The same contract and profile, failing a test only for an answer that broke a rule: for tests
   * that send requests breaking rules on purpose (the answer must still be the one the contract
   * gives, e.g. a 400 for a field of the wrong type).
   */
  public ContractFilter judgingAnswersOnly() {
    return new ContractFilter(contract, profile, false);
  }

  @Override
  public Response filter(
      FilterableRequestSpecification requestSpec,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(requestSpec, responseSpec);
    ApiRequest request = request(requestSpec);
    if (!(contract.route(request.method(), request.target()) instanceof Route.Matched)) {
      return response; // not the contract's: passed on unjudged, as the proxy's views do
    }
    Observed answer =
        Observed.of(
            response.statusCode(), response.getHeader("Content-Type"), response.asByteArray());
    Judgement j = judge.next(request, Optional.empty(), answer, Set.of()).judgement();
    List<Violation> requestBroke =
        judgeRequests ? j.explaining().report(profile).violations() : List.of();
    List<Finding> answerBroke = j.failures(profile);
    if (!requestBroke.isEmpty() || !answerBroke.isEmpty()) {
      throw new BrokenExchange(
          message(request, answer.status(), requestBroke, answerBroke),
          requestBroke.stream().map(Violation::ruleId).distinct().toList(),
          answerBroke.stream().map(Finding::ruleId).distinct().toList());
    }
    return response;
  }

  /** A test's exchange broke the contract: the message names each broken rule. */
  public static final class BrokenExchange extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final List<String> requestRules;
    private final List<String> answerRules;

    BrokenExchange(String message, List<String> requestRules, List<String> answerRules) {
      super(message);
      this.requestRules = List.copyOf(requestRules);
      this.answerRules = List.copyOf(answerRules);
    }

    /** The ids of the rules the request broke, as the contract's answer would name them. */
    public List<String> requestRules() {
      return requestRules;
    }

    /** The ids of the rules the server's answer broke. */
    public List<String> answerRules() {
      return answerRules;
    }
  }

  private String message(
      ApiRequest request, int status, List<Violation> requestBroke, List<Finding> answerBroke) {
    SecretMasker masker = contract.masker().withSecrets(secrets(request));
    StringBuilder sb =
        new StringBuilder("the exchange broke rules of the contract (profile ")
            .append(profile.wireName())
            .append("): ")
            .append(request.method())
            .append(' ')
            .append(masker.maskRequestTarget(request.target()))
            .append(" -> ")
            .append(status);
    for (Violation v : requestBroke) {
      sb.append("\n  the request broke ").append(v);
    }
    for (Finding f : answerBroke) {
      sb.append("\n  the answer broke ").append(f);
    }
    // the core's texts name rules, never credentials; what a server echoed is masked here
    return masker.maskText(masker.maskJson(sb.toString()));
  }

  /** The request as REST-Assured sends it, as the contract reads requests. */
  private static ApiRequest request(FilterableRequestSpecification spec) {
    URI uri = URI.create(spec.getURI());
    String target =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Header h : spec.getHeaders()) {
      headers.add(Map.entry(h.getName(), h.getValue()));
    }
    boolean hasContentType =
        headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"));
    if (!hasContentType && spec.getContentType() != null) {
      headers.add(Map.entry("Content-Type", spec.getContentType()));
    }
    if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Authorization"))) {
      authorization(spec.getAuthenticationScheme())
          .ifPresent(a -> headers.add(Map.entry("Authorization", a)));
    }
    if (!spec.getCookies().asList().isEmpty()) {
      List<String> cookies = new ArrayList<>();
      spec.getCookies().forEach(c -> cookies.add(c.getName() + "=" + c.getValue()));
      headers.add(Map.entry("Cookie", String.join("; ", cookies)));
    }
    return new ApiRequest(spec.getMethod(), target, Headers.of(headers), body(spec));
  }

  /**
   * The header of the preemptive schemes REST-Assured adds after the filters ({@code
   * auth().oauth2(token)}, {@code auth().preemptive().basic(user, password)}).
   */
  private static Optional<String> authorization(AuthenticationScheme scheme) {
    if (scheme instanceof PreemptiveOAuth2HeaderScheme oauth2) {
      return Optional.of("Bearer " + oauth2.getAccessToken());
    }
    if (scheme instanceof OAuth2Scheme oauth2) {
      return Optional.of("Bearer " + oauth2.getAccessToken());
    }
    if (scheme instanceof PreemptiveBasicAuthScheme basic) {
      String pair = basic.getUserName() + ":" + basic.getPassword();
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  private static byte[] body(FilterableRequestSpecification spec) {
    Object body = spec.getBody();
    if (body instanceof byte[] bytes) {
      return bytes;
    }
    if (body instanceof CharSequence text) {
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (body == null && !spec.getFormParams().isEmpty()) {
      List<String> pairs = new ArrayList<>();
      spec.getFormParams()
          .forEach(
              (k, v) ->
                  pairs.add(
                      URLEncoder.encode(k, StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
      return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }
    if (body != null) {
      throw new IllegalArgumentException(
          "ContractFilter reads a body given as text or bytes, not as "
              + body.getClass().getName());
    }
    return new byte[0];
  }

  /** What the request holds that no message may show: credentials, secret values of its body. */
  private List<String> secrets(ApiRequest request) {
    List<String> out = new ArrayList<>();
    for (String a : request.headers().all("Authorization")) {
      String[] parts = a.trim().split("\\s+", 2);
      out.add(parts.length == 2 ? parts[1] : parts[0]);
      if (parts.length == 2 && parts[0].equalsIgnoreCase("basic")) {
        try {
          String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
          out.addAll(List.of(decoded.split(":", 2)));
        } catch (IllegalArgumentException e) {
          // not base64: the header's value is masked as it is
        }
      }
    }
    try {
      collect(JSON.readTree(request.body()), false, out);
    } catch (JacksonException e) {
      // not JSON: no secret property to find
    }
    return out;
  }

  private void collect(JsonNode node, boolean secret, List<String> out) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(e.getValue(), secret || contract.masker().isSecretName(e.getKey()), out);
      }
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, secret, out));
    } else if (secret && node.isValueNode()) {
      out.add(node.asString());
    }
  }
}
