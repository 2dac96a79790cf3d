package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.Chromium;
import com.example.myamazingapp.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in headless Chromium at desktop and phone size: several files at once (picked and dropped) with a progress
 * bar and a result each, search and sort, nothing wider than a 390-px phone. Screenshots of every page at both sizes
 * land in target/screenshots/ for a person to look at.
 */
class PagesBrowserTest extends IntegrationTest {

    static final String PASSWORD = "correct horse battery";
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final int PHONE_WIDTH = 390;

    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Chromium.start(Files.createTempDirectory("myamazingapp-chromium-downloads"));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void severalFilesUploadAtOnceEachWithItsProgressAndResult(@TempDir Path folder) throws Exception {
        var user = signedInUser();
        desktop();
        var first = write(folder, "first.bin", 300 * 1024);
        var second = write(folder, "second.bin", 200 * 1024);
        var tooBig = write(folder, "too-big.bin", (int) MAX_UPLOAD_BYTES + 1);
        open("/files");
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed())
                .as("no progress bar before an upload")
                .isFalse();
        script("""
                window.seen = [];
                new MutationObserver(records => records.forEach(r => {
                  if (r.target.classList && r.target.classList.contains('file-progress')) {
                    window.seen.push([r.target.getAttribute('aria-label'), r.target.value, r.target.max]);
                  }
                })).observe(document.getElementById('upload-list'), {attributes: true, subtree: true});""");

