package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.generation.Unbreakable.Reason;
import dev.assistantkit.contract.spec.SchemaWalker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Instances that break one keyword: first a valid instance that holds what the keyword needs to
 * apply (the {@link Plan}), then the same generation with the keyword read inverted (the {@link
 * Twist}) in a few variants and seeds; each candidate is validated and the one breaking the fewest
 * other keywords wins.
 */
final class Breaker {

  /** Seeds tried per variant. */
  private static final int SEEDS = 3;

  /** Variants tried per keyword (types to use instead, required names to leave out...). */
  private static final int MAX_VARIANTS = 8;

  /** Valid instances tried as a base. */
  private static final int BASE_ATTEMPTS = 6;

  private static final Set<String> ALL_TYPES =
      Set.of("null", "boolean", "object", "array", "number", "string");

  private final ValueMaker maker;
  private final KeywordPaths paths;

  Breaker(ValueMaker maker, KeywordPaths paths) {
    this.maker = maker;
    this.paths = paths;
  }

  KeywordPaths paths() {
    return paths;
  }

  Breaking breaking(SchemaAt root, String keywordLocation, long seed, Direction direction) {
    Optional<String[]> split = paths.split(keywordLocation);
    if (split.isEmpty()) {
      return new Unbreakable(
          Reason.NOT_AN_ASSERTION, "the document has nothing at " + keywordLocation);
    }
    String keyword = split.get()[1];
    JsonNode holder = maker.spec.node(split.get()[0]).orElse(null);
    Optional<Unbreakable> refused = refuse(keyword, holder);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<KeywordPaths.Route> found = paths.find(root.location(), keywordLocation);
    if (found.isEmpty()) {
      boolean unsupported =
          keywordLocation.matches(
              ".*/(contains|propertyNames|not|if|unevaluatedProperties|unevaluatedItems|dependencies)/.*");
      return new Unbreakable(
          unsupported ? Reason.UNSUPPORTED : Reason.NOT_REACHABLE,
          keywordLocation
              + " is not reached from "
              + root.location()
              + (unsupported ? " through the applicators the breaker follows" : ""));
    }
    KeywordPaths.Route route = found.get();
    long baseSeed = -1;
    boolean based = false;
    for (int a = 0; a < BASE_ATTEMPTS && !based; a++) {
      long s = SeedMix.attempt(seed, a);
      // a false schema has no valid value: the base holds the way to it, not the value
      boolean present = !route.keyword().equals("false");
      CallState st = new CallState(direction, present ? route.plan() : Plan.NONE, null);
      JsonNode v = maker.make(List.of(root), "", s, st);
      if (v != null && (!present || !v.at(route.reported()).isMissingNode())) {
        baseSeed = s;
        based = true;
      }
    }
    if (!based) {
      return new Unbreakable(
          Reason.NO_VALID_INSTANCE,
          "no valid instance of " + root.location() + " holding " + route.path() + " was found");
    }
    List<String> expected = expected(keywordLocation, route);
    Broken best = null;
    int variants = Math.min(MAX_VARIANTS, variants(keyword, holder));
    for (int k = 0; k < SEEDS; k++) {
      for (int variant = 0; variant < variants; variant++) {
        Twist twist = new Twist(route.path(), route.schema(), route.keyword(), variant);
        CallState st = new CallState(direction, route.plan(), twist, k % 2);
        JsonNode v = maker.make(List.of(root), "", SeedMix.attempt(baseSeed, k), st);
        if (v == null) {
          continue;
        }
        Optional<Broken> b = judge(root, v, expected, route, st);
        if (b.isPresent()
            && (best == null || b.get().alsoBroken().size() < best.alsoBroken().size())) {
          best = b.get();
          if (best.alone()) {
            return best;
          }
        }
      }
    }
    if (best != null) {
      return best;
    }
    return new Unbreakable(
        Reason.NOT_BROKEN, "no candidate made the validator report " + keywordLocation);
  }

