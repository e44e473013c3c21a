package dev.assistantkit.mock.door;

import java.nio.charset.StandardCharsets;

/**
 * {@link ErrorBodies} written by hand: no mapper, no allocation beyond the text, so it still works
 * when the heap is nearly exhausted.
 */
final class JsonErrorBodies implements ErrorBodies {

  static final JsonErrorBodies INSTANCE = new JsonErrorBodies();

  private JsonErrorBodies() {}

  @Override
  public byte[] render(int status, String rule, String in, String pointer, String message) {
    StringBuilder b = new StringBuilder(160 + message.length());
    b.append("{\"success\":false,\"message\":");
    string(b, summary(status));
    b.append(",\"errors\":[{\"rule\":");
    string(b, rule);
    b.append(",\"in\":");
    string(b, in);
    b.append(",\"pointer\":");
    string(b, pointer);
    b.append(",\"message\":");
    string(b, message);
    b.append("}]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The page's words for its declared statuses (as the contract renders them), else the reason. */
  static String summary(int status) {
    return switch (status) {
      case 400 -> "Validation or payload mismatch error: 1 problem";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 408 -> "Request timeout";
      case 414 -> "URI too long";
      case 431 -> "Request header fields too large";
      case 500 -> "Internal server error";
      case 503 -> "Service unavailable";
      default -> status < 500 ? "Client error" : "Server error";
    };
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
