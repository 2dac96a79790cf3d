package com.example.myamazingapp.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileRowTest {

    @Test
    void aRowShowsTheSizeReadablyAndExactlyAndTheUploadToTheMinute() {
        var id = UUID.randomUUID();
        var file = new StoredFile(
                id,
                1,
                "Quarterly report.pdf",
                "application/pdf",
                1_234_567,
                "0".repeat(64),
                "files/" + id,
                OffsetDateTime.parse("2026-03-04T05:06:07.891Z"));

        var row = FileRow.of(file);

        assertThat(row.id()).isEqualTo(id);
        assertThat(row.name()).isEqualTo("Quarterly report.pdf");
        assertThat(row.size()).isEqualTo("1.2 MiB");
        assertThat(row.exactSize()).isEqualTo("1,234,567 bytes");
        assertThat(row.uploadedAt()).isEqualTo("2026-03-04T05:06:07.891Z");
        assertThat(row.uploaded()).isEqualTo("2026-03-04 05:06");
        assertThat(row.deleteQuestion()).isEqualTo("Delete Quarterly report.pdf? This cannot be undone.");
    }
}
