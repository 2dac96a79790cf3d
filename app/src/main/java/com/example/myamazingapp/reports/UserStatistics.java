package com.example.myamazingapp.reports;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A signed-in user's own figures, read from the database each time the page is shown. */
@Repository
public class UserStatistics {

    /** @param lastUpload null when the user has no file */
    public record Mine(long files, long bytes, Instant lastUpload) {

        public String size() {
            return ReportFormat.bytes(bytes);
        }

        public String lastUploadText() {
            return lastUpload == null ? "never" : LAST_UPLOAD.format(lastUpload);
        }
    }

    private static final java.time.format.DateTimeFormatter LAST_UPLOAD = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    private final JdbcClient jdbc;

    UserStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Mine of(long accountId) {
        return jdbc.sql("""
                        select count(*) as files, coalesce(sum(size_bytes), 0) as bytes, max(created_at) as last_upload
                        from stored_files where owner_id = :accountId""")
                .param("accountId", accountId)
                .query((rs, row) -> {
                    var last = rs.getObject("last_upload", OffsetDateTime.class);
                    return new Mine(rs.getLong("files"), rs.getLong("bytes"), last == null ? null : last.toInstant());
                })
                .single();
    }
}
