package dev.assistantkit.contract.text;

/**
 * Text put into HTML: the traffic page and the suite's report show what requests and servers sent,
 * which anyone may have written, so every such value goes through {@link #escape}.
 */
public final class HtmlText {

  private HtmlText() {}

  /** Text as HTML text or as a quoted attribute's value (either quote). */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
