package io.tickgate.app.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/**
 * Debian's Chromium driven through Debian's ChromeDriver (no driver or browser downloads), headless, with the
 * flags this sandbox needs.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    HeadlessChromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory("tickgate-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Evaluates a JavaScript expression in the page and returns its value. */
    Object eval(String expression) {
        return ((JavascriptExecutor) driver).executeScript("return " + expression + ";");
    }

    long evalLong(String expression) {
        Object v = eval(expression);
        return v instanceof Number ? ((Number) v).longValue() : -1;
    }

    String text(String elementId) {
        Object v = eval("(document.getElementById('" + elementId + "')||{}).textContent");
        return v == null ? "" : v.toString();
    }

    /**
     * Turns the mouse wheel sideways over the middle of the element ({@code dx < 0}: to the left), as a user scrolls a
     * chart back in time with a touchpad or a tilt wheel.
     */
    void scrollSideways(String elementId, int dx) {
        new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(driver.findElement(By.id(elementId))),
                dx, 0).perform();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
