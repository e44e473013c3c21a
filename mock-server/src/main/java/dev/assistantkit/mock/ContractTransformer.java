package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.contract.Part;
import dev.assistantkit.contract.RequestCheck;
import dev.assistantkit.contract.Rule;
import dev.assistantkit.contract.ValidationReport;
import dev.assistantkit.mock.edge.AsSent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's behaviour, attached to the low-priority catch-all stub of the operation, so any
 * stub a user adds with a higher priority answers instead.
 *
 * <p>Order (the contract's x-decisions): Prefer, credentials (401), the request on its own (400),
 * existence (404), the rules of the assistant's current mode (400), else the update and 200.
 */
final class ContractTransformer extends StubTransformer {

  static final String NAME = "assistant-contract";
  static final String PATH_PREFIX = "/assistant/update/";

  private static final Logger LOG = LoggerFactory.getLogger(ContractTransformer.class);
  private static final Pattern PREFER_CODE =
      Pattern.compile("(?i)(?:^|[;,\\s])code\\s*=\\s*\"?([0-9]{1,3})");
  private static final JsonMapper JSON3 = JsonMapper.builder().build();

  private final MockRuntime.Loading runtime;
  private final MockConfig.Latency latency;
  private final java.util.Set<String> keys;
  private volatile String successMessage;

  ContractTransformer(MockRuntime.Loading runtime, MockConfig config) {
    super(NAME);
    this.runtime = runtime;
    this.latency = config.latency();
    this.keys = java.util.Set.copyOf(config.apiKeys());
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String id = assistantId(request.getUrl());
    Contract contract = runtime.get().contract();
    ResponseDefinitionBuilder answer;
    try {
      answer = answer(contract, runtime.get().store(), serveEvent, id);
    } catch (ReferenceAssistantApi.NotFound e) {
      ValidationReport notFound = contract.notFound(id);
      answer = error(contract, notFound.status(), notFound);
    } catch (ReferenceAssistantApi.Rejected e) {
      answer = error(contract, e.report().status(), e.report());
    } catch (RuntimeException e) {
      // never a stack trace to the client, never request data in the log
      LOG.error("internal error answering PATCH {}: {}", request.getUrl(), e.getClass().getName());
      answer = error(contract, 500, internalError(contract));
    }
    // logged by the edge with --verbose, masked (edge.Answers)
    ResponseDefinition done = withLatency(answer).build();
    return done;
  }

  private ResponseDefinitionBuilder answer(
      Contract contract, AssistantStore store, ServeEvent serveEvent, String id) {
    Request request = serveEvent.getRequest();
    String prefer = request.containsHeader("Prefer") ? request.getHeader("Prefer") : null;
    if (prefer != null) {
      Matcher m = PREFER_CODE.matcher(prefer);
      if (m.find()) {
        return forced(contract, Integer.parseInt(m.group(1)), id);
      }
    }
    // the headers and body as the client sent them (WireMock holds them masked)
    ContractRequest cr = new ContractRequest(id, AsSent.headers(request), AsSent.body(request));
    ValidationReport auth = contract.requests().checkCredentials(cr, keys::contains);
    if (!auth.isEmpty()) {
      return error(contract, auth.status(), auth);
    }
    RequestCheck check = contract.requests().checkRequest(cr);
    if (!check.passed()) {
      return error(contract, check.report().status(), check.report());
    }
    var api =
        new ReferenceAssistantApi(
            store,
            mode -> contract.requests().checkAgainstState(check, mode),
            successMessage(contract));
    var response = api.updateAssistant(UUID.fromString(id), AssistantChanges.read(cr.body()));
    return JsonResponses.json(200, toBytes(response));
  }

  /** Prefer: code=NNN answers that status with its example, if the operation declares it. */
  private String successMessage(Contract contract) {
    String m = successMessage;
    if (m == null) {
      m = JSON3.readTree(contract.spec().firstResponseExample(200)).get("message").asString();
      successMessage = m;
    }
    return m;
  }

  private ResponseDefinitionBuilder forced(Contract contract, int status, String id) {
    if (!contract.spec().declaredStatuses().contains(status)) {
      Rule rule = contract.rules().get("mock.prefer");
      return error(
          contract,
          400,
          ValidationReport.of(
              rule.violation(
                  Part.HEADER,
                  "/Prefer",
                  rule.enforcedBy().get(0),
                  Map.of("detail", "code=" + status))));
    }
    String example = contract.spec().firstResponseExample(status);
    if (status == 200) {
      ObjectNode body = (ObjectNode) JSON3.readTree(example);
      ((ObjectNode) body.get("data")).put("assistant_id", id);
      example = JSON3.writeValueAsString(body);
    }
    return JsonResponses.json(status, example.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseDefinitionBuilder error(
      Contract contract, int status, ValidationReport report) {
    return JsonResponses.json(status, contract.errorBodies().render(status, report));
  }

  private static ValidationReport internalError(Contract contract) {
    Rule rule = contract.rules().get("server.internal-error");
    return ValidationReport.of(rule.violation(Part.BODY, "", rule.enforcedBy().get(0), Map.of()));
  }

  private ResponseDefinitionBuilder withLatency(ResponseDefinitionBuilder b) {
    if (latency.maxMillis() == 0) {
      return b;
    }
    return latency.minMillis() == latency.maxMillis()
        ? b.withFixedDelay(latency.minMillis())
        : b.withUniformRandomDelay(latency.minMillis(), latency.maxMillis());
  }

  static String assistantId(String url) {
    String path = url;
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    String raw = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : "";
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static byte[] toBytes(Object value) {
    try {
      return AssistantChanges.JSON.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
