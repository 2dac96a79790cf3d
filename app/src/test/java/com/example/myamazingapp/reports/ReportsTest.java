package com.example.myamazingapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.storage.ObjectStore;
import com.example.myamazingapp.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Report runs against the test PostgreSQL and S3Mock: known seeded figures come out in the JSON and CSV, objects carry
 * their Content-Type and Cache-Control, two instances firing together publish once, and a failure halfway leaves
 * latest/ as it was.
 */
class ReportsTest extends IntegrationTest {

    private static final long MIB = 1024 * 1024;
    /** The run at 02:00 UTC on 1 June 2025 reports everything before 1 June 00:00 UTC. */
    private static final String FIRED = "2025-06-01T02:00:00.004Z";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ReportStatistics statistics;

    @Autowired
    ReportRenderer renderer;

    @Autowired
    JsonMapper json;

    @Autowired
    UserStatistics userStatistics;

    private ReportsTestSupport support;
    private long ann;
    private long tooLate;

    @BeforeEach
    void seed() {
        support = new ReportsTestSupport(jdbc);
        support.clean();
        long early = support.account("early", "2025-01-10T09:00:00Z");
        ann = support.account("ann", "2025-05-30T10:00:00Z");
        long bob = support.account("bob", "2025-05-31T23:59:59Z");
        tooLate = support.account("too-late", "2025-06-01T00:00:00Z");

        support.file(early, 500, "text/plain", "2025-02-01T12:00:00Z");
        support.file(early, 1024, "john.doe@example.com", "2025-04-15T12:00:00Z");
        // text/plain has three owners before the cut (early, ann, bob), so it is shown; every other type fewer.
        support.file(ann, 2048, "text/plain; charset=utf-8", "2025-05-30T11:00:00Z");
        support.file(ann, 5 * MIB, "application/x-jane-doe", "2025-05-31T08:00:00Z");
        support.file(bob, 50 * MIB, "application/pdf; name=secret.pdf", "2025-05-31T09:00:00Z");
        support.file(bob, 200 * MIB, "Text/Plain", "2025-05-31T10:00:00Z");
        support.file(ann, 100, "text/plain", "2025-06-01T00:00:01Z");

        // Sign-ins; every upload above made its owner active that day too (early on 15 April, ann and bob on 31 May).
        support.active(early, "2025-03-02");
        support.active(early, "2025-05-31");
        support.active(ann, "2025-05-30");
        support.active(bob, "2025-06-01");
    }

    @AfterEach
    void removeSeed() {
        support.clean();
    }

    @Test
    void seededDataGivesKnownFiguresInJsonAndCsv() {
        var result = job("2025-06-01T02:00:05Z").runScheduled(java.time.Instant.parse(FIRED));
        assertThat(result)
                .isEqualTo(new ReportJob.Result(ReportJob.Outcome.PUBLISHED, java.time.LocalDate.parse("2025-06-01")));

        long bytes = 500 + 1024 + 2048 + 5 * MIB + 50 * MIB + 200 * MIB;
        var report = json.readTree(support.text("reports/2025-06-01/report.json"));
        assertThat(report.propertyNames())
                .containsExactly("date", "generatedAt", "totals", "daily", "fileSizes", "contentTypes");
        assertThat(report.get("date").asString()).isEqualTo("2025-06-01");
        assertThat(report.get("generatedAt").asString()).isEqualTo("2025-06-01T02:00:05Z");
        assertThat(report.get("totals").toString()).isEqualTo("{\"users\":3,\"files\":6,\"bytes\":" + bytes + "}");
        var daily = report.get("daily");
        assertThat(daily.size()).isEqualTo(90);
        assertThat(daily.get(0).get("day").asString()).isEqualTo("2025-03-03");
        assertThat(daily.get(89).toString())
                .isEqualTo("{\"day\":\"2025-05-31\",\"signUps\":1,\"uploads\":3,\"bytesUploaded\":" + (255 * MIB)
                        + ",\"activeUsers\":3}");
        assertThat(daily.get(88).toString())
                .isEqualTo(
                        "{\"day\":\"2025-05-30\",\"signUps\":1,\"uploads\":1,\"bytesUploaded\":2048,\"activeUsers\":1}");
        assertThat(report.get("fileSizes").toString()).isEqualTo("""
                [{"label":"< 1 KiB","files":1},{"label":"1 KiB – 1 MiB","files":2},\
                {"label":"1 MiB – 10 MiB","files":1},\
                {"label":"10 MiB – 100 MiB","files":1},{"label":"≥ 100 MiB","files":1}]""");
        assertThat(report.get("contentTypes").toString()).isEqualTo("""
                [{"label":"text/plain","files":3},{"label":"other","files":3}]""");

        assertThat(support.text("reports/2025-06-01/totals.csv"))
                .isEqualTo("metric,value\r\nusers,3\r\nfiles,6\r\nbytes," + bytes + "\r\n");
        var dailyCsv = support.text("reports/2025-06-01/daily.csv").split("\r\n");
        assertThat(dailyCsv).hasSize(91);
        assertThat(dailyCsv[0]).isEqualTo("day,sign_ups,uploads,bytes_uploaded,active_users");
        assertThat(dailyCsv[1]).isEqualTo("2025-03-03,0,0,0,0");
        assertThat(dailyCsv)
                .contains("2025-04-15,0,1,1024,1", "2025-05-30,1,1,2048,1", "2025-05-31,1,3," + (255 * MIB) + ",3");
        assertThat(support.text("reports/2025-06-01/file-sizes.csv"))
                .isEqualTo(
                        "size,files\r\n< 1 KiB,1\r\n1 KiB – 1 MiB,2\r\n1 MiB – 10 MiB,1\r\n10 MiB – 100 MiB,1\r\n≥ 100 MiB,1\r\n");
        assertThat(support.text("reports/2025-06-01/content-types.csv"))
                .isEqualTo("content_type,files\r\ntext/plain,3\r\nother,3\r\n");

        // No personal data in anything published.
        for (var key : support.keys()) {
            assertThat(support.text(key))
                    .as(key)
                    .doesNotContain(ReportsTestSupport.DOMAIN, "holiday-photo", "john.doe", "secret.pdf", "jane-doe");
        }
    }

