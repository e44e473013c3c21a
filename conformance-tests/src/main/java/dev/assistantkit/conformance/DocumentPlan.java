package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.generation.Breaking;
import dev.assistantkit.contract.generation.Broken;
import dev.assistantkit.contract.generation.Direction;
import dev.assistantkit.contract.generation.Unbreakable;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Parameter;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleKind;
import dev.assistantkit.contract.rules.Security;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The checks of an operation that the document states and no catalogue writes down (an operation of
 * any document, without {@code x-resource} or catalogue cases): the credentials each security
 * scheme implies, one request per derived rule that breaks that rule's keyword alone with the rest
 * valid, and valid requests from the document's examples or generated. What a conformant server
 * answers to each is the contract's prediction when the check runs; nothing here expects a status.
 */
final class DocumentPlan {

  /** Groups of checks, under the operation. */
  static final String VALID = "valid requests";

  static final String CREDENTIALS = "credentials";
  static final String RULES = "derived rules";

  private DocumentPlan() {}

  /** Whether an operation is checked as any document's: no resource and no catalogue case. */
  static boolean plain(Operation op) {
    return op.resource().isEmpty() && op.rules().all().stream().allMatch(r -> r.cases().isEmpty());
  }

  /** The checks of a plain operation. */
  static List<PlannedCheck> checks(
      Contract contract, Operation op, ConformanceSettings settings, String key, String prefix) {
    List<PlannedCheck> out = new ArrayList<>();
    Optional<DocumentRequests.Draft> base = base(contract, op, settings, key);
    if (base.isEmpty()) {
      out.add(
          notMade(
              prefix + "valid/none",
              op,
              VALID,
              "a valid request",
              "not sent: no valid value was found for a required parameter or the body"));
      return out;
    }
    DocumentRequests.Draft valid = base.get();
    out.add(
        check(
            prefix + "valid/" + valid.source(),
            op,
            VALID,
            valid.source(),
            request(op, valid),
            Set.of()));
    if (!valid.source().startsWith("generated")) {
      DocumentRequests.valid(contract, op, settings.pathParams(), key, settings.seed(), false)
          .map(d -> request(op, d))
          .filter(r -> !same(r, request(op, valid)))
          .ifPresent(
              r ->
                  out.add(
                      check(
                          prefix + "valid/generated",
                          op,
                          VALID,
                          "generated (seed " + settings.seed() + ")",
                          r,
                          Set.of())));
    }
    out.addAll(credentials(op, valid, key, prefix));
    out.addAll(rules(contract, op, valid, key, settings.seed(), prefix));
    return out;
  }

