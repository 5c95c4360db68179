package org.kindling.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in a real browser (headless Chromium through the system's chromedriver): every run listed, a
 * run's chart growing while it trains, runs overlaid, an error card for a corrupt run. Skipped when
 * Chromium or chromedriver is not installed ({@code apt-get install chromium chromium-driver}; .ci/run
 * installs them). Saves a screenshot as target/dashboard.png.
 */
@Timeout(120)
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int LIVE_EPOCHS = 5;

    @TempDir
    static Path runs;
    private static Dashboard dashboard;
    private static WebDriver browser;
    private static final Semaphore gate = new Semaphore(0);
    private static Thread training;
    private static volatile Throwable trainingFailure;

    private static final Path DRIVER = Path.of(System.getProperty("kindling.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("kindling.chromium", "/usr/bin/chromium"));
    /** Checked in the test, not here, so a missing browser shows as a skipped test with its reason. */
    private static final boolean BROWSER = Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM);

    @BeforeAll
    static void start() throws Exception {
        if (!BROWSER) return;
        Path driver = DRIVER, chromium = CHROMIUM;

        TinyTraining.finished(runs, "2026-01-05_09-30-00", 12, 0.05);
        TinyTraining.finished(runs, "2026-01-05_09-45-00", 12, 0.01);
        Path broken = Files.createDirectories(runs.resolve("broken <run> & ü"));
        Files.writeString(broken.resolve("config.json"), "{\"dataset\": \"sine\", \"epochs\": ");
        training = new Thread(() -> {
            try {
                new TinyTraining(runs.resolve("live"), LIVE_EPOCHS, 0.05, gate).run();
            } catch (Throwable t) {
                trainingFailure = t;
            }
        }, "live-training");
        training.setDaemon(true);
        training.start();

        dashboard = Dashboard.start(runs, Dashboard.options().port(0));
        // The system's driver, named explicitly: Selenium Manager must never try to download one.
        System.setProperty("webdriver.chrome.driver", driver.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1500", "--no-first-run", "--disable-extensions");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        gate.release(1_000_000);
        if (training != null) training.join(30_000);
        if (browser != null) browser.quit();
        if (dashboard != null) dashboard.close();
    }

    @Test
    void listsEveryRunAndDrawsTheLiveRunAsItTrains() throws Exception {
        assumeTrue(BROWSER, "browser test skipped: needs " + CHROMIUM + " and " + DRIVER
                + " (Debian: apt-get install chromium chromium-driver)");
        browser.get(dashboard.uri().toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(50));
        Set<String> folders;
        try (var list = Files.list(runs)) {
            folders = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        wait.until(b -> listed().equals(folders));
        assertEquals(folders, listed());
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        // The live run: select it, then let training go step by step and watch the chart follow.
        browser.findElement(By.cssSelector("#runs tr[data-run='live'] td.name")).click();
        WebElement steps = browser.findElement(By.id("step-chart"));
        gate.release(3);
        wait.until(b -> points(steps) == 3);
        gate.release(6);
        wait.until(b -> points(steps) == 9);
        WebElement epochs = browser.findElement(By.id("epoch-chart"));
        wait.until(b -> points(epochs) == 9 / TinyTraining.STEPS_PER_EPOCH);
        assertEquals("running", browser.findElement(By.id("run-status")).getText());
        gate.release(LIVE_EPOCHS * TinyTraining.STEPS_PER_EPOCH - 9);
        wait.until(b -> points(steps) == LIVE_EPOCHS * TinyTraining.STEPS_PER_EPOCH);
        wait.until(b -> browser.findElement(By.id("run-status")).getText().equals("finished"));
        training.join(10_000);
        assertEquals(null, trainingFailure);
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"),
                "the chart grew without a page reload");
        // Once finished, its plots show.
        wait.until(b -> !b.findElements(By.cssSelector("#plots img[alt='loss.png']")).isEmpty());

        // A corrupt run: an error card that says what is wrong.
        browser.findElement(By.cssSelector("#runs tr[data-status='corrupt'] td.name")).click();
        WebElement card = browser.findElement(By.id("run-error"));
        wait.until(b -> card.isDisplayed() && card.getText().contains("config.json is not valid JSON"));
        assertEquals("broken <run> & ü", browser.findElement(By.id("run-name")).getText());

        // Two finished runs overlaid: training and validation loss of each.
        for (String run : List.of("2026-01-05_09-30-00", "2026-01-05_09-45-00")) {
            browser.findElement(By.cssSelector("#runs tr[data-run='" + run + "'] input[type=checkbox]")).click();
        }
        WebElement compare = browser.findElement(By.id("compare-chart"));
        wait.until(b -> "4".equals(compare.getAttribute("data-series")) && points(compare) == 12);

        // The picture for people: a finished run with its plots, and the comparison.
        browser.findElement(By.cssSelector("#runs tr[data-run='2026-01-05_09-30-00'] td.name")).click();
        wait.until(b -> points(steps) == 12 * TinyTraining.STEPS_PER_EPOCH
                && !b.findElements(By.cssSelector("#plots img[alt='loss.png']")).isEmpty());
        wait.until(b -> (Boolean) ((JavascriptExecutor) b).executeScript(
                "return [...document.images].every(i => i.complete && i.naturalWidth > 0);"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "dashboard.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000, "a screenshot of the page");
    }

    private static Set<String> listed() {
        return browser.findElements(By.cssSelector("#runs tbody tr")).stream()
                .map(r -> r.getAttribute("data-run")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static int points(WebElement chart) {
        String n = chart.getAttribute("data-points");
        return n == null ? -1 : Integer.parseInt(n);
    }
}
