package dev.assistantkit.mock.tools;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Reply;
import dev.assistantkit.mock.engine.ResourceStore;
import dev.assistantkit.mock.recorder.Recorder;
import java.util.List;

/**
 * The mock's own endpoints: {@code /__mock} (state, reset, traffic) and the docs ({@code GET
 * /docs}, {@code GET /openapi.yaml}). Their answers are the mock's own, masked by the door.
 */
public final class Tools {

  private final StateEndpoints state;
  private final DocsEndpoints docs;

  /**
   * @param mode "mock" or "proxy to URL", for the traffic views' headings
   * @param proxyKeys the keys the proxy's upstream accepts, when given (the traffic judge's)
   * @param readiness whether the last reload of the spec failed, for the readiness check
   */
  public Tools(
      Contract contract,
      ResourceStore store,
      Profile profile,
      Recorder recorder,
      String mode,
      List<String> proxyKeys,
      Readiness readiness) {
    this.state =
        new StateEndpoints(
            contract,
            store,
            profile,
            recorder,
            new TrafficViews(contract, profile, mode, proxyKeys),
            !mode.equals("mock"),
            readiness);
    this.docs = new DocsEndpoints(contract);
  }

  /** Whether a request is for one of these endpoints. */
  public static boolean serves(String method, String path) {
    return path.equals(StateEndpoints.PREFIX)
        || path.startsWith(StateEndpoints.PREFIX + "/")
        || (method.equals("GET") && DocsEndpoints.serves(path));
  }

  /** Whether a path is the docs' (not the API's, not judged as traffic). */
  public static boolean isDocs(String path) {
    return DocsEndpoints.serves(path);
  }

  /** The answer to a request for one of these endpoints (the door masks it as the mock's own). */
  public Reply reply(Exchange x) {
    String path = x.rawPath();
    if (path.equals(StateEndpoints.PREFIX) || path.startsWith(StateEndpoints.PREFIX + "/")) {
      String target = x.rawTarget();
      int q = target.indexOf('?');
      return state.answer(x.method(), path, q < 0 ? "" : target.substring(q + 1), x.body());
    }
    return docs.answer(x.arrival());
  }
}
