package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.SpecPointer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a rule catalogue ({@code x-rule-catalogue}).
 *
 * @param id the stable id, e.g. {@code tts.pair}
 * @param origin documented (the page says so) or decided (this project chose); a location may carry
 *     its own origin
 * @param status the HTTP status a violation yields
 * @param pageAllows where the page leaves the status open: every status a server following the page
 *     may answer ({@code status} among them, the one this project chose); a rejection whose status
 *     the page does not fix, or (with {@code openContents}) contents the page neither requires a
 *     server to accept nor to refuse; empty when the page leaves no choice
 * @param kind what enforces it
 * @param source the page's own sentence, or the decision
 * @param enforcedBy spec locations ({@code #/...}, {@code *} matches one segment) that enforce it
 * @param whenInstance for keyword rules: the JSON type the offending value must have ("null"), or
 *     empty
 * @param messageTemplate the message, with {@code {pointer}}, {@code {property}}, {@code
 *     {missing}}, {@code {detail}} and {@code {value}} placeholders
 * @param appliesTo for response rules: the status classes it judges ({@code 2xx}, {@code 4xx},
 *     {@code 5xx}, {@code all}); empty for other rules
 * @param group a named group of checks a user may leave out (e.g. {@code error-shape}), or empty
 * @param cases accepted and rejected requests that prove the rule
 * @param openContents where the page leaves a value's contents to others (a provider's settings):
 *     what this project accepts there, a server following the page may refuse; empty for other
 *     rules
 */
public record Rule(
    String id,
    Origin origin,
    int status,
    Set<Integer> pageAllows,
    RuleKind kind,
    String source,
    List<Location> enforcedBy,
    Optional<String> whenInstance,
    String messageTemplate,
    Set<String> appliesTo,
    Optional<String> group,
    List<RuleCase> cases,
    Optional<OpenContents> openContents) {

  /**
   * A value whose contents the page leaves open ({@code open-contents} in the catalogue): a request
   * that sends it other than as one of the page's examples does breaks no rule of the page, yet a
   * server that follows the page may refuse it, with any status of the rule's {@code page-allows};
   * this project's status (a success) is enforced in strict only.
   *
   * @param value a JSON Pointer into the request body: the value whose contents are open
   * @param compare what of the value an example vouches for: its keys (the members it names, with
   *     their JSON types, at any depth: any values of that shape follow the page) or its values
   *     (the example's value exactly)
   * @param shownIn the spec's request examples that show the value as the page gives it
   */
  public record OpenContents(String value, Compare compare, List<String> shownIn) {
    public OpenContents {
      shownIn = List.copyOf(shownIn);
    }

    /** What of a value an example vouches for. */
    public enum Compare {
      KEYS,
      VALUES
    }
  }

  /** A rule without open contents (every rule but the few that name some). */
  public Rule(
      String id,
      Origin origin,
      int status,
      Set<Integer> pageAllows,
      RuleKind kind,
      String source,
      List<Location> enforcedBy,
      Optional<String> whenInstance,
      String messageTemplate,
      Set<String> appliesTo,
      Optional<String> group,
      List<RuleCase> cases) {
    this(
        id,
        origin,
        status,
        pageAllows,
        kind,
        source,
        enforcedBy,
        whenInstance,
        messageTemplate,
        appliesTo,
        group,
        cases,
        Optional.empty());
  }

  /**
   * A spec location that enforces a rule.
   *
   * @param pattern a {@code #/...} pointer, {@code *} matching one segment
   * @param origin documented or decided at this location
   */
  public record Location(String pattern, Origin origin) {}

  /**
   * The status of a rule whose status is the operation's for a client's mistake ({@link
   * Operation#clientError}): resolved with the operation ({@link #forOperation}).
   */
  public static final int CLIENT_ERROR = -1;

  /**
   * The status of a rule whose status is the operation's for a resource it does not hold ({@link
   * Operation#notFound}): resolved with the operation ({@link #forOperation}).
   */
  public static final int NOT_FOUND = -2;

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{(pointer|property|missing|detail|value)}");

  public Rule {
    pageAllows = Set.copyOf(pageAllows);
    enforcedBy = List.copyOf(enforcedBy);
    appliesTo = Set.copyOf(appliesTo);
    cases = List.copyOf(cases);
  }

  /**
   * This rule as an operation applies it: a client-error or not-found status resolved to the
   * operation's, with every status the operation's document allows for it where it allows several.
   */
  public Rule forOperation(Operation op) {
    int resolved;
    Set<Integer> allowed;
    if (status == CLIENT_ERROR) {
      resolved = op == null ? 400 : op.clientError().status();
      allowed = op == null ? Set.of(400, 422) : op.clientErrorsAllowed();
    } else if (status == NOT_FOUND) {
      resolved = op == null ? 404 : op.notFound();
      allowed = op == null ? Set.of(404) : op.notFoundAllowed();
    } else {
      return this;
    }
    return new Rule(
        id,
        origin,
        resolved,
        allowed.size() > 1 ? allowed : Set.of(),
        kind,
        source,
        enforcedBy,
        whenInstance,
        messageTemplate,
        appliesTo,
        group,
        cases,
        openContents);
  }

  /** Whether the status is each operation's own ({@link #CLIENT_ERROR}, {@link #NOT_FOUND}). */
  public boolean statusPerOperation() {
    return status == CLIENT_ERROR || status == NOT_FOUND;
  }

  /** The message with its placeholders filled; an unknown placeholder is left empty. */
  public String message(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(messageTemplate);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The origin of the first location of this rule that covers a schema location, if any. */
  public Optional<Origin> originAt(String location) {
    for (Location l : enforcedBy) {
      if (SpecPointer.matches(l.pattern(), location)) {
        return Optional.of(l.origin());
      }
    }
    return Optional.empty();
  }

  /** A violation of this rule found at its first location. */
  public Violation violation(Part in, String pointer, Map<String, String> values) {
    return new Violation(
        id, origin, status, in, pointer, enforcedBy.get(0).pattern(), message(values), pageAllows);
  }

  /** A violation of this rule found at a given location, with that location's origin. */
  Violation violation(
      Part in, String pointer, String location, Origin at, Map<String, String> values) {
    return new Violation(id, at, status, in, pointer, location, message(values), pageAllows);
  }

  /** Does this response rule judge answers of this status? */
  public boolean appliesTo(int httpStatus) {
    return appliesTo.contains("all") || appliesTo.contains((httpStatus / 100) + "xx");
  }
}