  /** The reasons known before trying: not an assertion, not asserted, always satisfied, too big. */
  private Optional<Unbreakable> refuse(String keyword, JsonNode holder) {
    boolean assertion =
        SchemaWalker.ASSERTIONS.contains(keyword)
            || keyword.equals("false")
            || keyword.equals("additionalProperties");
    if (!assertion || holder == null) {
      return Optional.of(
          new Unbreakable(Reason.NOT_AN_ASSERTION, keyword + " is no assertion keyword"));
    }
    if (keyword.equals("false")) {
      return Optional.empty();
    }
    if (!holder.isObject() || !maker.sem.applies(keyword)) {
      return Optional.of(
          new Unbreakable(
              Reason.NOT_ASSERTED, keyword + " is not asserted in this OpenAPI version"));
    }
    if (holder.has("$ref") && !maker.sem.refSiblingsApply()) {
      return Optional.of(
          new Unbreakable(Reason.NOT_ASSERTED, "OpenAPI 3.0 ignores the siblings of a $ref"));
    }
    JsonNode v = holder.get(keyword);
    switch (keyword) {
      case "format":
        if (!v.isString() || !CandidateValidator.ASSERTED_FORMATS.contains(v.asString())) {
          return Optional.of(
              new Unbreakable(
                  Reason.NOT_ASSERTED, "the validator does not assert format " + v.asString()));
        }
        return Optional.empty();
      case "minLength":
      case "minItems":
      case "minProperties":
        return v.isNumber() && v.asDouble() <= 0 ? always(keyword + " of 0") : Optional.empty();
      case "maxLength":
        return beyond(v, StringMaker.MAX_LENGTH);
      case "maxItems":
      case "maxProperties":
        return beyond(v, ArrayMaker.MAX_ITEMS);
      case "uniqueItems":
        return v.asBoolean(false) ? Optional.empty() : always("uniqueItems false");
      case "required":
        return v.isArray() && v.size() > 0 ? Optional.empty() : always("an empty required list");
      case "dependentRequired":
        return v.isObject() && hasDependents(v) ? Optional.empty() : always("no dependent names");
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        if (maker.sem.v30() && !v.asBoolean(false)) {
          return always("a false 3.0 " + keyword);
        }
        if (maker.sem.v30()
            && !holder.has(keyword.equals("exclusiveMinimum") ? "minimum" : "maximum")) {
          return always("a 3.0 " + keyword + " without its bound");
        }
        return Optional.empty();
      case "type":
        Set<String> types = new LinkedHashSet<>();
        if (v.isString()) {
          types.add(v.asString());
        } else {
          v.forEach(t -> types.add(t.asString()));
        }
        if (maker.sem.v30() && holder.path("nullable").asBoolean(false)) {
          types.add("null");
        }
        return types.containsAll(ALL_TYPES)
            ? always("a type list naming every type")
            : Optional.empty();
      case "not":
        return v.isBoolean() && !v.asBoolean() ? always("not: false") : Optional.empty();
      case "additionalProperties":
        return v.isBoolean() && !v.asBoolean()
            ? Optional.empty()
            : Optional.of(
                new Unbreakable(Reason.NOT_AN_ASSERTION, "additionalProperties is a schema here"));
      default:
        return Optional.empty();
    }
  }

