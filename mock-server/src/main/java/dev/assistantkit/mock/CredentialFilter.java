package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.Body;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Request.Part;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.contract.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
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
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
    byte[] shown = masker.maskBodyForDisplay(body).orElse(WITHHELD);
    Request masked;
    if (shown != body) {
      wrapper.transformBody(b -> new Body(shown));
      // WireMock parsed form fields and multipart parts from the body as sent: they go too
      masked = new WithoutFormsOrParts(wrapper.wrap(request));
    } else {
      masked = wrapper.wrap(request);
    }
    ORIGINAL.set(new Original(body, shown));
    return RequestFilterAction.continueWith(masked);
  }

  /** A request whose form fields and parts, read from the unmasked body, are not shown. */
  private static final class WithoutFormsOrParts extends RequestWrapper {
    WithoutFormsOrParts(Request request) {
      super(request);
    }

    @Override
    public Map<String, FormParameter> formParameters() {
      return Map.of();
    }

    @Override
    public FormParameter formParameter(String key) {
      return FormParameter.absent(key);
    }

    @Override
    public boolean isMultipart() {
      return false;
    }

    @Override
    public Collection<Part> getParts() {
      return List.of();
    }

    @Override
    public Part getPart(String name) {
      return null;
    }
  }

  /**
   * The body as the client sent it, for the contract check: WireMock only ever sees the masked one.
   * Filter and transformer run on the same thread for one request; the masked bytes confirm the
   * pairing, else the body WireMock holds is used (it is the original when nothing was masked).
   */
  static byte[] originalBody(Request request) {
    Original o = ORIGINAL.get();
    ORIGINAL.remove();
    byte[] held = request.getBody() == null ? new byte[0] : request.getBody();
    return o != null && java.util.Arrays.equals(o.shown(), held) ? o.body() : held;
  }

  private static final ThreadLocal<Original> ORIGINAL = new ThreadLocal<>();

  static final byte[] WITHHELD =
      "{\"body\":\"withheld from the journal: it may name a secret and is not JSON that can be masked\"}"
          .getBytes(StandardCharsets.UTF_8);

  private record Original(byte[] body, byte[] shown) {}

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
