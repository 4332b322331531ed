package dev.ripeness.api.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the system packages ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver};
 * override with {@code -Dripeness.chromium=} and {@code -Dripeness.chromedriver=}), never a
 * downloaded browser: the same binaries on every machine and in CI ({@code .ci/run} installs them).
 */
public final class Chromium {

    private Chromium() {}

    /** Whether the system browser and driver are installed. */
    public static boolean available() {
        return new File(binary()).canExecute() && new File(driver()).canExecute();
    }

    /** Starts a fresh headless browser with its own profile directory and a laptop-sized window. */
    public static ChromeDriver start(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("ripeness-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--hide-scrollbars");
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return browser;
    }

    private static String binary() {
        return System.getProperty("ripeness.chromium", "/usr/bin/chromium");
    }

    private static String driver() {
        return System.getProperty("ripeness.chromedriver", "/usr/bin/chromedriver");
    }
}
