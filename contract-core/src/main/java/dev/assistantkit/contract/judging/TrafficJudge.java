package dev.assistantkit.contract.judging;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Evaluator;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.evaluation.Predictor;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceModel;
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

/**
 * The one judge of real traffic, live (the validating proxy's views) and recorded (the suite's
 * {@code --har}): exchanges judged in the order they happened, learning as it goes. A token is
 * accepted once a request with it got a 2xx and refused once one got a 401 (only a SHA-256 of each
 * token is kept); a recording that masks tokens says instead whether each was a key the recorder
 * was given, or a name that stands for it ({@link #labelOf}). A resource exists once a request for
 * it got a 2xx and not once one got the operation's not-found status (404, or the 410 its document
 * declares instead) or a 2xx to its {@code DELETE}, and its state follows the accepted updates; a
 * nested resource's parent item exists once a request under it got a 2xx, and what is nested under
 * a resource that is not there is not there either. Where the judge still does not know, the
 * contract predicts every possibility, and what only some of them break is advice, never a failure.
 * A request that is one of the spec's examples as it stands is about the rules that say so (a
 * rejected page example breaks page.examples). The same exchanges in the same order get the same
 * verdicts, live or recorded.
 */
public final class TrafficJudge {

  /** SHA-256, cloned for each use: looking the algorithm up cost more than hashing a token. */
  private static final MessageDigest SHA_256 = sha256Digest();

  /** The label of a token that is one of the keys the recorder was given. */
  public static final String GIVEN_KEY = "given-key";

  /** The label of a token that is not (the recorder was given every key the server accepts). */
  public static final String OTHER_KEY = "other-key";

  /**
   * The label of credentials that are not one well-formed bearer token, although a recording's mask
   * may make them look like one ({@code Bearer key junk} shows as {@code Bearer ***}).
   */
  public static final String MALFORMED = "malformed";

  /** Distinct tokens a recorder names, at most; beyond, a token goes unnamed. */
  private static final int MAX_LABELS = 100_000;

  /**
   * One judged exchange.
   *
   * @param prediction what the contract expected, with what the judge knew before it
   * @param judgement the verdict on the answer
   */
  public record Judged(Prediction prediction, Judgement judgement) {}

  private final Predictor predictor;
  private final Judge judge;
  private final ExampleSubjects examples;
  private final Set<String> givenKeys;
  private final Map<String, String> labels = new HashMap<>();
  private final Set<String> acceptedTokens = new HashSet<>();
  private final Set<String> refusedTokens = new HashSet<>();
  private final Map<String, Knowledge.ResourceView> resources = new HashMap<>();

  /**
   * @param examples what a request that is one of the spec's examples is about
   * @param givenKeys the keys the server accepts, when known (every other token must be refused);
   *     empty: learnt from the answers
   */
  public TrafficJudge(
      Predictor predictor, Judge judge, ExampleSubjects examples, List<String> givenKeys) {
    this.predictor = predictor;
    this.judge = judge;
    this.examples = examples;
    this.givenKeys = new HashSet<>();
    givenKeys.forEach(k -> this.givenKeys.add(sha256(k)));
  }

  /**
   * What a recorder keeps instead of a request's bearer token, so that the recording can be judged
   * as the live traffic was: {@link #GIVEN_KEY} or {@link #OTHER_KEY} when the keys were given,
   * else a name for the token ({@code token-1}, {@code token-2}, ...) that is the same for the same
   * token and tells nothing of it; {@link #MALFORMED} for one Authorization header that is not one
   * well-formed bearer token. Empty when the request carries no bearer token.
   */
  public Optional<String> labelOf(ApiRequest request) {
    // not under the judge's lock: the proxy labels every request as it arrives, while a traffic
    // view may be judging (under that lock) for a while; only the table of labels is shared
    Optional<String> token = token(request);
    if (token.isEmpty()) {
      List<String> sent = request.headers().all("Authorization");
      return sent.size() == 1 && sent.get(0).trim().regionMatches(true, 0, "bearer", 0, 6)
          ? Optional.of(MALFORMED)
          : Optional.empty();
    }
    if (masked(token.get())) {
      return Optional.empty();
    }
    String h = sha256(token.get());
    if (!givenKeys.isEmpty()) {
      return Optional.of(givenKeys.contains(h) ? GIVEN_KEY : OTHER_KEY);
    }
    synchronized (labels) {
      String label = labels.get(h);
      if (label == null && labels.size() < MAX_LABELS) {
        label = "token-" + (labels.size() + 1);
        labels.put(h, label);
      }
      return Optional.ofNullable(label);
    }
  }

