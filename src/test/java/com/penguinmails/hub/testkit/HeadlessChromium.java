package com.penguinmails.hub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through the system {@code chromedriver}: never a
 * browser or driver that a test tool downloads (Selenium Manager is not asked: both paths are given).
 * CI installs them ({@code apt-get install chromium chromium-driver} in {@code .ci/run}); where they
 * are missing, {@link #start()} fails with a message saying so rather than skipping the test.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *     browser.open("http://localhost:" + port + "/console/");
 *     browser.waitFor(By.id("email")).sendKeys("…");
 *     browser.screenshot("dashboard");   // target/screenshots/dashboard.png
 * }
 * }</pre>
 *
 * Paths can be changed with the system properties {@code hub.test.chromium} and {@code hub.test.chromedriver}.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("hub.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("hub.test.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A laptop-sized window (1280×900). */
    public static HeadlessChromium start() {
        return start(1280, 900);
    }

    public static HeadlessChromium start(int width, int height) {
        for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: " + required
                        + " is missing. Install them with `apt-get update && apt-get install -y chromium chromium-driver`"
                        + " (.ci/run does this before `mvn -B verify`).");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("hub-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // without these the browser waits on connections the closed network refuses, or on a shared-memory limit
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            delete(profile);
            throw new IllegalStateException("Could not start " + CHROMIUM + " through " + CHROMEDRIVER + ": "
                    + e.getMessage(), e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(width, height));
        return new HeadlessChromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public HeadlessChromium open(String url) {
        driver.get(url);
        return this;
    }

    /** Waits (up to 20 s) until an element matching {@code by} is visible. */
    public WebElement waitFor(By by) {
        return waitFor(by, DEFAULT_WAIT);
    }

    public WebElement waitFor(By by, Duration timeout) {
        return new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Waits (up to {@code timeout}) until {@code condition} answers something other than null or false;
     * elements that vanish meanwhile (a page re-rendering) just mean "not yet".
     */
    public <T> T until(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a PNG of the page as {@code target/screenshots/<name>.png}; answers its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(taken);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
