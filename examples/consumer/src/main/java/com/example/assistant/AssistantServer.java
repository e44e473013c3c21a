package com.example.assistant;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small server of the Update Assistant page ({@code PATCH /assistant/update/{assistant_id}}),
 * written from the page alone: in memory, on the JDK's HTTP server. Where the page is silent it is
 * lenient (unknown fields are ignored, any Content-Type is read as JSON).
 */
public class AssistantServer implements AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern PATH = Pattern.compile("/assistant/update/([^/]+)");

  private static final Set<String> TEXT_FIELDS =
      Set.of(
          "assistant_name",
          "assistant_description",
          "assistant_prompt",
          "assistant_start_instruction",
          "assistant_end_call_trigger_phrase",
          "assistant_end_call_agent_message",
          "assistant_end_call_url");
  private static final Set<String> OBJECT_FIELDS =
      Set.of("assistant_interaction_config", "assistant_tts_config", "assistant_llm_config");
  private static final Map<String, Set<String>> ENUMS =
      Map.of(
          "assistant_llm_mode", Set.of("pipeline", "realtime"),
          "assistant_tts_model", Set.of("cartesia", "sarvam", "elevenlabs", "mistral"));

  private final String apiKey;
  private final Map<String, ObjectNode> assistants = new ConcurrentHashMap<>();
  private HttpServer http;

  /** A server accepting this key, holding these assistants (in pipeline mode). */
  public AssistantServer(String apiKey, String... assistantIds) {
    this.apiKey = apiKey;
    for (String id : assistantIds) {
      assistants.put(id, JSON.createObjectNode().put("assistant_llm_mode", "pipeline"));
    }
  }

  /** Listens on 127.0.0.1, on a free port. */
  public AssistantServer start() {
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", this::handle);
    http.start();
    return this;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!path.matches() || !exchange.getRequestMethod().equals("PATCH")) {
        reply(exchange, 404, error("Not found"));
      } else if (!authorized(exchange.getRequestHeaders().get("Authorization"))) {
        reply(exchange, 401, error("Unauthorized"));
      } else if (!assistants.containsKey(path.group(1))) {
        reply(exchange, 404, error("Assistant not found"));
      } else {
        update(exchange, path.group(1));
      }
    } catch (RuntimeException e) {
      reply(exchange, 500, error("Internal server error"));
    } finally {
      exchange.close();
    }
  }

  /** {@code Authorization: Bearer <your_api_key>}, sent once. */
  protected boolean authorized(List<String> authorization) {
    return authorization != null
        && authorization.size() == 1
        && authorization.get(0).equals("Bearer " + apiKey);
  }

  private void update(HttpExchange exchange, String id) throws IOException {
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    } catch (JacksonException e) {
      reply(exchange, 400, error("Validation or payload mismatch error: the body is not JSON"));
      return;
    }
    String problem = problem(body);
    if (problem != null) {
      reply(exchange, 400, error("Validation or payload mismatch error: " + problem));
      return;
    }
    assistants.get(id).setAll((ObjectNode) body);
    ObjectNode ok = JSON.createObjectNode().put("success", true);
    ok.put("message", "Assistant updated successfully");
    ok.putObject("data").put("assistant_id", id);
    reply(exchange, 200, ok);
  }

  /** What is wrong with an update, by the page's tables and validation rules; null if nothing. */
  private static String problem(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "the body must be a JSON object";
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      boolean wrongType =
          (TEXT_FIELDS.contains(name) || ENUMS.containsKey(name)) && !value.isTextual()
              || OBJECT_FIELDS.contains(name) && !value.isObject()
              || name.equals("assistant_end_call_enabled") && !value.isBoolean();
      if (wrongType) {
        return name + " has the wrong type";
      }
      if (ENUMS.containsKey(name) && !ENUMS.get(name).contains(value.textValue())) {
        return name + " must be one of " + ENUMS.get(name);
      }
    }
    boolean ttsModel = body.has("assistant_tts_model");
    if (ttsModel != body.has("assistant_tts_config")) {
      return "send both assistant_tts_model and assistant_tts_config, or neither";
    }
    String mode = body.path("assistant_llm_mode").asText();
    if (mode.equals("pipeline") && !ttsModel) {
      return "switching to pipeline requires assistant_tts_model and assistant_tts_config";
    }
    if (mode.equals("realtime") && !body.has("assistant_llm_config")) {
      return "switching to realtime requires assistant_llm_config";
    }
    JsonNode llm = body.path("assistant_llm_config");
    for (String required : List.of("provider", "model", "voice")) {
      if (llm.isObject() && !llm.hasNonNull(required)) {
        return "assistant_llm_config needs " + required;
      }
    }
    return null;
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("success", false).put("message", message);
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