  /**
   * A valid draft the contract accepts: the document's examples first, else generated values; the
   * first the contract predicts a success for (an example may break its own schema), else the
   * first.
   */
  static Optional<DocumentRequests.Draft> base(
      Contract contract, Operation op, ConformanceSettings settings, String key) {
    SuiteKnowledge knows = new SuiteKnowledge(key, "");
    DocumentRequests.Draft first = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<DocumentRequests.Draft> d =
          DocumentRequests.valid(
              contract, op, settings.pathParams(), key, settings.seed() + attempt, attempt == 0);
      if (d.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = d.get();
      }
      Prediction p = contract.predict(request(op, d.get()), knows);
      if (p.acceptable(Profile.STRICT).stream().anyMatch(s -> s / 100 == 2)) {
        return d;
      }
    }
    return Optional.ofNullable(first);
  }

  static ApiRequest request(Operation op, DocumentRequests.Draft d) {
    return DocumentRequests.request(op, d);
  }

  private static boolean same(ApiRequest a, ApiRequest b) {
    return a.target().equals(b.target())
        && java.util.Arrays.equals(a.body(), b.body())
        && a.headers().entries().equals(b.headers().entries());
  }

  /**
   * What each security scheme implies, for an operation that needs credentials: no credentials, an
   * unknown key where the scheme puts it, the key by each other alternative, each scheme of a
   * requirement of several left out, and the key where its scheme does not put it.
   */
  static List<PlannedCheck> credentials(
      Operation op, DocumentRequests.Draft valid, String key, String prefix) {
    Security security = op.security();
    if (!security.required() || valid.credentials().isEmpty()) {
      return List.of();
    }
    Map<String, ApiRequest> cases = new LinkedHashMap<>();
    cases.put("no credentials", request(op, valid.withCredentials(Map.of())));
    Map<Security.Scheme, String> unknown = new LinkedHashMap<>();
    valid.credentials().keySet().forEach(s -> unknown.put(s, CaseRequests.UNKNOWN_KEY));
    cases.put("an unknown key", request(op, valid.withCredentials(unknown)));
    for (Security.Requirement r : security.alternatives()) {
      Optional<Map<Security.Scheme, String>> c = DocumentRequests.requirement(r, key);
      if (c.isEmpty()) {
        continue;
      }
      String names =
          String.join(" and ", c.get().keySet().stream().map(DocumentRequests::describe).toList());
      if (!c.get().equals(valid.credentials())) {
        cases.put("the key as " + names, request(op, valid.withCredentials(c.get())));
      }
      if (c.get().size() > 1) {
        for (Security.Scheme s : c.get().keySet()) {
          Map<Security.Scheme, String> fewer = new LinkedHashMap<>(c.get());
          fewer.remove(s);
          cases.put(
              "the key as " + names + " without " + DocumentRequests.describe(s),
              request(op, valid.withCredentials(fewer)));
        }
      }
    }
    for (Security.Scheme s : valid.credentials().keySet()) {
      misplaced(s, key)
          .ifPresent(
              m -> {
                Map<Security.Scheme, String> moved = new LinkedHashMap<>(valid.credentials());
                moved.remove(s);
                moved.put(m, key);
                cases.putIfAbsent(
                    "the key as "
                        + DocumentRequests.describe(m)
                        + " instead of "
                        + DocumentRequests.describe(s),
                    request(op, valid.withCredentials(moved)));
              });
    }
    List<PlannedCheck> out = new ArrayList<>();
    cases.forEach(
        (name, r) ->
            out.add(check(prefix + "credentials/" + name, op, CREDENTIALS, name, r, Set.of())));
    return out;
  }

  /**
   * The key sent where its scheme does not put it: a bearer token without its scheme word, an API
   * key in another place.
   */
  private static Optional<Security.Scheme> misplaced(Security.Scheme s, String key) {
    return switch (s.kind()) {
      case BEARER, BASIC, HTTP_OTHER ->
          Optional.of(
              new Security.Scheme(
                  s.name() + " (no scheme word)",
                  Security.SchemeType.API_KEY_HEADER,
                  "Authorization",
                  Optional.empty(),
                  s.location()));
      case API_KEY_HEADER ->
          Optional.of(
              new Security.Scheme(
                  s.name() + " (in the query)",
                  Security.SchemeType.API_KEY_QUERY,
                  s.carrier(),
                  Optional.empty(),
                  s.location()));
      case API_KEY_QUERY, API_KEY_COOKIE ->
          Optional.of(
              new Security.Scheme(
                  s.name() + " (in a header)",
                  Security.SchemeType.API_KEY_HEADER,
                  s.carrier(),
                  Optional.empty(),
                  s.location()));
      case MUTUAL_TLS -> Optional.empty();
    };
  }

  /** Seeds tried for a breaking request the contract refuses under the rule. */
  private static final int BREAK_TRIES = 3;

  /**
   * One request per rule derived from the document: the keyword broken alone (the Generator's
   * breaker), or the required parameter left out, everything else as in the valid request. A broken
   * value that reads as valid once sent (a string "5" for an integer in a query) is tried again
   * with other seeds; the request kept is one the contract refuses naming the rule.
   */
  static List<PlannedCheck> rules(
      Contract contract,
      Operation op,
      DocumentRequests.Draft valid,
      String key,
      long seed,
      String prefix) {
    List<PlannedCheck> out = new ArrayList<>();
    SuiteKnowledge knows = new SuiteKnowledge(key, "");
    for (Rule rule : op.rules().all()) {
      if (rule.kind() != RuleKind.SCHEMA
          || rule.origin() != Origin.DOCUMENTED
          || rule.enforcedBy().isEmpty()
          || rule.enforcedBy().get(0).pattern().equals(op.location())) {
        continue; // not a keyword rule (the operation's catch-all .schema rule is met by none)
      }
      String id = prefix + "rules/" + rule.id();
      Breaks found = null;
      for (int t = 0; t < BREAK_TRIES; t++) {
        Breaks b = breaking(contract, op, valid, rule, seed + t);
        if (b.draft().isEmpty()) {
          found = found == null ? b : found;
          break;
        }
        if (breaks(contract, op, b.draft().get(), knows, rule)) {
          found = b;
          break;
        }
        Optional<DocumentRequests.Draft> word = asWord(valid, b);
        if (word.isPresent() && breaks(contract, op, word.get(), knows, rule)) {
          found =
              new Breaks(
                  word,
                  b.param().get().in().wireName()
                      + " parameter "
                      + b.param().get().name()
                      + " as a word");
          break;
        }
        found =
            new Breaks(
                Optional.empty(),
                "not sent: the value that breaks "
                    + rule.enforcedBy().get(0).pattern()
                    + " reads as valid once sent ("
                    + b.why()
                    + ")");
      }
      if (found.draft().isEmpty()) {
        out.add(notMade(id, op, RULES, rule.id(), found.why()));
      } else {
        out.add(
            check(
                id,
                op,
                RULES,
                rule.id() + ": " + found.why(),
                request(op, found.draft().get()),
                Set.of(rule.id())));
      }
    }
    return out;
  }

  /** Whether the contract refuses a draft's request naming the rule. */
  private static boolean breaks(
      Contract contract, Operation op, DocumentRequests.Draft d, SuiteKnowledge knows, Rule rule) {
    Prediction p = contract.predict(request(op, d), knows);
    return p.first().report(Profile.STRICT).ruleIds().contains(rule.id());
  }

  /**
   * A draft that breaks a rule, or why there is none.
   *
   * @param draft the draft
   * @param why how it breaks the rule, or why it cannot
   */
  private record Breaks(
      Optional<DocumentRequests.Draft> draft,
      String why,
      Optional<Parameter> param,
      Optional<Broken> broken) {

    Breaks(Optional<DocumentRequests.Draft> draft, String why) {
      this(draft, why, Optional.empty(), Optional.empty());
    }
  }

  /**
   * A parameter's broken value with the broken part as plain text: on the wire a parameter is text,
   * and a string "5" for an integer reads as 5; a word does not.
   */
  private static Optional<DocumentRequests.Draft> asWord(DocumentRequests.Draft valid, Breaks b) {
    if (b.param().isEmpty() || b.broken().isEmpty()) {
      return Optional.empty();
    }
    tools.jackson.databind.JsonNode instance = b.broken().get().instance().deepCopy();
    String pointer = b.broken().get().instancePointer();
    tools.jackson.databind.JsonNode word = JsonNodeFactory.instance.stringNode("conformance");
    if (pointer.isEmpty()) {
      instance = word;
    } else {
      int slash = pointer.lastIndexOf('/');
      tools.jackson.databind.JsonNode parent =
          instance.at(pointer.substring(0, slash).isEmpty() ? "" : pointer.substring(0, slash));
      String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof tools.jackson.databind.node.ObjectNode o) {
        o.set(last, word);
      } else if (parent instanceof tools.jackson.databind.node.ArrayNode a
          && last.matches("\\d+")
          && Integer.parseInt(last) < a.size()) {
        a.set(Integer.parseInt(last), word);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(valid.withParam(b.param().get(), instance));
  }

  private static Breaks breaking(
      Contract contract, Operation op, DocumentRequests.Draft valid, Rule rule, long seed) {
    String last = "no schema of the operation reaches it";
    for (Rule.Location location : rule.enforcedBy()) {
      String exact = location.pattern();
      for (Parameter p : op.parameters()) {
        if (exact.equals(p.location() + "/required")) {
          return new Breaks(
              Optional.of(valid.without(p)),
              "the required " + p.in().wireName() + " parameter " + p.name() + " left out");
        }
      }
      // a required property is reported at required/N; the breaker takes the keyword itself
      List<String> tries = new ArrayList<>(List.of(exact));
      if (exact.matches(".*/required/\\d+")) {
        tries.add(exact.substring(0, exact.lastIndexOf('/')));
      }
      for (String at : tries) {
        for (Parameter p : op.parameters()) {
          if (p.schemaLocation().isEmpty()
              || contract.generator().instancePointer(p.schemaLocation().get(), at).isEmpty()) {
            continue;
          }
          Breaking b =
              contract.generator().breaking(p.schemaLocation().get(), at, seed, Direction.REQUEST);
          Optional<Broken> broken = b.brokenAlone().or(b::broken);
          if (broken.isPresent() && DocumentRequests.sendable(p, broken.get().instance())) {
            return new Breaks(
                Optional.of(valid.withParam(p, broken.get().instance())),
                p.in().wireName()
                    + " parameter "
                    + p.name()
                    + " "
                    + SpecBodies.text(broken.get().instance()),
                Optional.of(p),
                broken);
          }
          last = reason(b, p.in().wireName() + " parameter " + p.name());
        }
        if (op.body().isPresent()) {
          for (MediaType m : op.body().get().content()) {
            if (m.schemaLocation().isEmpty()
                || m.name().contains("*")
                || contract.generator().instancePointer(m.schemaLocation().get(), at).isEmpty()) {
              continue;
            }
            Breaking b =
                contract
                    .generator()
                    .breaking(m.schemaLocation().get(), at, seed, Direction.REQUEST);
            Optional<Broken> broken = b.brokenAlone().or(b::broken);
            if (broken.isPresent() && DocumentRequests.encodable(m, broken.get().instance())) {
              return new Breaks(
                  Optional.of(valid.withBody(m, broken.get().instance())),
                  m.name() + " body with " + pointer(broken.get().instancePointer()) + " broken");
            }
            last = reason(b, "the " + m.name() + " body");
          }
        }
      }
    }
    return new Breaks(
        Optional.empty(),
        "not sent: no request breaks " + rule.enforcedBy().get(0).pattern() + " alone: " + last);
  }

  private static String pointer(String p) {
    return p.isEmpty() ? "the body" : p;
  }

  private static String reason(Breaking b, String where) {
    if (b instanceof Unbreakable u) {
      return where
          + ": "
          + u.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + " ("
          + u.detail()
          + ")";
    }
    return where + ": the broken value cannot be sent there";
  }

  private static PlannedCheck check(
      String id,
      Operation op,
      String group,
      String name,
      ApiRequest request,
      Set<String> subjects) {
    return new PlannedCheck(
        id,
        CheckKind.DERIVED,
        List.of(CheckPlan.label(op), group),
        name,
        Optional.of(op),
        Optional.of(request),
        "",
        JsonNodeFactory.instance.objectNode(),
        subjects,
        Optional.empty());
  }

  private static PlannedCheck notMade(
      String id, Operation op, String group, String name, String why) {
    return new PlannedCheck(
        id,
        CheckKind.DERIVED,
        List.of(CheckPlan.label(op), group),
        name,
        Optional.of(op),
        Optional.empty(),
        why,
        JsonNodeFactory.instance.objectNode(),
        Set.of(),
        Optional.empty());
  }

  /**
   * The operation and request that probe whether a target is this API, for a document whose
   * operations are all plain: a valid request to its first GET operation (which changes nothing),
   * else the first operation's request without credentials and without a body.
   */
  static Map.Entry<Operation, ApiRequest> probe(
      Contract contract, ConformanceSettings settings, String key) {
    // a GET whose answers the document declares says most about whether the target is the API
    Optional<Operation> get =
        contract.operations().stream()
            .filter(o -> o.method().equals("GET") && !o.responses().isEmpty())
            .findFirst()
            .or(
                () ->
                    contract.operations().stream()
                        .filter(o -> o.method().equals("GET"))
                        .findFirst());
    Operation op = get.orElse(contract.operations().get(0));
    Optional<DocumentRequests.Draft> d = base(contract, op, settings, key);
    ApiRequest r =
        get.isPresent() && d.isPresent()
            ? request(op, d.get())
            : d.map(x -> request(op, x.withCredentials(Map.of())))
                .map(
                    x ->
                        new ApiRequest(
                            x.method(),
                            x.target(),
                            x.headers().without("Content-Type"),
                            new byte[0]))
                .orElse(new ApiRequest(op.method(), op.path().fill(Map.of()), null, null));
    return Map.entry(op, r);
  }
}
