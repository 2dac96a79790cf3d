package com.example.myamazingapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.example.myamazingapp.storage.LocalFolderObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPublisherTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 26);

    private static List<ReportObject> files(String marker) {
        return List.of(ReportObject.text("report.json", ReportObject.JSON, "{\"m\":\"" + marker + "\"}"),
                ReportObject.text("daily.csv", ReportObject.CSV, "day\r\n"),
                ReportObject.text("index.html", ReportObject.HTML, "<p>" + marker + "</p>"));
    }

    @Test
    void theDatedFolderIsWrittenFirstThenLatestThenTheIndex() {
        var written = new ArrayList<String>();
        var publisher = new ReportPublisher((key, object, cacheControl) -> written.add(key + " " + cacheControl));

        publisher.publish(DATE, files("dated"), files("latest"), ReportObject.text("index.html", ReportObject.HTML, "all"));

        assertThat(written).containsExactly(
                "reports/2026-11-26/report.json " + ReportPublisher.IMMUTABLE,
                "reports/2026-11-26/daily.csv " + ReportPublisher.IMMUTABLE,
                "reports/2026-11-26/index.html " + ReportPublisher.IMMUTABLE,
                "reports/latest/report.json " + ReportPublisher.SHORT,
                "reports/latest/daily.csv " + ReportPublisher.SHORT,
                "reports/latest/index.html " + ReportPublisher.SHORT,
                "reports/index.html " + ReportPublisher.SHORT);
    }

    @Test
    void withoutS3TheReportGoesToALocalFolder(@TempDir Path folder) throws Exception {
        var publisher = new ReportPublisher(ReportPublisher.Target.folder(new LocalFolderObjectStore(folder)));

        publisher.publish(DATE, files("dated"), files("latest"), ReportObject.text("index.html", ReportObject.HTML, "all"));

        assertThat(Files.readString(folder.resolve("reports/latest/index.html"))).isEqualTo("<p>latest</p>");
        assertThat(Files.readString(folder.resolve("reports/2026-11-26/report.json"))).isEqualTo("{\"m\":\"dated\"}");
        assertThat(Files.readString(folder.resolve("reports/index.html"))).isEqualTo("all");
    }
}
