package com.example.myamazingapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.Chromium;
import com.example.myamazingapp.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A published report as a reader sees it: served by the S3-API server with its stored Content-Type, opened in headless
 * Chromium ({@link Chromium}). A screenshot lands in target/reports/ for a person to look at.
 */
class ReportPageBrowserTest extends IntegrationTest {

    static final Path SCREENSHOTS = Path.of("target/reports");

    static WebDriver browser;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ReportStatistics statistics;

    @Autowired
    ReportRenderer renderer;

    private ReportsTestSupport support;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Chromium.start(Files.createTempDirectory("myamazingapp-reports-downloads"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void clean() {
        support.clean();
    }

    @Test
    void theLatestReportShowsItsFiguresAndChartsInABrowser() throws Exception {
        support = new ReportsTestSupport(jdbc);
        support.clean();
        seedThreeMonthsOfUse(new Random(42));
        var result = support.job(transactions, statistics, renderer, "2025-06-01T02:00:07Z", support.bucket())
                .runScheduled(Instant.parse("2025-06-01T02:00:00.002Z"));
        assertThat(result.outcome()).isEqualTo(ReportJob.Outcome.PUBLISHED);

        browser.get(support.url("reports/latest/index.html"));

        assertThat(browser.getTitle()).isEqualTo("myamazingapp user statistics, 2025-06-01");
        var charts = browser.findElements(By.cssSelector("figure svg.chart"));
        assertThat(charts).hasSize(6);
        assertThat(browser.findElements(By.tagName("figcaption")).stream()
                        .map(e -> e.getText())
                        .toList())
                .containsExactly(
                        "Sign-ups per day",
                        "Active users per day",
                        "Uploads per day",
                        "Bytes uploaded per day",
                        "Files by size",
                        "Files by content type");
        // 4 daily charts of 90 columns, 5 size buckets, and the content types.
        for (int i = 0; i < 4; i++) {
            assertThat(charts.get(i).findElements(By.cssSelector("rect.bar"))).hasSize(90);
        }
        assertThat(charts.get(4).findElements(By.cssSelector("rect.bar"))).hasSize(5);
        assertThat(charts.get(5).findElements(By.cssSelector("rect.bar"))).hasSizeBetween(2, 9);
        // The charts are drawn: laid out wide, with visible bars.
        assertThat(charts.getFirst().getSize().getWidth()).isGreaterThan(500);
        assertThat(charts.get(4).findElements(By.cssSelector("rect.bar")).stream()
                        .mapToDouble(bar -> Double.parseDouble(bar.getAttribute("width")))
                        .max()
                        .orElse(0))
                .isGreaterThan(100);
        var totals = browser.findElements(By.cssSelector(".totals .figure")).stream()
                .map(e -> e.getText())
                .toList();
        assertThat(totals.getFirst()).isEqualTo(Long.toString(count("accounts")));
        assertThat(totals.get(1)).isEqualTo(Long.toString(count("stored_files")));
        assertThat(browser.findElement(By.linkText("daily.csv")).getAttribute("href"))
                .as("latest/ links its own dated files")
                .endsWith("/2025-06-01/daily.csv");

        Files.createDirectories(SCREENSHOTS);
        var height = ((Number)
                        ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight"))
                .intValue();
        browser.manage().window().setSize(new Dimension(1280, Math.min(height + 40, 6000)));
        var screenshot = SCREENSHOTS.resolve("report-latest.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);

        browser.manage().window().setSize(new Dimension(1280, 480));
        browser.get(support.url("reports/index.html"));
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("tbody tr a")).getText()).isEqualTo("2025-06-01");
        Files.write(
                SCREENSHOTS.resolve("report-index.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theFilesPageShowsTheUsersOwnStatistics() throws Exception {
        support = new ReportsTestSupport(jdbc);
        var email = "reader" + ReportsTestSupport.DOMAIN;
        api().signUp(email, "correct horse battery");
        assertThat(api().as(email, "correct horse battery")
                        .put("notes.txt", new byte[600 * 1024], "text/plain")
                        .status())
                .isEqualTo(201);

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/files"));

        var section = browser.findElement(By.id("my-statistics"));
        assertThat(section.getText())
                .contains(
                        "Your statistics",
                        "1 file",
                        "600 KiB stored",
                        "last upload " + LocalDate.now(java.time.ZoneOffset.UTC));
        Files.createDirectories(SCREENSHOTS);
        Files.write(
                SCREENSHOTS.resolve("files-page.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** A plausible spring of use: sign-ups growing, uploads of mixed sizes and types, people coming back. */
    private void seedThreeMonthsOfUse(Random random) {
        var types = List.of(
                "image/jpeg",
                "image/png",
                "application/pdf",
                "text/plain",
                "video/mp4",
                "application/zip",
                "text/csv",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "audio/mpeg");
        var first = LocalDate.parse("2025-03-03");
        var accounts = new java.util.ArrayList<Long>();
        for (int day = 0; day < 90; day++) {
            var date = first.plusDays(day);
            int signUps = random.nextInt(1 + day / 15);
            for (int i = 0; i < signUps; i++) {
                accounts.add(support.account(
                        "reader-" + accounts.size(), date + "T" + (10 + random.nextInt(12)) + ":15:00Z"));
            }
            for (var account : accounts) {
                if (random.nextInt(4) == 0) {
                    support.active(account, date.toString());
                    for (int f = random.nextInt(3); f > 0; f--) {
                        long size = (long) Math.pow(10, 2 + random.nextDouble() * 6.5);
                        var type = types.get(Math.min(types.size() - 1, (int) Math.abs(random.nextGaussian() * 3)));
                        support.file(account, size, type, date + "T" + (10 + random.nextInt(12)) + ":45:00Z");
                    }
                }
            }
        }
        assertThat(accounts).hasSizeGreaterThan(50);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table + " where created_at < '2025-06-01T00:00:00Z'")
                .query(Long.class)
                .single();
    }
}
