package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.judging.TrafficJudge;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges recorded exchanges ({@code --har}) in order with the contract's traffic judge, the one the
 * validating proxy's views use: the same exchanges in the same order get the same verdicts, live or
 * recorded. A recording that masks tokens keeps a label for each ({@code _credentialLabel}: one of
 * the keys the proxy was given, another, or a name that stands for the token); with {@code
 * --api-key}, a recording that holds the tokens (a browser's) is judged on them too.
 */
final class HarJudge {

  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

  private final ConformanceSettings settings;
  private final Reproduction reproduction;
  private final TrafficJudge judge;

  HarJudge(Contract contract, ConformanceSettings settings, Reproduction reproduction) {
    this.settings = settings;
    this.reproduction = reproduction;
    this.judge =
        contract.trafficJudge(settings.apiKey().isBlank() ? List.of() : List.of(settings.apiKey()));
  }

  CheckResult judge(PlannedCheck p) {
    HarReader.Recorded r = p.recorded().orElseThrow();
    Optional<String> token = token(r.request().headers().all("Authorization"));
    Reproduction masking = reproduction.with(token.map(List::of).orElse(List.of()));
    ResultBuilder result =
        new ResultBuilder(p, settings.profile(), masking, t -> t.equals(settings.apiKey()));
    if (r.answer().isEmpty()) {
      return result.skip(
          r.unanswered()
              ? "the proxy got no answer from the server to this request (it answered 502 itself)"
              : "the recording holds no answer to this request (status 0)");
    }
    if (r.bodyWithheld()) {
      return result.skip(
          "the recording withheld the request's body (it may hold a secret the mask cannot reach)");
    }
    Observed answer = r.answer().get();
    TrafficJudge.Judged j = judge.next(r.request(), r.tokenLabel(), answer, settings.skipGroups());
    return result.recorded(r.url(), r.request(), answer, j.judgement());
  }

  private static Optional<String> token(List<String> authorization) {
    if (authorization.size() != 1) {
      return Optional.empty();
    }
    Matcher m = BEARER.matcher(authorization.get(0).trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
