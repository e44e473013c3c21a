package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.Body;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.contract.SecretMasker;
import dev.assistantkit.contract.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of WireMock: before a request is matched, journaled or logged, the bearer token
 * is judged and replaced by {@code Bearer ***}, and string {@code api_key} values in the body are
 * masked. The verdict travels in {@link #VERDICT}, which a client cannot set.
 *
 * <p>It only rewrites, never answers, so a user's stub still wins over the contract.
 */
final class CredentialFilter implements RequestFilterV2 {

  /**
   * accepted, missing, malformed or unknown. The name is random per process, so a client cannot
   * send a verdict of its own.
   */
  static final String VERDICT =
      "X-Assistant-Mock-Credential-"
          + Long.toHexString(new java.security.SecureRandom().nextLong());

  private final MockRuntime.Loading runtime;
  private final Set<String> keys;

  CredentialFilter(MockRuntime.Loading runtime, List<String> keys) {
    this.runtime = runtime;
    this.keys = Set.copyOf(keys);
  }

  @Override
  public String getName() {
    return "assistant-credential-filter";
  }

  @Override
  public boolean applyToAdmin() {
    return false;
  }

  @Override
  public boolean applyToStubs() {
    return true;
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    Contract contract = runtime.get().contract();
    SecretMasker masker = contract.masker();
    RequestWrapper.Builder wrapper = RequestWrapper.create();
    String auth =
        request.containsHeader("Authorization") ? request.getHeader("Authorization") : null;
    wrapper.addHeader(VERDICT, verdict(contract, auth));
    if (auth != null) {
      wrapper.transformHeader("Authorization", values -> List.of(masker.maskAuthorization(auth)));
    }
    byte[] body = request.getBody();
    if (body != null && body.length > 0) {
      String text = Utf8.decode(body).orElse(null);
      if (text != null && masker.mentionsSecret(text)) {
        byte[] masked = masker.maskJsonStrings(text).getBytes(StandardCharsets.UTF_8);
        wrapper.transformBody(b -> new Body(masked));
      }
    }
    return RequestFilterAction.continueWith(wrapper.wrap(request));
  }

  private String verdict(Contract contract, String auth) {
    if (auth == null) {
      return "missing";
    }
    ContractRequest probe = new ContractRequest("", Map.of("Authorization", auth), new byte[0]);
    if (contract.requests().checkCredentials(probe, keys::contains).isEmpty()) {
      return "accepted";
    }
    ContractRequest wellFormed =
        new ContractRequest("", Map.of("Authorization", auth), new byte[0]);
    boolean formed = contract.requests().checkCredentials(wellFormed, k -> true).isEmpty();
    return formed ? "unknown" : "malformed";
  }

  /** An Authorization header that reproduces a verdict's violation without the real token. */
  static Map<String, String> probeHeaders(String verdict) {
    return switch (verdict == null ? "missing" : verdict) {
      case "accepted" -> Map.of("Authorization", "Bearer accepted");
      case "unknown" -> Map.of("Authorization", "Bearer unknown");
      case "malformed" -> Map.of("Authorization", "Malformed");
      default -> Map.of();
    };
  }
}