  /**
   * Judges the next exchange (the one after those judged so far), then learns from it.
   *
   * @param label what the recording keeps instead of the token ({@link #labelOf}), if anything
   * @param skipGroups groups of checks to leave out (e.g. {@code error-shape})
   */
  public synchronized Judged next(
      ApiRequest request, Optional<String> label, Observed answer, Set<String> skipGroups) {
    Optional<String> token = label.isPresent() ? label.map(l -> "label:" + l) : rawToken(request);
    Knowledge knowledge = knowledgeFor(token);
    // a recording masks a malformed header as it masks a token (Bearer ***): its label says what
    // it stood for, so it is judged as a malformed header, as the live request was
    ApiRequest judged =
        label.equals(Optional.of(MALFORMED))
            ? request.withHeaders(request.headers().with("Authorization", "Bearer"))
            : request;
    Prediction prediction = predictor.predict(judged, knowledge);
    Set<String> subjects =
        prediction.first().operation().map(op -> examples.of(op, request.body())).orElse(Set.of());
    Judgement j = judge.judge(prediction, answer, subjects, skipGroups);
    learn(token, prediction, j, answer.status());
    return new Judged(prediction, j);
  }

  /** The token as sent, when the request (a browser's recording) holds it unmasked. */
  private static Optional<String> rawToken(ApiRequest request) {
    return token(request).filter(t -> !masked(t)).map(TrafficJudge::sha256);
  }

  /** What is known of this exchange's token (a label, or a hash of the raw token). */
  private Knowledge knowledgeFor(Optional<String> token) {
    Knowledge.KeyVerdict verdict = keyVerdict(token);
    return new Knowledge() {
      @Override
      public KeyVerdict key(String t) {
        return verdict;
      }

      @Override
      public ResourceView resource(String resource, String id) {
        return resources.getOrDefault(resource + "\n" + id, new Unknown());
      }
    };
  }

  private Knowledge.KeyVerdict keyVerdict(Optional<String> token) {
    if (token.isEmpty()) {
      return Knowledge.KeyVerdict.UNKNOWN; // masked, or none
    }
    String t = token.get();
    if (t.equals("label:" + GIVEN_KEY)) {
      return Knowledge.KeyVerdict.ACCEPTED;
    }
    if (t.equals("label:" + OTHER_KEY) || t.equals("label:" + MALFORMED)) {
      return Knowledge.KeyVerdict.REJECTED;
    }
    if (!givenKeys.isEmpty() && !t.startsWith("label:")) {
      return givenKeys.contains(t) ? Knowledge.KeyVerdict.ACCEPTED : Knowledge.KeyVerdict.REJECTED;
    }
    if (acceptedTokens.contains(t)) {
      return Knowledge.KeyVerdict.ACCEPTED;
    }
    return refusedTokens.contains(t) ? Knowledge.KeyVerdict.REJECTED : Knowledge.KeyVerdict.UNKNOWN;
  }

