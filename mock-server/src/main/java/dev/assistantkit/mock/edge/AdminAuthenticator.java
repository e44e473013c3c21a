package dev.assistantkit.mock.edge;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.security.Authenticator;

/**
 * WireMock's admin authenticator, a second line behind the edge: it judges the request as sent
 * (WireMock only has the masked view, where the token reads {@code Bearer ***}). A request that did
 * not come through the edge is refused.
 */
final class AdminAuthenticator implements Authenticator {

  private final AdminGuard guard;

  AdminAuthenticator(AdminGuard guard) {
    this.guard = guard;
  }

  @Override
  public boolean authenticate(Request view) {
    return ReceivedRequest.current()
        .map(
            r ->
                guard
                    .check(r.method(), pathOf(view), name -> r.header(name).orElse(null))
                    .isEmpty())
        .orElse(false);
  }

  private static String pathOf(Request view) {
    String url = view.getUrl();
    int q = url.indexOf('?');
    return "/__admin" + (q < 0 ? url : url.substring(0, q));
  }
}
