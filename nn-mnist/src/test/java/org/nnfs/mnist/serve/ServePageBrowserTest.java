package org.nnfs.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.model.Sequential;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The drawing page in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, never a downloaded driver) draws digits on the canvas with the mouse and reads
 * the answer. The screenshot is kept as {@code target/serve-page.png}.
 */
class ServePageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;

    /** Selenium warns that it has no DevTools bindings for this Chromium; the test uses none. Kept: loggers are weak. */
    static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static DigitServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install Debian's packages (apt-get install -y chromium chromium-driver; .ci/run does)");
        }
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        Sequential model = ServedModel.load(ServedModel.file(dir));
        server = DigitServer.start(new DigitClassifier(model, "mlp_gemm_relu.onnx"), "test",
                ServeSettings.defaults().withPort(0));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile()); // with binary and driver given, Selenium Manager is never asked
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=860,760", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Strokes of a digit on the 280x280 canvas: each a list of {x, y} points. */
    record Drawing(String digit, List<int[][]> strokes) {
    }

    @Test
    @DisplayName("drawing a 1, a 7 and a 0 with the mouse shows each digit, with ten bars; Clear empties the answer")
    void drawDigits() throws IOException {
        browser.get(server.uri().toString());
        WebElement pad = browser.findElement(By.id("pad"));
        List<Drawing> drawings = List.of(
                new Drawing("1", List.<int[][]>of(new int[][] {{146, 40}, {144, 100}, {141, 160}, {138, 240}})),
                new Drawing("7", List.<int[][]>of(new int[][] {{70, 50}, {140, 48}, {210, 50}, {180, 110}, {150, 170}, {125, 240}})),
                new Drawing("0", List.<int[][]>of(ellipse(140, 140, 60, 95, 24))));
        for (Drawing d : drawings) {
            browser.findElement(By.id("clear")).click();
            assertEquals("", browser.findElement(By.id("digit")).getText());
            for (int[][] stroke : d.strokes()) {
                draw(pad, stroke);
            }
            String shown = new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> {
                String s = b.findElement(By.id("digit")).getText();
                return s.isEmpty() ? null : s;
            });
            // the answer to the whole drawing: wait until no request is left in flight
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> Boolean.TRUE.equals(
                    browser.executeScript("return !inFlight && !dirty;")));
            shown = browser.findElement(By.id("digit")).getText();
            assertEquals(d.digit(), shown, "the drawn " + d.digit() + " was read as " + shown + "; "
                    + browser.findElement(By.id("bars")).getText().replace('\n', ' '));
            List<WebElement> bars = browser.findElements(By.cssSelector("#bars li"));
            assertEquals(10, bars.size());
            assertTrue(bars.get(Integer.parseInt(d.digit())).getAttribute("class").contains("best"));
            assertTrue(bars.get(Integer.parseInt(d.digit())).getText().endsWith("%"));
        }
        Path shot = Path.of("target", "serve-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(shot) > 1000, "screenshot written");
    }

    /** Points around an ellipse, closed. */
    static int[][] ellipse(int cx, int cy, int rx, int ry, int n) {
        int[][] p = new int[n + 1][];
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * i / n - Math.PI / 2;
            p[i] = new int[] {(int) Math.round(cx + rx * Math.cos(a)), (int) Math.round(cy + ry * Math.sin(a))};
        }
        return p;
    }

    /** Drags the mouse through {@code points} (canvas pixels; the canvas is shown at its own size). */
    static void draw(WebElement pad, int[][] points) {
        // Selenium 4 offsets are from the element's centre.
        int half = pad.getSize().getWidth() / 2;
        Actions a = new Actions(browser).moveToElement(pad, points[0][0] - half, points[0][1] - half).clickAndHold();
        for (int i = 1; i < points.length; i++) {
            a.moveToElement(pad, points[i][0] - half, points[i][1] - half);
        }
        a.release().perform();
    }
}
