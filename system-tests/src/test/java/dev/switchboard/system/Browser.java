package dev.switchboard.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser context on the web chat page: Debian's headless Chromium, driven through
 * its chromedriver (no browser or driver is downloaded: Selenium Manager is never asked,
 * as both paths are given). Paths can be changed with {@code SWITCHBOARD_CHROMIUM} and
 * {@code SWITCHBOARD_CHROMEDRIVER}. Screenshots and the page's console go to
 * {@code target/browser/}.
 */
final class Browser implements AutoCloseable {

    static final Path ARTEFACTS = Path.of("target", "browser");

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String name;

    private final ChromeDriver driver;

    private final WebDriverWait wait;

    private int timeouts;

    private Browser(String name, ChromeDriver driver) {
        this.name = name;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    }

    /**
     * Starts a browser context with its own profile.
     * @param name what its artefacts are called
     * @param width the window's width in CSS pixels (390 is a phone)
     * @param height the window's height
     * @return the browser
     */
    static Browser open(String name, int width, int height) {
        Path chromium = Path.of(env("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("SWITCHBOARD_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException("The browser test needs Chromium and its driver at " + chromium + " and "
                    + chromedriver + ": apt-get install -y chromium chromium-driver (.ci/run does), or set "
                    + "SWITCHBOARD_CHROMIUM and SWITCHBOARD_CHROMEDRIVER.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(name, driver);
    }

    void get(String url) {
        this.driver.get(url);
    }

    WebElement find(String css) {
        return this.driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return this.driver.findElements(By.cssSelector(css));
    }

    void type(String css, CharSequence... keys) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(keys);
    }

    void click(String css) {
        until(() -> find(css).isDisplayed());
        find(css).click();
    }

    String text(String css) {
        return find(css).getText();
    }

    /**
     * Waits until a condition about the page holds.
     * @param condition the condition, asked again until it holds or the wait ends
     */
    void until(java.util.function.BooleanSupplier condition) {
        try {
            this.wait.ignoring(RuntimeException.class).until((driver) -> condition.getAsBoolean());
        }
        catch (org.openqa.selenium.TimeoutException ex) {
            screenshot("timed-out-" + (++this.timeouts));
            throw ex;
        }
    }

    /**
     * Cuts this context off the network (as DevTools' "Offline" does: requests fail and
     * the page gets an {@code offline} event), or brings it back.
     * @param offline whether it is offline
     */
    void offline(boolean offline) {
        if (offline) {
            ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
            conditions.setOffline(true);
            this.driver.setNetworkConditions(conditions);
        }
        else {
            this.driver.deleteNetworkConditions();
        }
    }

    Object script(String script, Object... arguments) {
        return this.driver.executeScript(script, arguments);
    }

    /**
     * Keeps a screenshot under {@code target/browser/}.
     * @param step what the page shows
     */
    void screenshot(String step) {
        try {
            Files.createDirectories(ARTEFACTS);
            Files.write(ARTEFACTS.resolve(this.name + "-" + step + ".png"),
                    this.driver.getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        try {
            Files.createDirectories(ARTEFACTS);
            StringBuilder console = new StringBuilder();
            for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
                console.append(entry).append('\n');
            }
            Files.writeString(ARTEFACTS.resolve(this.name + "-console.log"), console);
        }
        catch (IOException | RuntimeException ex) {
            // the console is an aid, not a result
        }
        finally {
            this.driver.quit();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : value;
    }

}
