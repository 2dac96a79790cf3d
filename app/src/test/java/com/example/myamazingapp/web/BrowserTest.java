package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.Chromium;
import com.example.myamazingapp.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The pages in a real headless Chromium (Debian's chromium + chromium-driver): the whole newcomer journey. */
class BrowserTest extends IntegrationTest {

    static Path downloads;
    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        downloads = Files.createTempDirectory("myamazingapp-chromium-downloads");
        browser = Chromium.start(downloads);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signUpUploadWithProgressListDownloadAndDelete(@TempDir Path folder) throws Exception {
        var email = "browser-" + UUID.randomUUID() + "@example.com";
        var password = "correct horse battery";
        var content = new byte[900 * 1024];
        new Random(7).nextBytes(content);
        var upload = folder.resolve("holiday photos ü.bin");
        Files.write(upload, content);

        open("/signup");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        // Signed in by the sign-up itself.
        wait(ExpectedConditions.urlContains("/files"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My files");
        assertThat(browser.findElement(By.id("flash")).getText()).contains("Account created for " + email);

        // Record what the <progress> bar shows; sessionStorage survives the page reload after the upload.
        script("""
                const bar = document.getElementById('upload-progress');
                sessionStorage.setItem('progress', '[]');
                new MutationObserver(() => {
                  const seen = JSON.parse(sessionStorage.getItem('progress'));
                  seen.push([bar.value, bar.max, bar.hidden]);
                  sessionStorage.setItem('progress', JSON.stringify(seen));
                }).observe(bar, {attributes: true});""");
        browser.findElement(By.id("file")).sendKeys(upload.toString());
        browser.findElement(By.id("upload-button")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Uploaded holiday photos ü.bin."));

        @SuppressWarnings("unchecked")
        var progress = (List<List<Object>>) script("return JSON.parse(sessionStorage.getItem('progress'))");
        var last = progress.getLast();
        assertThat(progress).as("progress bar updates").isNotEmpty();
        assertThat(((Number) last.get(1)).longValue())
                .as("progress max: the file's size (sent as the raw body)")
                .isEqualTo(content.length);
        assertThat(((Number) last.get(0)).longValue())
                .as("progress value at the end")
                .isEqualTo(((Number) last.get(1)).longValue());
        assertThat(last.get(2)).as("bar hidden").isEqualTo(false);

        var row = browser.findElement(By.cssSelector("#file-list tbody tr"));
        assertThat(row.findElement(By.className("name")).getText()).isEqualTo("holiday photos ü.bin");
        assertThat(row.findElement(By.className("size")).getText()).isEqualTo("900 KiB");
        assertThat(row.findElement(By.className("size")).getAttribute("title")).isEqualTo("921,600 bytes");

        row.findElement(By.linkText("Download")).click();
        var downloaded = downloads.resolve("holiday photos ü.bin");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> Files.exists(downloaded) && size(downloaded) == content.length);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(content);

        // Delete asks first: cancelling keeps the file, confirming deletes it.
        browser.findElement(By.cssSelector("#file-list tbody tr button.danger")).click();
        var question = wait(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("Delete holiday photos ü.bin? This cannot be undone.");
        question.dismiss();
        assertThat(browser.findElements(By.cssSelector("#file-list tbody tr"))).hasSize(1);
        browser.findElement(By.cssSelector("#file-list tbody tr button.danger")).click();
        wait(ExpectedConditions.alertIsPresent()).accept();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Deleted holiday photos ü.bin."));
        assertThat(browser.findElements(By.cssSelector("#file-list tbody tr"))).isEmpty();
        assertThat(browser.getPageSource()).contains("No files yet.");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeUploading(@TempDir Path folder) throws Exception {
        var tooBig = folder.resolve("too-big.bin");
        Files.write(tooBig, new byte[(int) MAX_UPLOAD_BYTES + 1]);
        var email = "browser-" + UUID.randomUUID() + "@example.com";
        api().signUp(email, "correct horse battery");
        open("/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(ExpectedConditions.urlContains("/files"));

        browser.findElement(By.id("file")).sendKeys(tooBig.toString());
        browser.findElement(By.id("upload-button")).click();

        wait(ExpectedConditions.textToBePresentInElementLocated(
                By.id("upload-status"), "larger than the upload limit of 1 MiB"));
        assertThat(browser.findElements(By.cssSelector("#file-list tbody tr"))).isEmpty();
        browser.findElement(By.cssSelector("header form button")).click();
        wait(ExpectedConditions.urlContains("/login?logout"));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private static <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
