package com.example.myamazingapp.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.storage.LocalFolderObjectStore;
import com.example.myamazingapp.storage.ObjectStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPublisherTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 26);
    private static final LocalDate PREVIOUS = DATE.minusDays(1);
    private static final ReportObject INDEX = ReportObject.text("index.html", ReportObject.HTML, "all");

    private static List<ReportObject> files(String marker) {
        return List.of(
                ReportObject.text("report.json", ReportObject.JSON, "{\"m\":\"" + marker + "\"}"),
                ReportObject.text("daily.csv", ReportObject.CSV, "day\r\n"),
                ReportObject.text("index.html", ReportObject.HTML, "<p>" + marker + "</p>"));
    }

    /** Records every write as text and refuses each one to {@code refusedKey}; {@code existing} keys exist already. */
    private record Recording(List<String> writes, String refusedKey, Set<String> existing) implements ObjectStore {

        Recording(String refusedKey) {
            this(new ArrayList<>(), refusedKey, Set.of());
        }

        @Override
        public boolean exists(String key) {
            return existing.contains(key);
        }

        @Override
        public void put(String key, InputStream content, long length, String contentType, String cacheControl) {
            write("put " + key + " " + cacheControl, key);
        }

        @Override
        public void copy(String from, String to, String contentType, String cacheControl) {
            write("copy " + from + " " + to + " " + contentType + " " + cacheControl, to);
        }

        @Override
        public void delete(String key) {
            write("delete " + key, key);
        }

        @Override
        public InputStream open(String key) {
            throw new UnsupportedOperationException("the publisher only writes");
        }

        @Override
        public void checkReachable() {
            // nothing to reach: the writes are recorded
        }

        private void write(String write, String key) {
            writes.add(write);
            if (key.equals(refusedKey)) {
                throw new IllegalStateException("injected: " + write);
            }
        }
    }

    @Test
    void theDatedFolderIsWrittenFirstThenLatestThenTheIndex() {
        var target = new Recording("none");

        new ReportPublisher(target).publish(DATE, files("new"), INDEX, Optional.of(PREVIOUS));

        assertThat(target.writes())
                .containsExactly(
                        "put reports/2026-11-26/report.json " + ReportPublisher.IMMUTABLE,
                        "put reports/2026-11-26/daily.csv " + ReportPublisher.IMMUTABLE,
                        "put reports/2026-11-26/index.html " + ReportPublisher.IMMUTABLE,
                        "copy reports/2026-11-26/report.json reports/latest/report.json application/json "
                                + ReportPublisher.SHORT,
                        "copy reports/2026-11-26/daily.csv reports/latest/daily.csv text/csv; charset=utf-8 "
                                + ReportPublisher.SHORT,
                        "copy reports/2026-11-26/index.html reports/latest/index.html text/html; charset=utf-8 "
                                + ReportPublisher.SHORT,
                        "put reports/index.html " + ReportPublisher.SHORT);
    }

    @Test
    void datedObjectsThatExistAreNotWrittenAgain() {
        var target = new Recording(
                new ArrayList<>(), "none", Set.of("reports/2026-11-26/report.json", "reports/2026-11-26/index.html"));

        new ReportPublisher(target).publish(DATE, files("retry"), INDEX, Optional.of(PREVIOUS));

        assertThat(target.writes())
                .filteredOn(write -> write.startsWith("put reports/2026-11-26/"))
                .containsExactly("put reports/2026-11-26/daily.csv " + ReportPublisher.IMMUTABLE);
        assertThat(target.writes())
                .filteredOn(write -> write.contains(" reports/latest/"))
                .hasSize(3);
    }

    @Test
    void aFailureInTheDatedFolderLeavesLatestAlone() {
        var target = new Recording("reports/2026-11-26/daily.csv");

        assertThatThrownBy(() -> new ReportPublisher(target).publish(DATE, files("new"), INDEX, Optional.of(PREVIOUS)))
                .hasMessage("injected: put reports/2026-11-26/daily.csv " + ReportPublisher.IMMUTABLE);

        assertThat(target.writes()).noneMatch(write -> write.contains("latest/"));
    }

    @Test
    void aFailureAfterLatestWasTouchedCopiesThePreviousReportBackThenFails() {
        var target = new Recording("reports/index.html");

        assertThatThrownBy(() -> new ReportPublisher(target).publish(DATE, files("new"), INDEX, Optional.of(PREVIOUS)))
                .hasMessage("injected: put reports/index.html " + ReportPublisher.SHORT);

        assertThat(target.writes())
                .endsWith(
                        "put reports/index.html " + ReportPublisher.SHORT,
                        "copy reports/2026-11-25/report.json reports/latest/report.json application/json "
                                + ReportPublisher.SHORT,
                        "copy reports/2026-11-25/daily.csv reports/latest/daily.csv text/csv; charset=utf-8 "
                                + ReportPublisher.SHORT,
                        "copy reports/2026-11-25/index.html reports/latest/index.html text/html; charset=utf-8 "
                                + ReportPublisher.SHORT);
    }

    @Test
    void withoutAPreviousReportLatestIsRemovedAndAFailedPuttingBackIsKeptWithTheFailure() {
        var target = new Recording("reports/latest/daily.csv");

        assertThatThrownBy(() -> new ReportPublisher(target).publish(DATE, files("new"), INDEX, Optional.empty()))
                .hasMessage(
                        "injected: copy reports/2026-11-26/daily.csv reports/latest/daily.csv text/csv; charset=utf-8 "
                                + ReportPublisher.SHORT)
                // The delete of the refused key is refused too: the run's failure carries both.
                .satisfies(failure -> assertThat(failure.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .containsExactly("injected: delete reports/latest/daily.csv"));

        assertThat(target.writes())
                .endsWith(
                        "copy reports/2026-11-26/report.json reports/latest/report.json application/json "
                                + ReportPublisher.SHORT,
                        "copy reports/2026-11-26/daily.csv reports/latest/daily.csv text/csv; charset=utf-8 "
                                + ReportPublisher.SHORT,
                        "delete reports/latest/report.json",
                        "delete reports/latest/daily.csv");
    }

    @Test
    void withoutS3TheReportGoesToALocalFolderAndCanBePutBack(@TempDir Path folder) throws Exception {
        var store = new LocalFolderObjectStore(folder);
        new ReportPublisher(store).publish(PREVIOUS, files("old"), INDEX, Optional.empty());

        assertThat(Files.readString(folder.resolve("reports/latest/index.html")))
                .isEqualTo("<p>old</p>");
        assertThat(Files.readString(folder.resolve("reports/2026-11-25/report.json")))
                .isEqualTo("{\"m\":\"old\"}");
        assertThat(Files.readString(folder.resolve("reports/index.html"))).isEqualTo("all");

        var latestWrites = new AtomicInteger();
        var refusing = ReportsTestSupport.refusingTheSecondLatestWrite(store, latestWrites);
        assertThatThrownBy(
                        () -> new ReportPublisher(refusing).publish(DATE, files("new"), INDEX, Optional.of(PREVIOUS)))
                .hasMessageContaining("injected");

        assertThat(Files.readString(folder.resolve("reports/latest/report.json")))
                .isEqualTo("{\"m\":\"old\"}");
        assertThat(Files.readString(folder.resolve("reports/latest/index.html")))
                .isEqualTo("<p>old</p>");
    }
}
