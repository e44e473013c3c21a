package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.Body;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Request.Part;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.contract.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps secrets out of WireMock: before a request is matched, journaled, templated or logged, the
 * credentials are judged and masked ({@code Bearer ***}, and any configured key anywhere in the
 * headers, cookies or URL), and the body's secret properties are masked. A body that may hold a
 * secret the mask cannot reach (not JSON, another charset, multipart, over the contract's size
 * limit) is withheld, with the form fields and parts WireMock parsed from it.
 *
 * <p>The verdict and the body as sent stay on this side, keyed by the serve event's id, for the
 * mock's own transformers ({@link #original}); nothing a client sends can stand in for them. It
 * only rewrites, never answers, so a user's stub still wins over the contract.
 */
final class CredentialFilter implements RequestFilterV2, ServeEventListener {

  static final byte[] WITHHELD =
      "{\"body\":\"withheld from the journal: it may name a secret and is not JSON that can be masked\"}"
          .getBytes(StandardCharsets.UTF_8);

  private static final List<String> CREDENTIAL_HEADERS =
      List.of("Authorization", "Proxy-Authorization");

  /**
   * What the mock's transformers need of a request WireMock only holds masked.
   *
   * @param eventId the serve event the request belongs to
   * @param verdict accepted, missing, malformed or unknown
   * @param body the body as the client sent it (after WireMock's own decompression)
   */
  record Original(UUID eventId, String verdict, byte[] body) {}

  private static final ThreadLocal<Original> ORIGINAL = new ThreadLocal<>();

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
    for (HttpHeader header : request.getHeaders().all()) {
      boolean credential = CREDENTIAL_HEADERS.stream().anyMatch(header::keyEquals);
      if (credential || header.values().stream().anyMatch(this::namesAKey)) {
        wrapper.transformHeader(
            header.key(),
            values ->
                values.stream()
                    .map(v -> credential ? masker.maskAuthorization(v) : withoutKeys(v))
                    .toList());
      }
    }
    request
        .getCookies()
        .forEach(
            (name, cookie) -> {
              if (cookie.getValues().stream().anyMatch(this::namesAKey)) {
                wrapper.transformCookie(
                    name, c -> new Cookie(c.getValues().stream().map(this::withoutKeys).toList()));
              }
            });
    if (namesAKey(request.getAbsoluteUrl())) {
      wrapper.transformAbsoluteUrl(this::withoutKeys);
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
    byte[] shown =
        body.length == 0
            ? body
            : opaque(request, body, contract)
                ? WITHHELD
                : masker.maskBodyForDisplay(body).orElse(WITHHELD);
    Request masked;
    if (shown != body) {
      wrapper.transformBody(b -> new Body(shown));
      // WireMock parsed form fields and multipart parts from the body as sent: they go too
      masked = new WithoutFormsOrParts(wrapper.wrap(request));
    } else {
      masked = wrapper.wrap(request);
    }
    ORIGINAL.set(new Original(serveEvent.getId(), verdict(contract, auth), body));
    return RequestFilterAction.continueWith(masked);
  }

  /**
   * A body whose secrets the JSON mask might not find: in a charset other than UTF-8, multipart, or
   * over the contract's size limit (it is rejected anyway; keeping it would keep it in memory).
   */
  private static boolean opaque(Request request, byte[] body, Contract contract) {
    if (body.length > contract.spec().limits().maxBodyBytes()) {
      return true;
    }
    ContentTypeHeader type = request.contentTypeHeader();
    if (type == null || !type.isPresent()) {
      return false;
    }
    String mime = type.mimeTypePart() == null ? "" : type.mimeTypePart().toLowerCase(Locale.ROOT);
    Optional<String> charset = type.encodingPart().map(c -> c.toLowerCase(Locale.ROOT));
    return mime.startsWith("multipart/")
        || charset.filter(c -> !c.equals("utf-8") && !c.equals("us-ascii")).isPresent();
  }

  private boolean namesAKey(String text) {
    return text != null && keys.stream().anyMatch(k -> k.length() >= 4 && text.contains(k));
  }

  private String withoutKeys(String text) {
    String out = text;
    for (String k : keys) {
      if (k.length() >= 4) {
        out = out.replace(k, SecretMasker.MASK);
      }
    }
    return out;
  }

  /**
   * What the filter kept of the request of this serve event, or empty when it did not see it (then
   * the caller must treat the credentials as missing and use the body WireMock holds).
   */
  static Optional<Original> original(ServeEvent serveEvent) {
    Original o = ORIGINAL.get();
    if (o == null || !o.eventId().equals(serveEvent.getId())) {
      return Optional.empty();
    }
    ORIGINAL.remove();
    return Optional.of(o);
  }

  /** Forgets a request that no transformer of the mock took (a user's stub answered it). */
  @Override
  public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
    Original o = ORIGINAL.get();
    if (o != null && o.eventId().equals(serveEvent.getId())) {
      ORIGINAL.remove();
    }
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

  private String verdict(Contract contract, String auth) {
    if (auth == null) {
      return "missing";
    }
    ContractRequest probe = new ContractRequest("", Map.of("Authorization", auth), new byte[0]);
    if (contract.requests().checkCredentials(probe, keys::contains).isEmpty()) {
      return "accepted";
    }
    boolean formed = contract.requests().checkCredentials(probe, k -> true).isEmpty();
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
