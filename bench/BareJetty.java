import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The benchmark's ceiling: a bare Jetty 11 handler that reads the PATCH's body and answers the
 * mock's 200 JSON body, with no matching, validation or state. Only bench/mock-benchmark.sh uses
 * it; it is not part of the Maven build. Jetty comes from the mock's jar:
 *
 * <pre>java -cp mock-server/target/mock-server.jar bench/BareJetty.java PORT</pre>
 */
public final class BareJetty {
  private static final String ID = "550e8400-e29b-41d4-a716-446655440000";
  private static final String PATH = "/assistant/update/" + ID;
  private static final byte[] BODY =
      ("{\"success\":true,\"message\":\"Assistant updated successfully\",\"data\":{\"assistant_id\":\""
              + ID
              + "\"}}")
          .getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java -cp mock-server.jar bench/BareJetty.java PORT");
      System.exit(2);
    }
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(args[0]));
    server.addConnector(connector);
    server.setHandler(new PatchHandler());
    server.start();
    System.out.println("bare Jetty listening on http://127.0.0.1:" + connector.getLocalPort());
    server.join();
  }

  /** Answers the benchmark's PATCH with the fixed body; anything else is a bodiless 404. */
  private static final class PatchHandler extends AbstractHandler {
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
      if (!"PATCH".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())) {
        response.setStatus(404);
        return;
      }
      response.setStatus(200);
      response.setContentType("application/json");
      response.setContentLength(BODY.length);
      response.getOutputStream().write(BODY);
    }
  }
}
