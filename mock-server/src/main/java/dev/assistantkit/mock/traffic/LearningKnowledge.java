package dev.assistantkit.mock.traffic;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a judge of real traffic knows: only what it has seen. A token is accepted once a request
 * with it succeeded, rejected once one got 401 (only a SHA-256 of it is kept); a resource exists
 * once a request to it succeeded and not once one got 404; its state is what the accepted updates
 * set (known in part). Everything else is unknown, and the contract then predicts every
 * possibility: a finding that depends on it is advice, never a failure.
 */
public final class LearningKnowledge implements Knowledge {

  private static final int MAX_ENTRIES = 10_000;

  private final Map<String, KeyVerdict> keys = bounded();
  private final Map<String, ResourceView> resources = bounded();
  private final java.util.Set<String> known;

  /** Learns everything, keys included. */
  public LearningKnowledge() {
    this(java.util.List.of());
  }

  /**
   * @param acceptedKeys the tokens the upstream accepts, when the user knows them (then every other
   *     token must be refused); empty: learnt from the answers
   */
  public LearningKnowledge(java.util.List<String> acceptedKeys) {
    this.known =
        acceptedKeys.stream()
            .map(LearningKnowledge::hash)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static <V> Map<String, V> bounded() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > MAX_ENTRIES;
          }
        });
  }

  @Override
  public KeyVerdict key(String token) {
    String h = hash(token);
    if (!known.isEmpty()) {
      return known.contains(h) ? KeyVerdict.ACCEPTED : KeyVerdict.REJECTED;
    }
    return keys.getOrDefault(h, KeyVerdict.UNKNOWN);
  }

  @Override
  public ResourceView resource(String resource, String id) {
    return resources.getOrDefault(key(resource, id), new Unknown());
  }

  /** Learns from an answer: the decision that best explains it, and its status. */
  public void learn(ApiRequest request, Decision explaining, int status) {
    Optional<Operation> op = explaining.operation();
    if (op.isEmpty() || explaining.fixed()) {
      return;
    }
    Optional<String> token = bearer(request);
    if (token.isPresent() && op.get().bearer()) {
      if (status == 401) {
        keys.put(hash(token.get()), KeyVerdict.REJECTED);
      } else if (status / 100 == 2) {
        keys.put(hash(token.get()), KeyVerdict.ACCEPTED);
      }
    }
    if (op.get().resource().isEmpty()) {
      return;
    }
    Operation.ResourceAction action = op.get().resource().get();
    String id = explaining.parameters().getOrDefault(action.idParameter(), "");
    String k = key(action.resource().name(), id);
    if (status == 404) {
      resources.put(k, new Absent());
    } else if (status / 100 == 2) {
      Optional<ResourceState> after = explaining.applied(Profile.DOCUMENTED);
      if (after.isPresent()) {
        ResourceState s = after.get();
        resources.put(k, new Present(new ResourceState(s.id(), s.fields(), s.version(), false)));
      } else if (!(resources.get(k) instanceof Present)) {
        resources.put(k, new Present(ResourceState.partial(id)));
      }
    } else if (status / 100 == 5 || status == 409) {
      // the server did something the contract does not describe: forget its state
      if (resources.get(k) instanceof Present) {
        resources.put(k, new Present(ResourceState.partial(id)));
      }
    }
  }

  private static Optional<String> bearer(ApiRequest request) {
    Optional<String> auth = request.headers().first("Authorization");
    if (auth.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = auth.get().trim().split(" +", 2);
    return parts.length == 2 && parts[0].equalsIgnoreCase("bearer")
        ? Optional.of(parts[1].trim())
        : Optional.empty();
  }

  private static String key(String resource, String id) {
    return resource + "/" + id.toLowerCase(Locale.ROOT);
  }

  private static String hash(String token) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
