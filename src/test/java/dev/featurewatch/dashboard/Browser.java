package dev.featurewatch.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven through Debian's chromedriver, both given by path, so nothing
 * is downloaded (Selenium Manager never runs). Elements are found by {@code data-testid}.
 */
final class Browser implements AutoCloseable {
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final URI base;

  private Browser(ChromeDriver driver, URI base) {
    this.driver = driver;
    this.base = base;
    // Views repaint as events arrive: an element found a moment ago may have been replaced.
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  static Browser start(URI base) {
    if (!CHROMEDRIVER.canExecute() || !CHROMIUM.canExecute()) {
      throw new IllegalStateException("the dashboard tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + ": install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), as CI does");
    }
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort()
        .withLogLevel(ChromiumDriverLogLevel.OFF).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
        "--disable-gpu", "--disable-extensions", "--no-first-run", "--lang=en-GB");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, base);
  }

  /** Opens a dashboard route, as #/traffic. */
  void open(String hash) {
    driver.get(base.resolve("/" + hash).toString());
  }

  static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  WebElement find(String testId) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
  }

  WebElement present(String testId) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(testId(testId)));
  }

  WebElement css(String selector) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
  }

  List<WebElement> all(String testId) {
    return driver.findElements(testId(testId));
  }

  <T> T until(String what, Function<WebDriver, T> condition) {
    return wait.withMessage(what).until(condition);
  }

  /** Replaces a field's text (select all, then type). */
  void type(WebElement field, String text) {
    field.clear();
    if (!text.isEmpty()) {
      field.sendKeys(text);
    }
  }

  /** Sets a textarea's value at once and fires its input event, as typing would (faster for long text). */
  void setValue(WebElement field, String text) {
    ((JavascriptExecutor) driver).executeScript(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, text);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Scrolls an element to the middle of the window (before a screenshot). */
  void scrollTo(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  /** Saves the page as target/screenshots/NAME.png. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path to = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Script errors the page logged since the last call (failed HTTP calls are the API's answers, not errors of the page). */
  List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource"))
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
