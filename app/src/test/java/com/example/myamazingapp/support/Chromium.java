package com.example.myamazingapp.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for the browser tests, with a temporary profile. Installs chromium and chromium-driver with
 * apt-get when they are missing and the tests run as root; otherwise fails with the command to run. Never skips.
 */
public final class Chromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** @param downloads where downloads land without a prompt */
    public static WebDriver start(Path downloads) throws IOException, InterruptedException {
        ensureInstalled();
        var profile = Files.createTempDirectory("myamazingapp-chromium-profile");
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--hide-scrollbars",
                        "--user-data-dir=" + profile)
                .setExperimentalOption(
                        "prefs",
                        Map.of(
                                "download.default_directory",
                                downloads.toString(),
                                "download.prompt_for_download",
                                false));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with `sudo apt-get install -y chromium chromium-driver`.");
        }
        run("apt-get", "update");
        run("apt-get", "install", "-y", "chromium", "chromium-driver");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("apt-get did not provide " + CHROMIUM + " and " + CHROMEDRIVER);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        var log = new File("target/apt-get.log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log.getAbsolutePath());
        }
    }
}
