import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The benchmarks' ceiling: a bare Jetty 11 handler that reads each request's body and answers a
 * fixed 200 JSON body, with no validation or state. With {@code page} (the default) it answers
 * bench/patch.lua's PATCH with the mock's body (bench/mock-benchmark.sh); with {@code petstore}
 * bench/petstore.lua's three requests with the bodies stock WireMock's stubs give
 * (bench/prism-benchmark.sh). It is not part of the Maven build. Jetty comes from the mock's jar:
 *
 * <pre>java -cp mock-server/target/mock-server.jar bench/BareJetty.java PORT [page|petstore]</pre>
 */
public final class BareJetty {
  private static final String ID = "550e8400-e29b-41d4-a716-446655440000";
  private static final String PATH = "/assistant/update/" + ID;
  private static final byte[] BODY =
      ("{\"success\":true,\"message\":\"Assistant updated successfully\",\"data\":{\"assistant_id\":\""
              + ID
              + "\"}}")
          .getBytes(StandardCharsets.UTF_8);

  private static final byte[] PET =
      "{\"id\":1,\"name\":\"doggie\",\"tag\":\"dog\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PETS =
      "[{\"id\":1,\"name\":\"doggie\",\"tag\":\"dog\"}]".getBytes(StandardCharsets.UTF_8);

  /** The answers, by method and path (the query left out, as WireMock's urlPath stubs do). */
  private static final Map<String, Map<String, byte[]>> ANSWERS =
      Map.of(
          "page", Map.of("PATCH " + PATH, BODY),
          "petstore", Map.of("GET /pets/1", PET, "GET /pets", PETS, "POST /pets", PET));

  public static void main(String[] args) throws Exception {
    String mode = args.length == 2 ? args[1] : "page";
    if (args.length < 1 || args.length > 2 || !ANSWERS.containsKey(mode)) {
      System.err.println("usage: java -cp mock-server.jar bench/BareJetty.java PORT [page|petstore]");
      System.exit(2);
    }
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(args[0]));
    server.addConnector(connector);
    server.setHandler(new FixedHandler(ANSWERS.get(mode)));
    server.start();
    System.out.println(
        "bare Jetty (" + mode + ") listening on http://127.0.0.1:" + connector.getLocalPort());
    server.join();
  }

  /** Answers each known request with its fixed body; anything else is a bodiless 404. */
  private static final class FixedHandler extends AbstractHandler {
    private final Map<String, byte[]> answers;

    FixedHandler(Map<String, byte[]> answers) {
      this.answers = answers;
    }

    @Override
    public void handle(
        String target,
        Request base,
        jakarta.servlet.http.HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response)
        throws IOException {
      base.setHandled(true);
      // read the body as every server measured beside this one must
      request.getInputStream().readAllBytes();
      byte[] body = answers.get(request.getMethod() + " " + request.getRequestURI());
      if (body == null) {
        response.setStatus(404);
        return;
      }
      response.setStatus(200);
      response.setContentType("application/json");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
