package com.example.myamazingapp.reports;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A signed-in user's own figures: one row the database keeps up to date as files come and go (migration V9), instead of
 * counting and summing all of the user's files on every page view.
 */
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
                        select files, bytes, last_upload from account_file_totals where account_id = :accountId""")
                .param("accountId", accountId)
                .query((rs, row) -> {
                    var last = rs.getObject("last_upload", OffsetDateTime.class);
                    return new Mine(rs.getLong("files"), rs.getLong("bytes"), last == null ? null : last.toInstant());
                })
                .optional()
                .orElse(new Mine(0, 0, null));
    }
}
