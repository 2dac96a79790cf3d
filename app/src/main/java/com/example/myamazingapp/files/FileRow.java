package com.example.myamazingapp.files;

import com.example.myamazingapp.web.ByteSizes;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * One row of the files page with its text ready to show. A page lists up to 50 files: formatting their sizes and dates
 * here, once each, costs a fraction of what as many template expressions (number and date utilities, string
 * concatenations) cost on every view.
 */
public record FileRow(
        UUID id,
        String name,
        long sizeBytes,
        String size,
        String exactSize,
        String uploadedAt,
        String uploaded,
        String deleteQuestion) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    static FileRow of(StoredFile file) {
        return new FileRow(
                file.id(),
                file.originalName(),
                file.sizeBytes(),
                ByteSizes.readable(file.sizeBytes()),
                String.format(Locale.ROOT, "%,d bytes", file.sizeBytes()),
                file.createdAt().toString(),
                MINUTES.format(file.createdAt()),
                "Delete " + file.originalName() + "? This cannot be undone.");
    }
}