        browser.findElement(By.id("file"))
                .sendKeys(String.join("\n", first.toString(), second.toString(), tooBig.toString()));
        browser.findElement(By.id("upload-button")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("upload-status"), "2 of 3 files uploaded"));

        var items = browser.findElements(By.cssSelector("#upload-list .upload-item"));
        assertThat(items).hasSize(3);
        assertThat(items.get(0).findElement(By.className("file-result")).getText())
                .isEqualTo("Uploaded.");
        assertThat(items.get(1).findElement(By.className("file-result")).getText())
                .isEqualTo("Uploaded.");
        assertThat(items.get(2).findElement(By.className("file-result")).getText())
                .isEqualTo("The file is larger than the upload limit of 1 MiB.");
        assertThat(bar(items.get(0))).containsExactly(300 * 1024L, 300 * 1024L);
        assertThat(bar(items.get(1))).containsExactly(200 * 1024L, 200 * 1024L);
        assertThat(bar(items.get(2))).as("never sent").containsExactly(0L, (long) MAX_UPLOAD_BYTES + 1);
        @SuppressWarnings("unchecked")
        var seen = (List<List<Object>>) script("return window.seen");
        assertThat(seen)
                .as("each bar followed its own upload")
                .anySatisfy(update -> assertThat(update.get(0)).isEqualTo("Progress of first.bin"));
        assertThat(seen).anySatisfy(update -> assertThat(update.get(0)).isEqualTo("Progress of second.bin"));
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed()).isTrue();
        screenshot("files-upload-results");
        assertThat(names(user)).containsExactlyInAnyOrder("first.bin", "second.bin");

        // A file dropped on the form uploads the same way, then the page shows it.
        script("""
                const dropped = new DataTransfer();
                dropped.items.add(new File(['dropped content'], 'dropped.txt', {type: 'text/plain'}));
                document.getElementById('upload-form').dispatchEvent(
                    new DragEvent('drop', {dataTransfer: dropped, bubbles: true, cancelable: true}));""");
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Uploaded dropped.txt."));
        assertThat(names(user)).contains("dropped.txt");
        assertThat(browser.findElement(By.cssSelector("#file-list tbody tr td.size"))
                        .getText())
                .isEqualTo("15 B");
    }

    @Test
    void searchAndSortFindAFileAmongMany() {
        var user = signedInUser();
        for (var name : List.of("Alpha report.pdf", "beta.txt", "alpha notes.txt", "gamma_alpha%_x.txt")) {
            user.put(name, name.repeat(name.length()).getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        desktop();
        open("/files");

        browser.findElement(By.id("search")).sendKeys("ALPHA");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sort"))).selectByValue("name");
        browser.findElement(By.id("search-button")).click();
        wait(ExpectedConditions.urlContains("q=ALPHA"));

        assertThat(rowNames()).containsExactly("alpha notes.txt", "Alpha report.pdf", "gamma_alpha%_x.txt");
        screenshot("files-search");
        open("/files?sort=largest");
        assertThat(rowNames()).first().isEqualTo("gamma_alpha%_x.txt");
        open("/files?q=%25");
        assertThat(rowNames()).as("% is a character, not a wildcard").containsExactly("gamma_alpha%_x.txt");
        open("/files?q=nothing-like-this");
        assertThat(browser.findElement(By.id("no-match")).getText()).contains("No file name contains");
    }

    /** Every page at 390 px: nothing wider than the screen, the actions on it, the header in one piece. */
    @Test
    void everyPageFitsAPhoneAndIsPhotographedAtBothSizes() {
        var email = "phone-" + UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUp(email, PASSWORD);
        var user = new ApiClient(port).as(email, PASSWORD);
        user.put(
                "a-very-long-file-name-without-any-spaces-that-goes-on-and-on-and-on-for-ever-and-ever.tar.gz",
                "x".getBytes(StandardCharsets.UTF_8),
                "application/gzip");
        user.put(
                "Quarterly report of the regional sales team for the third quarter, final version.pdf",
                "y".repeat(5000).getBytes(StandardCharsets.UTF_8),
                "application/pdf");
        var anonymous = Map.of("login", "/login", "signup", "/signup");
        // Nobody is a report administrator in this context: /admin/reports is the 403 page.
        var signedIn =
                Map.of("files", "/files", "account", "/account", "not-found", "/nope", "forbidden", "/admin/reports");

        browser.manage().deleteAllCookies();
        for (var size : List.of("desktop", "phone")) {
            if (size.equals("phone")) {
                phone();
            } else {
                desktop();
            }
            anonymous.forEach((name, path) -> {
                open(path);
                assertFits(size, name);
                screenshot(name + "-" + size);
            });
        }
        logIn(email);
        for (var size : List.of("desktop", "phone")) {
            if (size.equals("phone")) {
                phone();
            } else {
                desktop();
            }
            signedIn.forEach((name, path) -> {
                open(path);
                assertFits(size, name);
                screenshot(name + "-" + size);
            });
        }

        phone();
        open("/files");
        for (var button : browser.findElements(By.cssSelector("#file-list button.danger, #file-list a.button"))) {
            var box = rect(button);
            assertThat(box.get("right")).as("action reachable").isLessThanOrEqualTo(PHONE_WIDTH);
            assertThat(box.get("left")).isGreaterThanOrEqualTo(0);
        }
        var name = browser.findElement(By.cssSelector("#file-list td.name"));
        assertThat(name.getAttribute("title")).as("the full name").startsWith("Quarterly report");
        assertThat(rect(browser.findElement(By.cssSelector("header.top"))).get("height"))
                .as("header height")
                .isLessThan(160);
        desktop();
    }

    private void assertFits(String size, String page) {
        var width = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        var viewport = ((Number) script("return window.innerWidth")).longValue();
        assertThat(width).as(page + " at " + size + ": no horizontal overflow").isLessThanOrEqualTo(viewport);
        if (size.equals("phone")) {
            assertThat(viewport).isEqualTo(PHONE_WIDTH);
        }
    }

    private ApiClient signedInUser() {
        var email = "pages-" + UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUp(email, PASSWORD);
        browser.manage().deleteAllCookies();
        desktop();
        logIn(email);
        return new ApiClient(port).as(email, PASSWORD);
    }

    private void logIn(String email) {
        open("/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(ExpectedConditions.urlContains("/files"));
    }

    private static List<String> names(ApiClient user) {
        var names = new java.util.ArrayList<String>();
        user.get("/api/files")
                .json()
                .get("items")
                .forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static List<String> rowNames() {
        return browser.findElements(By.cssSelector("#file-list tbody td.name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static List<Long> bar(WebElement item) {
        var progress = item.findElement(By.className("file-progress"));
        return List.of(
                Math.round(Double.parseDouble(progress.getDomProperty("value"))),
                Math.round(Double.parseDouble(progress.getDomProperty("max"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> rect(WebElement element) {
        var box = (Map<String, Object>) script(
                "const r = arguments[0].getBoundingClientRect();"
                        + " return {left: Math.floor(r.left), right: Math.ceil(r.right), height: Math.ceil(r.height)};",
                element);
        var result = new java.util.HashMap<String, Long>();
        box.forEach((key, value) -> result.put(key, ((Number) value).longValue()));
        return result;
    }

    private static Path write(Path folder, String name, int size) throws Exception {
        var file = folder.resolve(name);
        Files.write(file, new byte[size]);
        return file;
    }

    private static void phone() {
        metrics(PHONE_WIDTH, 844, true);
    }

    private static void desktop() {
        metrics(1280, 900, false);
    }

    private static void metrics(int width, int height, boolean mobile) {
        ((ChromeDriver) browser)
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** The whole page, not only what the window shows: the window is made as tall as the page for the picture. */
    private static void screenshot(String name) {
        var width = ((Number) script("return window.innerWidth")).intValue();
        var height = ((Number) script("return window.innerHeight")).intValue();
        var page = ((Number) script("return document.documentElement.scrollHeight")).intValue();
        metrics(width, Math.min(Math.max(page, height), 4000), width == PHONE_WIDTH);
        try {
            var shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            metrics(width, height, width == PHONE_WIDTH);
        }
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(javascript, arguments);
    }

    private static <T> T wait(ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }
}
