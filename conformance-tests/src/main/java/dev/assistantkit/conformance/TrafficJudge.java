package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges recorded exchanges in order with the contract's engine, learning as the validating proxy
 * does: a token is taken as accepted once a request with it got something other than 401 (only a
 * SHA-256 of each token is kept), a resource exists once a request for it got a 2xx and not once it
 * got a 404, and its state follows the accepted updates. Where it still does not know, the contract
 * predicts every possibility, and the judge reports what only some of them break as advice, never
 * as a failure.
 */
final class TrafficJudge {

  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

  private final Contract contract;
  private final ConformanceSettings settings;
  private final Reproduction reproduction;
  private final Learned knowledge = new Learned();

  TrafficJudge(Contract contract, ConformanceSettings settings, Reproduction reproduction) {
    this.contract = contract;
    this.settings = settings;
    this.reproduction = reproduction;
  }

  CheckResult judge(PlannedCheck p) {
    HarReader.Recorded r = p.recorded().orElseThrow();
    Optional<String> token = token(r.request().headers().all("Authorization"));
    Reproduction masking = reproduction.with(token.map(List::of).orElse(List.of()));
    ResultBuilder result =
        new ResultBuilder(
            p, settings.profile(), masking, t -> knowledge.key(t) == Knowledge.KeyVerdict.ACCEPTED);
    if (r.answer().isEmpty()) {
      return result.skip("the recording holds no answer to this request (status 0)");
    }
    Observed answer = r.answer().get();
    Prediction prediction = contract.predict(r.request(), knowledge);
    Judgement j = contract.judge(prediction, answer, Set.of(), settings.skipGroups());
    knowledge.learn(token, prediction, j, answer.status());
    return result.recorded(r.url(), r.request(), answer, j);
  }

  private static Optional<String> token(List<String> authorization) {
    if (authorization.size() != 1) {
      return Optional.empty();
    }
    Matcher m = BEARER.matcher(authorization.get(0).trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** What the recorded traffic showed so far. */
  private static final class Learned implements Knowledge {
    private final Set<String> acceptedTokens = new HashSet<>();
    private final Map<String, ResourceView> resources = new HashMap<>();

    @Override
    public KeyVerdict key(String token) {
      if (masked(token)) {
        return KeyVerdict.UNKNOWN; // a recording with masked keys cannot tell one key from another
      }
      return acceptedTokens.contains(sha256(token)) ? KeyVerdict.ACCEPTED : KeyVerdict.UNKNOWN;
    }

    @Override
    public ResourceView resource(String resource, String id) {
      return resources.getOrDefault(resource + "\n" + id, new Unknown());
    }

    void learn(Optional<String> token, Prediction prediction, Judgement j, int status) {
      if (token.isPresent() && status != 401 && !masked(token.get())) {
        acceptedTokens.add(sha256(token.get()));
      }
      Decision d = j.explaining();
      Optional<Operation.ResourceAction> action = d.operation().flatMap(Operation::resource);
      if (action.isEmpty() || !(d.route() instanceof Route.Matched m)) {
        return;
      }
      String name = action.get().resource().name();
      String id = m.parameters().getOrDefault(action.get().idParameter(), "");
      String slot = name + "\n" + id;
      if (status == 404) {
        resources.put(slot, new Absent());
        return;
      }
      if (status / 100 != 2) {
        boolean foreseen =
            prediction.acceptable(Profile.DOCUMENTED).contains(status)
                || prediction.acceptable(Profile.STRICT).contains(status);
        if (!foreseen && resources.get(slot) instanceof Present) {
          resources.put(slot, new Present(ResourceState.partial(id)));
        }
        return;
      }
      boolean foreseen =
          prediction.acceptable(Profile.DOCUMENTED).contains(status)
              || prediction.acceptable(Profile.STRICT).contains(status);
      Optional<ResourceState> after = foreseen ? d.applied(Profile.DOCUMENTED) : Optional.empty();
      ResourceState state =
          after
              .map(a -> new ResourceState(id, a.fields(), a.version(), false))
              .orElseGet(
                  () ->
                      foreseen
                              && resources.get(slot) instanceof Present p
                              && !d.operation().get().writes()
                          ? p.state()
                          : ResourceState.partial(id));
      resources.put(slot, new Present(state));
    }

    private static boolean masked(String token) {
      return token.contains(SecretMasker.MASK);
    }

    private static String sha256(String token) {
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
