package dev.assistantkit.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One Chromium per test class ({@code @RegisterExtension static}), and what a failed test leaves
 * behind: {@code target/browser/<class>/<test>.png} (a screenshot), {@code .console.log} (the
 * page's console) and {@code .html} (the DOM as it was), so a failure in CI can be looked at.
 */
final class BrowserExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterTestExecutionCallback {

  /**
   * How long a test waits for something to appear on a page: a guard against a hang only (pages
   * render in a second or two; a loaded 2-core machine running Chromium beside a build can take
   * many times that), so only a page that never shows it fails.
   */
  static final Duration WAIT = Duration.ofSeconds(60);

  private Chromium chromium;
  private final List<String> console = new ArrayList<>();
  private final List<String> requests = new ArrayList<>();

  /** target/browser: screenshots, console logs, profiles, recordings. */
  static Path work() {
    return Path.of(System.getProperty("browser.work", "target"))
        .toAbsolutePath()
        .resolve("browser");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    chromium = Chromium.start(work(), context.getRequiredTestClass().getSimpleName());
    // away from the start page (a new-tab page in some versions, with requests of its own)
    chromium.driver().get("about:blank");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (chromium != null) {
      chromium.close();
      chromium = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    console.clear();
    requests.clear();
    // a page an earlier test left open may still be talking (the traffic page asks its mock for
    // new exchanges, which an earlier test has stopped): away from it first
    chromium.driver().get("about:blank");
    // what an earlier test left in the logs is not this test's
    chromium.drainConsole();
    chromium.drainRequests();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent() && chromium != null) {
      keep(context);
    }
  }

  ChromeDriver driver() {
    return chromium.driver();
  }

  /** Opens a URL and waits until its document has loaded. */
  void open(String url) {
    driver().get(url);
  }

  /**
   * Waits until the condition holds (non-null, non-false) and returns its value. An element the
   * page replaced while the condition read it (a page that updates itself) is asked again.
   */
  <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver(), WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Waits for an element to be displayed. */
  WebElement awaitVisible(By by) {
    return await(
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** The console messages of this test so far, as "LEVEL message". */
  List<String> console() {
    console.addAll(chromium.drainConsole());
    return List.copyOf(console);
  }

  /** The console's errors (level SEVERE) of this test so far. */
  List<String> consoleErrors() {
    return console().stream().filter(l -> l.startsWith("SEVERE")).toList();
  }

  /** The URLs the browser requested in this test so far. */
  List<String> requests() {
    requests.addAll(chromium.drainRequests());
    return List.copyOf(requests);
  }

  private void keep(ExtensionContext context) {
    String method = context.getRequiredTestMethod().getName();
    String display = context.getDisplayName();
    String name =
        display.startsWith(method + "(")
            ? method
            : method + "-" + display.replaceAll("[^A-Za-z0-9._-]+", "_");
    Path dir = work().resolve(context.getRequiredTestClass().getSimpleName());
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), chromium.driver().getScreenshotAs(OutputType.BYTES));
      List<String> lines = new ArrayList<>();
      lines.add("# " + chromium.driver().getCurrentUrl());
      lines.addAll(console());
      lines.add("# requests");
      lines.addAll(requests());
      Files.write(dir.resolve(name + ".console.log"), lines, StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve(name + ".html"), chromium.driver().getPageSource(), StandardCharsets.UTF_8);
      System.err.println("browser-tests: the failed test's screenshot and console are in " + dir);
    } catch (IOException | RuntimeException e) {
      System.err.println("browser-tests: could not keep the failed test's page: " + e);
    }
  }
}