    @Test
    void everyObjectCarriesItsContentTypeAndCacheLifetime() {
        job("2025-06-01T02:00:05Z").runScheduled(java.time.Instant.parse(FIRED));

        var expected = new ArrayList<String>();
        for (var folder : List.of("2025-06-01", "latest")) {
            for (var name : ReportRenderer.FILE_NAMES) {
                expected.add("reports/" + folder + "/" + name);
            }
        }
        expected.add("reports/index.html");
        assertThat(support.keys()).containsExactlyInAnyOrderElementsOf(expected);

        for (var key : expected) {
            var head = support.head(key);
            var type = key.endsWith(".html")
                    ? "text/html; charset=utf-8"
                    : key.endsWith(".json") ? "application/json" : "text/csv; charset=utf-8";
            // Compared as media types: S3Mock writes "text/csv;charset=utf-8" back without the space.
            assertThat(org.springframework.http.MediaType.parseMediaType(head.contentType()))
                    .as(key)
                    .isEqualTo(org.springframework.http.MediaType.parseMediaType(type));
            assertThat(head.cacheControl())
                    .as(key)
                    .isEqualTo(
                            key.startsWith("reports/2025-06-01/")
                                    ? "public, max-age=31536000, immutable"
                                    : "public, max-age=300");
        }
    }

    @Test
    void latestFollowsTheNewestReportAndTheIndexListsThemAll() {
        job("2025-06-01T02:00:05Z").runScheduled(java.time.Instant.parse(FIRED));
        job("2025-06-02T02:00:05Z").runScheduled(java.time.Instant.parse("2025-06-02T02:00:00Z"));

        assertThat(json.readTree(support.text("reports/latest/report.json"))
                        .get("date")
                        .asString())
                .isEqualTo("2025-06-02");
        assertThat(support.text("reports/latest/index.html"))
                .contains("href=\"/2025-06-02/report.json\"", "Report of <time datetime=\"2025-06-02\">");
        for (var name : ReportRenderer.FILE_NAMES) {
            assertThat(support.bytes("reports/latest/" + name))
                    .as("latest/ is a copy of the newest dated folder: " + name)
                    .isEqualTo(support.bytes("reports/2025-06-02/" + name));
        }
        assertThat(support.text("reports/2025-06-01/index.html")).contains("href=\"/2025-06-01/daily.csv\"");
        var index = support.text("reports/index.html");
        assertThat(index).contains("href=\"/2025-06-02/index.html\"", "href=\"/2025-06-01/index.html\"");
        assertThat(index.indexOf("/2025-06-02/")).as("newest first").isLessThan(index.indexOf("/2025-06-01/"));
    }

