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
import dev.assistantkit.contract.ApiRequest;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.Headers;
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
   * @param request the request as the client sent it (body after WireMock's own decompression)
   */
  record Original(UUID eventId, ApiRequest request) {}

  private static final ThreadLocal<Original> ORIGINAL = new ThreadLocal<>();

  private final Contract contract;
  private final Set<String> keys;

  CredentialFilter(Contract contract, List<String> keys) {
    this.contract = contract;
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
    SecretMasker masker = contract.masker();
    RequestWrapper.Builder wrapper = RequestWrapper.create();
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
    List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
    for (HttpHeader h : request.getHeaders().all()) {
      for (String v : h.values()) {
        headers.add(Map.entry(h.key(), v));
      }
    }
    ORIGINAL.set(
        new Original(
            serveEvent.getId(),
            new ApiRequest(
                request.getMethod().getName(), request.getUrl(), Headers.of(headers), body)));
    return RequestFilterAction.continueWith(masked);
  }

  /**
   * A body whose secrets the JSON mask might not find: in a charset other than UTF-8, multipart, or
   * over the contract's size limit (it is rejected anyway; keeping it would keep it in memory).
   */
  private static boolean opaque(Request request, byte[] body, Contract contract) {
    int limit =
        contract.operations().stream().mapToInt(o -> o.limits().maxBodyBytes()).max().orElse(0);
    if (body.length > limit) {
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

  /** What the filter kept of the request of this serve event, without taking it. */
  static Optional<Original> peek(ServeEvent serveEvent) {
    Original o = ORIGINAL.get();
    return o != null && o.eventId().equals(serveEvent.getId()) ? Optional.of(o) : Optional.empty();
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
}
