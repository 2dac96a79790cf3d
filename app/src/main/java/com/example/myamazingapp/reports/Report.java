package com.example.myamazingapp.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One published user-statistics report: figures for everything before {@code date} 00:00 UTC, so a report for a given
 * date says the same whichever instance or hour computes it. Carries no personal data: only counts, sums, size buckets
 * and content types.
 */
public record Report(
        LocalDate date,
        Instant generatedAt,
        Totals totals,
        List<Day> daily,
        List<Count> fileSizes,
        List<Count> contentTypes) {

    public record Totals(long users, long files, long bytes) {}

    public record Day(LocalDate day, long signUps, long uploads, long bytesUploaded, long activeUsers) {}

    /** A labelled count: a file-size bucket or a content type. */
    public record Count(String label, long files) {}

    /** The first day of the daily series (the series ends the day before {@link #date}). */
    public LocalDate firstDay() {
        return daily.isEmpty() ? date : daily.getFirst().day();
    }

    public LocalDate lastDay() {
        return daily.isEmpty() ? date : daily.getLast().day();
    }
}
