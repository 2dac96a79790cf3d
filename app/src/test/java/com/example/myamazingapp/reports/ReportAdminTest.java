package com.example.myamazingapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.web.PageSecurity;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** "Publish now" is for the administrators in REPORT_ADMINS only; signing in counts as activity. */
class ReportAdminTest extends IntegrationTest {

    static final String ADMIN = "admin" + ReportsTestSupport.DOMAIN;
    static final String USER = "user" + ReportsTestSupport.DOMAIN;
    static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void reports(DynamicPropertyRegistry registry) {
        IntegrationTest.environment(
                registry,
                Map.<String, Supplier<Object>>of(
                        "REPORTS_BUCKET", () -> ReportsTestSupport.BUCKET,
                        "REPORTS_URL", () -> "https://reports.example.test",
                        "REPORT_ADMINS", () -> "ops@example.test, Admin@Reports.test"));
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScheduledTaskHolder scheduledTasks;

    @Autowired
    ReportJob job;

    @Autowired
    DataSource dataSource;

    private ReportsTestSupport support;

    @BeforeEach
    void accounts() {
        support = new ReportsTestSupport(jdbc);
        support.clean();
        assertThat(api().signUp(ADMIN, PASSWORD).status()).isEqualTo(201);
        assertThat(api().signUp(USER, PASSWORD).status()).isEqualTo(201);
    }

    @AfterEach
    void clean() {
        support.clean();
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() {
        var response = new Browserless(port).get("/admin/reports");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void aUserWhoIsNotAnAdministratorIsRefused() {
        var browser = new Browserless(port);
        browser.logIn(USER, PASSWORD);
        assertThat(browser.get("/admin/reports").statusCode()).isEqualTo(403);
        assertThat(support.keys()).isEmpty();
    }

    @Test
    void anAdministratorPublishesNowInTheBackground() throws Exception {
        var browser = new Browserless(port);
        browser.logIn(ADMIN, PASSWORD);
        var page = browser.get("/admin/reports");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Publish today’s report now", "https://reports.example.test");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(PageSecurity.CONTENT_SECURITY_POLICY);
        var today = LocalDate.now(ZoneOffset.UTC);

        HttpResponse<String> started;
        // Another instance's run holds the report lock: the request still answers at once, and the page says so.
        try (var other = dataSource.getConnection();
                var lock = other.prepareStatement("select pg_advisory_lock(?)");
                var unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
            lock.setLong(1, ReportJob.LOCK_KEY);
            unlock.setLong(1, ReportJob.LOCK_KEY);
            lock.execute();
            try {
                // The site has one CSRF token: a form of another page (or a script that read it there) is as good.
                started = browser.submit("/account", "/admin/reports/publish", Map.of());
                assertThat(browser.get("/admin/reports").body()).contains("A report run is in progress.");
                assertThat(support.keys()).isEmpty();
            } finally {
                unlock.execute();
            }
        }

        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location").orElseThrow()).endsWith("/admin/reports");
        assertThat(pageOnceItSays(browser, "The report of " + today + " is published."))
                .doesNotContain("A report run is in progress.");
        assertThat(support.keys())
                .contains("reports/" + today + "/index.html", "reports/latest/index.html", "reports/index.html");
        assertThat(jdbc.sql("select trigger || ' ' || requested_by || ' ' || outcome from report_runs")
                        .query(String.class)
                        .list())
                .containsExactly("manual " + ADMIN + " published");

        // Asked again the same day: nothing changes, and the page says why.
        browser.submit("/admin/reports", "/admin/reports/publish", Map.of());
        pageOnceItSays(browser, "was already published");
    }

    /** The admin page once it contains {@code text} (the run goes on in the background); fails after a minute. */
    private static String pageOnceItSays(Browserless browser, String text) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var body = browser.get("/admin/reports").body();
            if (body.contains(text)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the admin page never said: " + text);
    }

    @Test
    void publishingNeedsTheFormsCsrfToken() {
        var browser = new Browserless(port);
        browser.logIn(ADMIN, PASSWORD);

        var forged = browser.submit("/admin/reports", "/admin/reports/publish", Map.of("_csrf", "forged"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from report_runs")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(support.keys()).isEmpty();
    }

    @Test
    void theFilesPageShowsTheUsersOwnFiguresAndLinksToTheReports() {
        var browser = new Browserless(port);
        browser.logIn(USER, PASSWORD);
        var before = browser.get("/files").body();
        assertThat(before)
                .contains(
                        "Your statistics",
                        "<strong class=\"files\">0</strong>",
                        "<strong class=\"last-upload\">never</strong>",
                        "<a href=\"https://reports.example.test\">Statistics of all users</a>")
                .doesNotContain("/admin/reports");

        var upload = api().as(USER, PASSWORD).put("notes.txt", new byte[1536], "text/plain");
        assertThat(upload.status()).isEqualTo(201);
        // Someone else's file does not count.
        api().as(ADMIN, PASSWORD).put("other.txt", new byte[10], "text/plain");

        var after = browser.get("/files").body();
        assertThat(after)
                .contains(
                        "<strong class=\"files\">1</strong>",
                        "<strong class=\"bytes\">1.5 KiB</strong>",
                        "<strong class=\"last-upload\">" + LocalDate.now(ZoneOffset.UTC));

        var admin = new Browserless(port);
        admin.logIn(ADMIN, PASSWORD);
        assertThat(admin.get("/files").body()).contains("href=\"/admin/reports\">Publish reports</a>");
    }

    @Test
    void signingInCountsAsActivityOncePerDay() {
        var browser = new Browserless(port);
        browser.logIn(USER, PASSWORD);
        api().as(USER, PASSWORD).get("/api/files");
        api().as(USER, PASSWORD).get("/api/files");

        assertThat(jdbc.sql("""
                        select day from account_activity join accounts on accounts.id = account_id
                        where email = :email""").param("email", USER).query(LocalDate.class).list())
                .containsExactly(LocalDate.now(ZoneOffset.UTC));
    }

    @Test
    void theTestsDisableTheScheduleSoItNeverFiresMidRun() {
        // REPORT_SCHEDULE is "-" in IntegrationTest: the application starts and registers no report task.
        assertThat(scheduledTasks.getScheduledTasks())
                .extracting(task -> task.getTask().getRunnable().toString())
                .noneMatch(runnable -> runnable.contains("ReportJob"));
        assertThat(job.runScheduled(Instant.parse("2025-06-01T02:00:00.250Z")))
                .as("a direct call still runs, in its own slot")
                .isEqualTo(new ReportJob.Result(ReportJob.Outcome.PUBLISHED, LocalDate.parse("2025-06-01")));
        assertThat(jdbc.sql("select slot from report_runs")
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(Instant.parse("2025-06-01T02:00:00Z"));
    }
}
