package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.conformance.ConformanceMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The README's promise about the suite's HTML report: one self-contained file to attach to a
 * ticket. Opened from disk ({@code file://}) in Chromium, it shows the rule table, logs no console
 * error and makes no request of its own (no script, style sheet, font or image from anywhere).
 */
class ConformanceReportPageTest {

  @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

  @Test
  void the_html_report_renders_its_rule_table_offline_without_console_errors() throws Exception {
    Path dir = Files.createDirectories(BrowserExtension.work().resolve("conformance-report"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // the reference mock, started in-process by the suite; a few generated bodies are enough
    int status =
        ConformanceMain.run(
            new String[] {"--report-dir", dir.toString(), "--fuzz", "3", "--progress", "0"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String console = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, console);
    Path report = dir.resolve("conformance-report.html");
    String url = report.toUri().toString();

    browser.open(url);
    WebElement table = browser.awaitVisible(By.tagName("table"));
    List<WebElement> header = table.findElements(By.cssSelector("tr th"));
    assertEquals(
        List.of("Rule", "Origin", "Verdict", "Checks", "Got", "Expected"),
        header.stream().map(WebElement::getText).toList());
    List<WebElement> rows = table.findElements(By.xpath(".//tr[td]"));
    assertTrue(rows.size() >= 10, "rows in the rule table: " + rows.size());
    List<String> rules = rows.stream().map(r -> r.findElement(By.tagName("td")).getText()).toList();
    assertTrue(rules.contains("tts.pair"), rules::toString);
    assertTrue(rules.contains("auth.bearer"), rules::toString);
    WebElement pair = rows.get(rules.indexOf("tts.pair"));
    assertEquals("pass", pair.getAttribute("class"), pair.getText());
    assertTrue(pair.isDisplayed());
    assertTrue(
        browser.driver().findElement(By.cssSelector("p.summary")).getText().contains("0 failed"),
        "the summary line");

    assertEquals(List.of(), browser.consoleErrors(), "console errors");
    // data: URLs are inline, not requests that leave the page
    List<String> requests =
        browser.requests().stream().filter(r -> !r.startsWith("data:")).toList();
    assertEquals(List.of(url), requests, "the report's only request is itself");
    Object resources =
        browser
            .driver()
            .executeScript("return performance.getEntriesByType('resource').map(e => e.name);");
    assertEquals(List.of(), resources, "resources the page loaded");
  }
}
