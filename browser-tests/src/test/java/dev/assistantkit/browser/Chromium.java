package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium, with a fresh
 * profile under target/. Both programs are named to Selenium, so Selenium Manager never runs (it
 * would try to download them; STACK_NOTES pitfall 19), and no CDP version is pinned: the console
 * and the network are read from chromedriver's own logs ({@code goog:loggingPrefs}).
 */
final class Chromium implements AutoCloseable {

  /** The Debian packages the tests need, named in every failure that says what is missing. */
  static final String PACKAGES = "chromium chromium-driver";

  /** Headless, no sandbox (CI runs as root), and none of Chromium's own network traffic. */
  static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1280,1024");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Selenium looks for CDP bindings matching the browser's version at every start and warns "Unable
   * to find CDP implementation matching N" when there are none. There are none on purpose (no CDP
   * version is pinned; the tests read chromedriver's logs instead), so that warning is silenced;
   * Selenium's other warnings are not. (Held here: java.util.logging keeps loggers weakly.)
   */
  private static final java.util.logging.Logger CDP_FINDER =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_FINDER.setLevel(Level.SEVERE);
  }

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;

  /** Ends the browser and its driver if the JVM ends before the test class does. */
  private final Thread onExit;

  private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.onExit = new Thread(this::quit, "chromium-shutdown");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Starts Chromium with a new profile in {@code work/profiles}; chromedriver's log goes to {@code
   * work/<name>-chromedriver.log}.
   */
  static Chromium start(Path work, String name) throws IOException {
    Path browser = program("browser.chromium", "chromium");
    Path driverProgram = program("browser.chromedriver", "chromedriver");
    Files.createDirectories(work.resolve("profiles"));
    Path profile = Files.createTempDirectory(work.resolve("profiles"), name + "-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driverProgram.toFile())
            .usingAnyFreePort()
            .withLogFile(work.resolve(name + "-chromedriver.log").toFile())
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      throw new AssertionError(
          "Chromium ("
              + browser
              + ") did not start under chromedriver ("
              + driverProgram
              + "); their versions must match (Debian's packages "
              + PACKAGES
              + " do). See "
              + work.resolve(name + "-chromedriver.log"),
          e);
    }
    // guards against a hang only, like BrowserExtension.WAIT
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return new Chromium(service, driver, profile);
  }

  /**
   * A program named by a system property, else found on the PATH; a failure naming the Debian
   * packages when there is none.
   */
  static Path program(String property, String name) {
    String given = System.getProperty(property);
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given);
      if (Files.isExecutable(p)) {
        return p;
      }
      fail(
          property
              + "="
              + given
              + " is not an executable file. The browser tests need Debian's "
              + PACKAGES
              + " (apt-get install -y "
              + PACKAGES
              + ")");
    }
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    return fail(
        "the browser tests need '"
            + name
            + "', which is not on the PATH. Install Debian's "
            + PACKAGES
            + " (apt-get install -y "
            + PACKAGES
            + "; .ci/run does so when they are missing), or name the program with -D"
            + property
            + "=...");
  }

  ChromeDriver driver() {
    return driver;
  }

  /** The console messages logged since the last call, as "LEVEL message". */
  List<String> drainConsole() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      out.add(e.getLevel().getName() + " " + e.getMessage());
    }
    return out;
  }

  /** The URLs the browser requested since the last call (from chromedriver's network log). */
  List<String> drainRequests() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = JSON.readTree(e.getMessage()).path("message");
      if (message.path("method").asString("").equals("Network.requestWillBeSent")) {
        out.add(message.at("/params/request/url").asString(""));
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook does the same
    }
    quit();
    deleteQuietly(profile);
  }

  private void quit() {
    try {
      driver.quit();
    } catch (RuntimeException e) {
      // already gone
    } finally {
      service.stop();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a profile left in target/ is harmless; mvn clean removes it
    }
  }
}
