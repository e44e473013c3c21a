package dev.assistantkit.mock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.generated.api.AssistantApi;
import dev.assistantkit.generated.model.AssistantUpdateRequest;
import dev.assistantkit.generated.model.ErrorResponse;
import dev.assistantkit.generated.model.UpdateAssistantResponse;
import dev.assistantkit.mock.engine.MockEngine;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The mock's operation as the Java interface openapi-generator makes from the spec: a typed door
 * into the same engine and state as HTTP, for code in the mock's JVM. It reads its method and path
 * from the generated interface's annotations, so a change of the spec's operation that the mock
 * does not follow breaks this class's compilation (or its test), not a user.
 */
public final class TypedApi implements AssistantApi {

  /** Generated models extend HashMap for free-form objects; its isEmpty() is not a field. */
  @JsonIgnoreProperties({"empty"})
  private abstract static class MapModel {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .addMixIn(java.util.HashMap.class, MapModel.class);

  private final MockEngine engine;
  private final String key;

  TypedApi(MockEngine engine, String key) {
    this.engine = engine;
    this.key = key;
  }

  /** The contract rejected the call: its status and error body. */
  public static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ErrorResponse error;

    Rejected(int status, ErrorResponse error) {
      super("HTTP " + status + ": " + error.getMessage(), null, false, false);
      this.status = status;
      this.error = error;
    }

    public int status() {
      return status;
    }

    public ErrorResponse error() {
      return error;
    }
  }

  /**
   * @throws Rejected when the contract answers with an error (its status and body)
   */
  @Override
  public UpdateAssistantResponse updateAssistant(UUID assistantId, AssistantUpdateRequest request) {
    Answer a =
        call(AssistantApi.class, "updateAssistant", Map.of(0, assistantId.toString()), request);
    return read(a, UpdateAssistantResponse.class);
  }

  /** Sends a call of a generated method through the engine, as the HTTP request it stands for. */
  private Answer call(Class<?> api, String method, Map<Integer, String> pathValues, Object body) {
    java.lang.reflect.Method m =
        java.util.Arrays.stream(api.getMethods())
            .filter(x -> x.getName().equals(method))
            .findFirst()
            .orElseThrow();
    String path = api.getAnnotation(Path.class).value();
    java.lang.annotation.Annotation[][] params = m.getParameterAnnotations();
    for (Map.Entry<Integer, String> v : pathValues.entrySet()) {
      for (java.lang.annotation.Annotation a : params[v.getKey()]) {
        if (a instanceof jakarta.ws.rs.PathParam p) {
          path = path.replace("{" + p.value() + "}", v.getValue());
        }
      }
    }
    String httpMethod =
        java.util.Arrays.stream(m.getAnnotations())
            .map(a -> a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class))
            .filter(java.util.Objects::nonNull)
            .map(jakarta.ws.rs.HttpMethod::value)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(method + " names no HTTP method"));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Authorization", "Bearer " + key);
    try {
      return engine
          .handle(
              new ApiRequest(httpMethod, path, Headers.of(headers), JSON.writeValueAsBytes(body)))
          .answer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(Answer a, Class<T> type) {
    try {
      if (a.status() / 100 == 2) {
        return JSON.readValue(a.body(), type);
      }
      throw new Rejected(a.status(), JSON.readValue(a.body(), ErrorResponse.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
