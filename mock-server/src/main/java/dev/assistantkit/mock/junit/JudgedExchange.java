package dev.assistantkit.mock.junit;

import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.rules.Violation;
import java.util.List;

/**
 * One exchange of the current test, as the mock answered it and the contract judged it (secrets
 * masked, as in {@code GET /__mock/traffic}).
 *
 * @param method the request's method
 * @param target the request's path and query, as shown (secrets masked)
 * @param status the status the mock answered
 * @param broken the rules the request broke under the mock's profile, in the order the contract
 *     found them (one entry per offending value)
 * @param answerBroke the rules the answer broke (an answer of a user's stub may; the contract's
 *     never does)
 * @param outcome the traffic view's verdict: {@code ok}, {@code request-broke-rules}, {@code
 *     answer-broke-rules}, {@code advice}, {@code undocumented}, ...
 */
public record JudgedExchange(
    String method,
    String target,
    int status,
    List<Violation> broken,
    List<Finding> answerBroke,
    String outcome) {

  public JudgedExchange {
    broken = List.copyOf(broken);
    answerBroke = List.copyOf(answerBroke);
  }

  /** The ids of the rules the request broke, each once, in order. */
  public List<String> rules() {
    return broken.stream().map(Violation::ruleId).distinct().toList();
  }

  /** One line: the request, its status and the rules it broke with where and why. */
  String describe() {
    StringBuilder out = new StringBuilder(method + " " + target + " -> " + status);
    for (Violation v : broken) {
      out.append("\n      ")
          .append(v.ruleId())
          .append(" (")
          .append(v.in().wireName())
          .append(v.pointer().isEmpty() ? "" : " " + v.pointer())
          .append("): ")
          .append(v.message());
    }
    return out.toString();
  }
}
