package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.Evaluation;
import dev.assistantkit.contract.Origin;
import dev.assistantkit.contract.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares an answer with the contract's prediction. Knows no rule by heart: the expected status
 * and rules come from {@link Contract#evaluate}, the response checks from {@link
 * dev.assistantkit.contract.ResponseValidator}.
 */
final class Assessor {

  /** The response rules every answered request exercises, by kind of answer. */
  static final List<String> SUCCESS_RESPONSE_RULES =
      List.of(
          "response.status-declared",
          "response.success-body",
          "response.assistant-id-echo",
          "response.json",
          "server.internal-error");

  static final List<String> ERROR_RESPONSE_RULES =
      List.of("response.status-declared", "response.error-body", "server.internal-error");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Contract contract;

  Assessor(Contract contract) {
    this.contract = contract;
  }

  List<Finding> assess(CheckCase c, Evaluation predicted, Exchange ex) {
    List<Finding> out = new ArrayList<>();
    int expected = predicted.status();
    int got = ex.status();
    String expectation = describe(predicted);
    if (got >= 500) {
      out.add(
          finding(
              "server.internal-error",
              "answered " + got + " where the contract answers " + expectation));
    }
    if (got != expected) {
      for (Map.Entry<String, Origin> s : subjects(c, predicted, ex).entrySet()) {
        out.add(new Finding(s.getKey(), s.getValue(), "expected " + expectation + ", got " + got));
      }
    }
    out.addAll(checkResponse(ex));
    if (got == expected && expected != 200) {
      Set<String> named = namedRules(ex.body());
      for (String want : predicted.report().ruleIds()) {
        if (!named.contains(want)) {
          out.add(
              new Finding(
                  want,
                  Origin.DECIDED,
                  "the "
                      + got
                      + " error body does not name "
                      + want
                      + " (it names "
                      + named
                      + ")"));
        }
      }
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /** The response checks of the core, as findings. */
  List<Finding> checkResponse(Exchange ex) {
    List<Finding> out = new ArrayList<>();
    for (Violation v :
        contract
            .responses()
            .check(ex.status(), ex.contentType(), ex.body(), ex.request().assistantId())
            .violations()) {
      out.add(new Finding(v.ruleId(), v.origin(), v.message()));
    }
    return out;
  }

  /** The rules a wrong status is held against, with the origin that decides the verdict. */
  private Map<String, Origin> subjects(CheckCase c, Evaluation predicted, Exchange ex) {
    Map<String, Origin> out = new LinkedHashMap<>();
    if (c.origin().isPresent()) {
      c.subjects().forEach(r -> out.put(r, c.origin().get()));
      return out;
    }
    c.subjects().forEach(r -> out.put(r, contract.rules().get(r).origin()));
    for (Violation v : predicted.report().violations()) {
      out.putIfAbsent(v.ruleId(), v.origin());
    }
    if (out.isEmpty()) {
      // a request the contract accepts was rejected: hold it against the rules the server names
      for (String r : namedRules(ex.body())) {
        if (contract.rules().contains(r)) {
          out.put(r, contract.rules().get(r).origin());
        }
      }
    }
    if (out.isEmpty()) {
      out.put(Finding.UNATTRIBUTED, Origin.DOCUMENTED);
    }
    return out;
  }

  private Finding finding(String ruleId, String message) {
    return new Finding(ruleId, contract.rules().get(ruleId).origin(), message);
  }

  /** "400 naming tts.pair, mode.pipeline-requires-tts", or "200". */
  static String describe(Evaluation e) {
    return e.report().isEmpty()
        ? Integer.toString(e.status())
        : e.status() + " naming " + String.join(", ", e.report().ruleIds());
  }

  /** The rule ids an ErrorResponse body names; empty when it is not one. */
  static Set<String> namedRules(byte[] body) {
    Set<String> out = new LinkedHashSet<>();
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree != null) {
        for (JsonNode e : tree.path("errors")) {
          if (e.path("rule").isString()) {
            out.add(e.path("rule").asString());
          }
        }
      }
    } catch (JacksonException e) {
      // not JSON: names nothing
    }
    return out;
  }

  /** The mode a request asks for, if it names a valid one. */
  static java.util.Optional<String> requestedMode(byte[] body) {
    try {
      JsonNode m = JSON.readTree(body).path("assistant_llm_mode");
      if (m.isString() && Contracts.shared().spec().llmModes().contains(m.asString())) {
        return java.util.Optional.of(m.asString());
      }
    } catch (JacksonException | NullPointerException e) {
      // not a JSON object
    }
    return java.util.Optional.empty();
  }
}
