package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * "Is this the API at all?", asked before any check: two requests no conformant server accepts (no
 * credentials; an id no resource has), without a body, so that even a server that lets them through
 * changes nothing. When neither answer has a status the operation declares, or neither is JSON
 * where the profile holds errors to a JSON shape (strict, or a document that states the shape), the
 * target is not the API (a static file server, a login page, a proxy's error page) and the run
 * stops with the reason, before sending anything else. In the documented profile a server of the
 * page that answers its errors as text is checked, not turned away: the page shows no error body.
 */
final class Probes {

  private Probes() {}

  /** Why the target is not the API, or empty when it may be. */
  static Optional<String> notTheApi(
      Contract contract, ApiClient client, Reproduction reproduction, String key, String id) {
    return notTheApi(contract, client, reproduction, key, id, null);
  }

  /**
   * Why the target is not the API, or empty when it may be; a document whose operations are all
   * plain ({@link DocumentPlan#plain}) is probed with one request made as it states it (settings
   * given), and an answer passes when its status is declared, by code, range or default, and it is
   * JSON where that response declares JSON.
   */
  static Optional<String> notTheApi(
      Contract contract,
      ApiClient client,
      Reproduction reproduction,
      String key,
      String id,
      ConformanceSettings settings) {
    boolean plain =
        settings != null && contract.operations().stream().allMatch(DocumentPlan::plain);
    Operation op;
    List<ApiRequest> probes;
    if (plain) {
      java.util.Map.Entry<Operation, ApiRequest> probe =
          DocumentPlan.probe(contract, settings, key);
      op = probe.getKey();
      probes = List.of(probe.getValue());
    } else {
      op = contract.operations().get(0);
      ApiRequest withKey = CaseRequests.json(op, id, new byte[0], key);
      probes =
          List.of(
              withKey.withHeaders(withKey.headers().without("Authorization")),
              CaseRequests.json(op, CaseRequests.UNKNOWN_ID, new byte[0], key));
    }
    List<String> seen = new ArrayList<>();
    boolean anyJson = false;
    boolean anyDeclared = false;
    boolean anyAnswer = false;
    boolean anyWholeError = false;
    for (ApiRequest probe : probes) {
      ApiClient.Call ex = client.send(probe);
      if (!ex.answered()) {
        seen.add(
            probe.method()
                + " "
                + probe.path()
                + ": no answer ("
                + reproduction.mask(ex.error().orElse("?"))
                + ")");
        continue;
      }
      anyAnswer = true;
      Observed a = ex.answer().get();
      boolean json = isJson(a);
      boolean declared =
          plain
              ? (op.responses().isEmpty()
                  ? undeclaredMayBeTheApi(a.status())
                  : op.declares(a.status()))
              : op.declaredStatuses().contains(a.status());
      if (plain && declared && !json) {
        // an answer the document declares without a JSON body (a 204, text, a file) is the API's
        json = op.response(a.status()).map(r -> r.json().isEmpty()).orElse(true);
      }
      anyJson |= json;
      anyDeclared |= declared;
      // a declared client error, its body whole (not cut at the cap, not stalled): a server of the
      // page may answer its errors in any form, never a 200 to a request without credentials
      anyWholeError |=
          declared && a.status() >= 400 && a.status() < 500 && !a.truncated() && !ex.stalled();
      seen.add(
          probe.method()
              + " "
              + probe.path()
              + ": "
              + a.status()
              + " "
              + (a.contentType() == null ? "(no Content-Type)" : reproduction.mask(a.contentType()))
              + (json ? "" : a.truncated() ? ", a body cut short" : ", not JSON"));
    }
    String where = client.url(probes.get(0)).replace(probes.get(0).target(), "");
    if (!anyAnswer) {
      return Optional.of(
          "no answer from " + reproduction.maskUrl(where) + " (" + String.join("; ", seen) + ")");
    }
    // JSON is asked of an error only by the error-shape rule, which the page's operation has as a
    // decision (the page shows no error body): in the documented profile a declared status is
    // enough, so a server of the page that answers its errors as text is checked, not turned away
    boolean jsonWanted =
        plain
            || settings == null
            || settings.profile() == Profile.STRICT
            || errorShapeDocumented(op);
    if ((!anyJson && (jsonWanted || !anyWholeError)) || !anyDeclared) {
      return Optional.of(
          reproduction.maskUrl(where)
              + " does not look like this API: "
              + (!anyJson ? "neither probe was answered with JSON" : "")
              + (!anyJson && !anyDeclared ? ", and " : "")
              + (!anyDeclared
                  ? "neither probe got a status "
                      + CheckPlan.label(op)
                      + " declares "
                      + op.declaredStatuses()
                  : "")
              + " ("
              + String.join("; ", seen)
              + ")");
    }
    return Optional.empty();
  }

  /**
   * Whether a rule of the operation's error shape (the group that asks an error for JSON) is
   * documented.
   */
  private static boolean errorShapeDocumented(Operation op) {
    return op.rules().all().stream()
        .anyMatch(
            r ->
                r.group().filter("error-shape"::equals).isPresent()
                    && r.origin() == dev.assistantkit.contract.rules.Origin.DOCUMENTED);
  }

  /**
   * Whether an answer to an operation that declares no response (OpenAPI 3.1 lets {@code responses}
   * be left out) may be the API's: the document states nothing it could break, so only a 404 or 405
   * (no such route) or a server error says the target is something else. A target that is not the
   * API and passes this fails the checks that follow, never passes them silently.
   */
  static boolean undeclaredMayBeTheApi(int status) {
    return status / 100 != 5 && status != 404 && status != 405;
  }

  private static boolean isJson(Observed a) {
    if (a.truncated() || a.body().length == 0) {
      return false;
    }
    try {
      JsonNode n = SpecBodies.JSON.readTree(a.body());
      return n != null && !n.isMissingNode();
    } catch (JacksonException e) {
      return false;
    }
  }
}