  private static boolean hasDependents(JsonNode v) {
    for (JsonNode deps : v) {
      if (deps.isArray() && deps.size() > 0) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Unbreakable> always(String why) {
    return Optional.of(new Unbreakable(Reason.ALWAYS_SATISFIED, "every value satisfies " + why));
  }

  private static Optional<Unbreakable> beyond(JsonNode v, long bound) {
    return v.isNumber() && Conjunction.clampLong(v) >= bound
        ? Optional.of(new Unbreakable(Reason.BEYOND_BOUNDS, "breaking it takes more than " + bound))
        : Optional.empty();
  }

  /** How many ways of breaking the keyword there are to try. */
  private static int variants(String keyword, JsonNode holder) {
    JsonNode v = holder == null || !holder.isObject() ? null : holder.get(keyword);
    switch (keyword) {
      case "type":
        return 6;
      case "required":
        return v != null && v.isArray() ? Math.max(1, v.size()) : 1;
      case "dependentRequired":
        int n = 0;
        if (v != null) {
          for (JsonNode deps : v) {
            n += deps.size();
          }
        }
        return Math.max(1, n);
      case "additionalProperties":
        return 2;
      default:
        return 1;
    }
  }

  /** The schema locations the validator reports the keyword at. */
  private List<String> expected(String keywordLocation, KeywordPaths.Route route) {
    List<String> out = new ArrayList<>();
    out.add(keywordLocation);
    if (route.keyword().equals("false")) {
      out.add(keywordLocation + "/false");
    }
    if (maker.sem.v30() && route.keyword().equals("exclusiveMinimum")) {
      out.add(route.schema() + "/minimum");
    }
    if (maker.sem.v30() && route.keyword().equals("exclusiveMaximum")) {
      out.add(route.schema() + "/maximum");
    }
    return out;
  }

  /**
   * The candidate as a Broken when the validator reports the keyword for it; or, for a keyword in a
   * {@code oneOf}/{@code anyOf} branch that the validator reports only at the combinator (a
   * discriminator that picks no branch hides the branches' own errors), when it reports the
   * combinator and the branch alone reports the keyword.
   */
  private Optional<Broken> judge(
      SchemaAt root, JsonNode v, List<String> expected, KeywordPaths.Route route, CallState st) {
    Optional<List<Problem>> all = maker.problems(root.location(), v);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    List<Problem> problems = new ArrayList<>();
    for (Problem p : all.get()) {
      if (!st.excused(p, "")) {
        problems.add(p);
      }
    }
    Problem hit = null;
    for (Problem p : problems) {
      if (expected.contains(p.location())) {
        hit = p;
        break;
      }
    }
    boolean atCombinator = false;
    for (int i = route.branches().size() - 1; hit == null && i >= 0; i--) {
      KeywordPaths.Branch b = route.branches().get(i);
      for (Problem p : problems) {
        if (p.location().equals(b.group())
            && p.instance().equals(b.path())
            && branchReports(v.at(b.path()), b, expected, st)) {
          hit = p;
          atCombinator = true;
          break;
        }
      }
    }
    if (hit == null) {
      return Optional.empty();
    }
    Set<String> also = new LinkedHashSet<>();
    for (Problem p : problems) {
      boolean follows =
          atCombinator
              ? p.evaluationPath().equals(hit.evaluationPath())
                  || p.evaluationPath().startsWith(hit.evaluationPath() + "/")
              : fallout(hit, p);
      if (!expected.contains(p.location()) && !follows && p != hit) {
        String loc = p.location();
        also.add(loc.endsWith("/false") ? loc.substring(0, loc.length() - "/false".length()) : loc);
      }
    }
    return Optional.of(new Broken(v, hit.instance(), hit.location(), new ArrayList<>(also)));
  }

  /** Whether the value, checked against the branch alone, fails the keyword. */
  private boolean branchReports(
      JsonNode value, KeywordPaths.Branch b, List<String> expected, CallState st) {
    if (value == null || value.isMissingNode()) {
      return false;
    }
    Optional<List<Problem>> problems = maker.problems(b.group() + "/" + b.index(), value);
    return problems.isPresent()
        && problems.get().stream().anyMatch(p -> expected.contains(p.location()));
  }

  /**
   * Whether a problem only follows from the hit being inside a {@code oneOf}/{@code anyOf} branch:
   * the combinator's own error, or another branch's errors (which a valid instance has too, hidden
   * while the combinator passes).
   */
  static boolean fallout(Problem hit, Problem p) {
    String[] segs = hit.evaluationPath().split("/", -1);
    StringBuilder prefix = new StringBuilder();
    for (int j = 0; j < segs.length; j++) {
      if (j > 0) {
        prefix.append('/');
      }
      prefix.append(segs[j]);
      boolean combinator = segs[j].equals("oneOf") || segs[j].equals("anyOf");
      if (combinator && j + 1 < segs.length) {
        String at = prefix.toString();
        String ep = p.evaluationPath();
        if (ep.equals(at)) {
          return true;
        }
        if (ep.startsWith(at + "/")) {
          String rest = ep.substring(at.length() + 1);
          String branch = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
          if (!branch.equals(segs[j + 1])) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