  private void learn(Optional<String> token, Prediction prediction, Judgement j, int status) {
    Decision d = j.explaining();
    if (d.operation().isEmpty() || d.fixed()) {
      return; // a path of no operation teaches nothing about the API's keys or resources
    }
    if (d.operation().get().bearer() && token.isPresent()) {
      String h = token.get();
      if (status / 100 == 2) {
        acceptedTokens.add(h);
        refusedTokens.remove(h);
      } else if (status == 401 && !acceptedTokens.contains(h)) {
        refusedTokens.add(h);
      }
    }
    Optional<Operation.ResourceAction> action = d.operation().flatMap(Operation::resource);
    if (action.isEmpty() || !(d.route() instanceof Route.Matched m)) {
      return;
    }
    Operation.ResourceAction a = action.get();
    Optional<ResourceModel.ParentItem> parent = a.resource().parentItem(m.parameters());
    boolean absent = judge.notFound(d.operation().get()).contains(status);
    if (status / 100 == 2) {
      // a nested resource answered for: the item its collection is under exists
      parent.ifPresent(
          p -> {
            if (!(resources.get(slot(p.collection(), p.id())) instanceof Knowledge.Present)) {
              resources.put(
                  slot(p.collection(), p.id()),
                  new Knowledge.Present(ResourceState.partial(p.id())));
            }
          });
    }
    if (!a.action().itemScoped()) {
      if (absent && parent.isPresent()) {
        // a create or a list refused as absent: the item its collection is under is not there
        ResourceModel.ParentItem p = parent.get();
        gone(p.resource(), p.parameters(), p.id());
      }
      String named = a.resourceId(m.parameters(), d.request().body());
      if (status / 100 == 2 && a.action() == Operation.Action.CREATE && !named.isEmpty()) {
        // created under the id its body gives (one deleted before is there again)
        resources.put(
            slot(a.collection(m.parameters()), named),
            new Knowledge.Present(ResourceState.partial(named)));
      }
      return;
    }
    String id = a.resourceId(m.parameters(), d.request().body());
    String slot = slot(a.collection(m.parameters()), id);
    boolean foreseen =
        prediction.acceptable(Profile.DOCUMENTED).contains(status)
            || prediction.acceptable(Profile.STRICT).contains(status);
    if (absent || (status / 100 == 2 && a.action() == Operation.Action.DELETE)) {
      gone(a.resource(), m.parameters(), id);
    } else if (status / 100 != 2) {
      // the server did something the contract does not describe: forget its state
      if (!foreseen && resources.get(slot) instanceof Knowledge.Present) {
        resources.put(slot, new Knowledge.Present(ResourceState.partial(id)));
      }
    } else {
      Optional<ResourceState> after = foreseen ? d.applied(Profile.DOCUMENTED) : Optional.empty();
      ResourceState state =
          after
              .map(s -> new ResourceState(id, s.fields(), s.version(), false))
              .orElseGet(
                  () ->
                      foreseen
                              && resources.get(slot) instanceof Knowledge.Present p
                              && !d.operation().get().writes()
                          ? p.state()
                          : ResourceState.partial(id));
      resources.put(slot, new Knowledge.Present(state));
    }
  }

  /** Where the knowledge of one resource is kept. */
  private static String slot(String collection, String id) {
    return collection + "\n" + id;
  }

  /**
   * A resource is not there (any more), nor is anything nested under it: each resource known in the
   * collections under it is absent too, and theirs in turn (a server that deletes an owner deletes
   * its pets, and one re-created with the same id has none of them).
   *
   * @param parameters the resource's collection parameters, by its own names
   */
  private void gone(ResourceModel model, java.util.Map<String, String> parameters, String id) {
    resources.put(slot(model.collectionOf(parameters), id), new Knowledge.Absent());
    for (ResourceModel child : model.children()) {
      java.util.Map<String, String> under = child.scopeUnder(parameters, id);
      String prefix = slot(child.collectionOf(under), "");
      List<String> known = new java.util.ArrayList<>();
      resources.forEach(
          (k, v) -> {
            if (k.startsWith(prefix) && v instanceof Knowledge.Present) {
              known.add(k.substring(prefix.length()));
            }
          });
      for (String childId : known) {
        gone(child, under, childId);
      }
    }
  }

  /** The token of a well-formed bearer Authorization header, if there is exactly one. */
  private static Optional<String> token(ApiRequest request) {
    List<String> authorization = request.headers().all("Authorization");
    if (authorization.size() != 1) {
      return Optional.empty();
    }
    return Evaluator.bearerToken(authorization.get(0));
  }

  private static boolean masked(String token) {
    return token.contains(SecretMasker.MASK);
  }

  private static String sha256(String token) {
    MessageDigest md;
    try {
      md = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      md = sha256Digest();
    }
    return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