    @Test
    void aDayHasOneReportThatNeverChanges() {
        var puts = new AtomicInteger();
        var counting = counting(puts);
        assertThat(job("2025-06-01T02:00:05Z", counting)
                        .runScheduled(java.time.Instant.parse(FIRED))
                        .outcome())
                .isEqualTo(ReportJob.Outcome.PUBLISHED);
        int published = puts.get();

        // An administrator asks again later that day: the dated report stays as it is.
        var again = job("2025-06-01T15:30:00Z", counting).publishNow("admin" + ReportsTestSupport.DOMAIN);

        assertThat(again.outcome()).isEqualTo(ReportJob.Outcome.ALREADY_PUBLISHED);
        assertThat(puts.get()).isEqualTo(published);
        assertThat(published).isEqualTo(2 * ReportRenderer.FILE_NAMES.size() + 1);
    }

    @Test
    void twoInstancesFiringTogetherPublishOneReport() throws Exception {
        var puts = Collections.synchronizedList(new ArrayList<String>());
        // The instance that wins the lock holds it in its first write until the other instance waits for it,
        // so the two runs really overlap.
        var slowBucket = support.bucket(key -> {
            if (puts.isEmpty()) {
                awaitALockWaiter();
            }
            puts.add(key);
        });

        var outcomes =
                runTogether(job("2025-06-01T02:00:00.010Z", slowBucket), job("2025-06-01T02:00:00.020Z", slowBucket));

        assertThat(outcomes).containsExactlyInAnyOrder(ReportJob.Outcome.PUBLISHED, ReportJob.Outcome.SLOT_ALREADY_RUN);
        assertThat(puts).hasSize(2 * ReportRenderer.FILE_NAMES.size() + 1).doesNotHaveDuplicates();

        // A third instance whose scheduler fires a little later, after the others finished: the slot is taken.
        var late =
                job("2025-06-01T02:00:09Z", slowBucket).runScheduled(java.time.Instant.parse("2025-06-01T02:00:08Z"));
        assertThat(late.outcome()).isEqualTo(ReportJob.Outcome.SLOT_ALREADY_RUN);
        assertThat(puts).hasSize(2 * ReportRenderer.FILE_NAMES.size() + 1);
        assertThat(jdbc.sql("select count(*) from report_runs")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void whenTheInstanceHoldingTheLockFailsTheWaitingOnePublishes() throws Exception {
        var failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        // Only the first write of all fails: the lock holder's, once the other instance waits for the lock.
        var failingFirst = support.bucket(key -> {
            if (failedOnce.compareAndSet(false, true)) {
                awaitALockWaiter();
                throw software.amazon.awssdk.core.exception.SdkClientException.create("injected: S3 went away");
            }
        });

        var outcomes = runTogether(
                job("2025-06-01T02:00:00.010Z", failingFirst), job("2025-06-01T02:00:00.020Z", failingFirst));

        assertThat(outcomes).containsExactlyInAnyOrder(ReportJob.Outcome.FAILED, ReportJob.Outcome.PUBLISHED);
        assertThat(runsOf("2025-06-01")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from report_runs")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(support.keys())
                .hasSize(2 * ReportRenderer.FILE_NAMES.size() + 1)
                .contains("reports/2025-06-01/index.html", "reports/latest/index.html", "reports/index.html");
        assertThat(json.readTree(support.text("reports/latest/report.json"))
                        .get("date")
                        .asString())
                .isEqualTo("2025-06-01");
    }

    @Test
    void aFailureHalfwayLeavesTheLatestReportAsItWas() {
        job("2025-06-01T02:00:05Z").runScheduled(java.time.Instant.parse(FIRED));
        var latestBefore = support.text("reports/latest/report.json");
        var pageBefore = support.text("reports/latest/index.html");
        var indexBefore = support.text("reports/index.html");

        // The next day's run: S3 refuses the third write.
        var writes = new AtomicInteger();
        var failing = support.bucket(key -> {
            if (writes.incrementAndGet() == 3) {
                throw software.amazon.awssdk.core.exception.SdkClientException.create("injected: S3 went away");
            }
        });
        var failed = job("2025-06-02T02:00:05Z", failing).runScheduled(java.time.Instant.parse("2025-06-02T02:00:00Z"));

        assertThat(failed.outcome()).isEqualTo(ReportJob.Outcome.FAILED);
        assertThat(support.text("reports/latest/report.json")).isEqualTo(latestBefore);
        assertThat(support.text("reports/latest/index.html")).isEqualTo(pageBefore);
        assertThat(support.text("reports/index.html")).isEqualTo(indexBefore);
        assertThat(jdbc.sql("select count(*) from report_runs where report_date = '2025-06-02'")
                        .query(Long.class)
                        .single())
                .as("the failed run's claim is rolled back")
                .isZero();

        // The slot can run again once S3 is back.
        var retried = job("2025-06-02T02:05:00Z").runScheduled(java.time.Instant.parse("2025-06-02T02:00:00.500Z"));
        assertThat(retried.outcome()).isEqualTo(ReportJob.Outcome.PUBLISHED);
        assertThat(json.readTree(support.text("reports/latest/report.json"))
                        .get("date")
                        .asString())
                .isEqualTo("2025-06-02");
    }

    @Test
    void aFailureInTheMiddleOfLatestPutsThePreviousReportBack() {
        job("2025-06-01T02:00:05Z").runScheduled(java.time.Instant.parse(FIRED));
        var indexBefore = support.text("reports/index.html");

        var latestWrites = new AtomicInteger();
        var failed = job(
                        "2025-06-02T02:00:05Z",
                        ReportsTestSupport.refusingTheSecondLatestWrite(support.bucket(), latestWrites))
                .runScheduled(java.time.Instant.parse("2025-06-02T02:00:00Z"));

        assertThat(failed.outcome()).isEqualTo(ReportJob.Outcome.FAILED);
        assertThat(latestWrites)
                .as("one new object, the refused one, then the previous report's six copied back")
                .hasValue(2 + ReportRenderer.FILE_NAMES.size());
        assertThat(latestKeys()).hasSameSizeAs(ReportRenderer.FILE_NAMES);
        for (var name : ReportRenderer.FILE_NAMES) {
            assertThat(support.bytes("reports/latest/" + name))
                    .as(name)
                    .isEqualTo(support.bytes("reports/2025-06-01/" + name));
            assertThat(support.head("reports/latest/" + name).cacheControl())
                    .as(name)
                    .isEqualTo(ReportPublisher.SHORT);
            assertThat(org.springframework.http.MediaType.parseMediaType(
                            support.head("reports/latest/" + name).contentType()))
                    .as(name)
                    .isEqualTo(org.springframework.http.MediaType.parseMediaType(
                            support.head("reports/2025-06-01/" + name).contentType()));
        }
        assertThat(support.text("reports/index.html")).isEqualTo(indexBefore);
        assertThat(runsOf("2025-06-02"))
                .as("the failed run's claim is rolled back")
                .isZero();

        var retried = job("2025-06-02T02:05:00Z").runScheduled(java.time.Instant.parse("2025-06-02T02:00:00.500Z"));
        assertThat(retried.outcome()).isEqualTo(ReportJob.Outcome.PUBLISHED);
        for (var name : ReportRenderer.FILE_NAMES) {
            assertThat(support.bytes("reports/latest/" + name))
                    .as(name)
                    .isEqualTo(support.bytes("reports/2025-06-02/" + name));
        }
    }

    @Test
    void aRetryKeepsTheDatedObjectsOfTheFailedAttemptAndCopiesThemToLatest() {
        var failed = job(
                        "2025-06-01T02:00:05Z",
                        ReportsTestSupport.refusingTheSecondLatestWrite(support.bucket(), new AtomicInteger()))
                .runScheduled(java.time.Instant.parse(FIRED));
        assertThat(failed.outcome()).isEqualTo(ReportJob.Outcome.FAILED);
        // Compared as text (all of them are UTF-8), so that a failure shows the difference readably.
        var firstAttempt = new java.util.HashMap<String, String>();
        for (var name : ReportRenderer.FILE_NAMES) {
            firstAttempt.put(name, support.text("reports/2025-06-01/" + name));
        }

        // The retry computes the report again, with a later generatedAt, but D's folder may be cached already.
        var retried = job("2025-06-01T02:05:00Z").runScheduled(java.time.Instant.parse("2025-06-01T02:00:00.500Z"));

        assertThat(retried.outcome()).isEqualTo(ReportJob.Outcome.PUBLISHED);
        for (var name : ReportRenderer.FILE_NAMES) {
            assertThat(support.text("reports/2025-06-01/" + name)).as(name).isEqualTo(firstAttempt.get(name));
            assertThat(support.text("reports/latest/" + name)).as(name).isEqualTo(firstAttempt.get(name));
        }
        assertThat(json.readTree(support.text("reports/latest/report.json"))
                        .get("generatedAt")
                        .asString())
                .isEqualTo("2025-06-01T02:00:05Z");
    }

    @Test
    void withNoPreviousReportAFailureInLatestRemovesWhatItWrote() {
        var latestWrites = new AtomicInteger();
        var failed = job(
                        "2025-06-01T02:00:05Z",
                        ReportsTestSupport.refusingTheSecondLatestWrite(support.bucket(), latestWrites))
                .runScheduled(java.time.Instant.parse(FIRED));

        assertThat(failed.outcome()).isEqualTo(ReportJob.Outcome.FAILED);
        assertThat(latestWrites)
                .as("one new object, the refused one, then six deletes")
                .hasValue(2 + ReportRenderer.FILE_NAMES.size());
        assertThat(latestKeys()).isEmpty();
        assertThat(support.keys()).doesNotContain("reports/index.html");
        assertThat(runsOf("2025-06-01")).isZero();

        var retried = job("2025-06-01T02:05:00Z").runScheduled(java.time.Instant.parse("2025-06-01T02:00:00.500Z"));
        assertThat(retried.outcome()).isEqualTo(ReportJob.Outcome.PUBLISHED);
        assertThat(latestKeys()).hasSameSizeAs(ReportRenderer.FILE_NAMES);
    }

    @Test
    void eachUserSeesTheirOwnFiguresOnly() {
        var mine = userStatistics.of(ann);
        assertThat(mine)
                .isEqualTo(new UserStatistics.Mine(
                        3, 2048 + 5 * MIB + 100, java.time.Instant.parse("2025-06-01T00:00:01Z")));
        assertThat(mine.size()).isEqualTo("5.0 MiB");
        assertThat(userStatistics.of(tooLate)).isEqualTo(new UserStatistics.Mine(0, 0, null));
        assertThat(userStatistics.of(-1)).isEqualTo(new UserStatistics.Mine(0, 0, null));
    }

    private ReportJob job(String now) {
        return job(now, support.bucket());
    }

    private ReportJob job(String now, ObjectStore store) {
        return support.job(transactions, statistics, renderer, now, store);
    }

    private ObjectStore counting(AtomicInteger puts) {
        return support.bucket(key -> puts.incrementAndGet());
    }

    private List<String> latestKeys() {
        return support.keys().stream()
                .filter(key -> key.startsWith(ReportPublisher.LATEST))
                .toList();
    }

    private long runsOf(String date) {
        return jdbc.sql("select count(*) from report_runs where report_date = :date")
                .param("date", java.time.LocalDate.parse(date))
                .query(Long.class)
                .single();
    }

    /**
     * Both instances fire for the 02:00 slot of 1 June at the same moment; their outcomes. What either run threw past
     * the job (an AssertionError of the test) fails the test.
     */
    private static List<ReportJob.Outcome> runTogether(ReportJob first, ReportJob second) throws Exception {
        var outcomes = Collections.synchronizedList(new ArrayList<ReportJob.Outcome>());
        var runs = new ArrayList<Future<?>>();
        try (var executor = Executors.newFixedThreadPool(2)) {
            var start = new CountDownLatch(1);
            for (var instance : List.of(first, second)) {
                runs.add(executor.submit(() -> {
                    await(start);
                    outcomes.add(instance.runScheduled(java.time.Instant.parse("2025-06-01T02:00:00.003Z"))
                            .outcome());
                    return null;
                }));
            }
            start.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (var run : runs) {
            try {
                run.get();
            } catch (ExecutionException e) {
                throw new AssertionError("a run failed past the job", e.getCause());
            }
        }
        return outcomes;
    }

    /**
     * Until a session waits for the report lock. If none does within 30 s the runs did not overlap and the test would
     * prove nothing: it fails, with an Error, which neither the publisher nor the job catch (they catch
     * RuntimeException), so it reaches {@link #runTogether}.
     */
    private void awaitALockWaiter() {
        for (int i = 0; i < 300; i++) {
            if (jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                            .query(Long.class)
                            .single()
                    > 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no instance waited for the report lock within 30 s: the runs did not overlap");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for the other instance");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
