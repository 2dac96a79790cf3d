package com.example.myamazingapp.reports;

import com.example.myamazingapp.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Writes a report into the reports bucket: the dated folder first, then the latest/ copy, then the index.
 *
 * <p>Dated objects are write-once: caches may keep them for a year from their first write, even when the run that wrote
 * them failed later, so a retry keeps the objects that exist and writes only the missing ones.
 *
 * <p>latest/ is always a byte copy of one dated folder, copied from it, and dated folders never change. So when a write
 * fails after latest/ was touched, latest/ may mix two reports, and the previous one is put back the same way, by
 * copying its dated folder over latest/ (or, with no previous report, latest/ is removed). A failure before that leaves
 * latest/ as it was. Either way the exception goes on, so the run fails and can be retried.
 */
class ReportPublisher {

    static final String PREFIX = "reports/";
    static final String LATEST = PREFIX + "latest/";
    /** A dated report never changes once written: caches may keep it for a year. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** latest/ and the index change with every run: caches revalidate after five minutes. */
    static final String SHORT = "public, max-age=300";

    /** The reports bucket, or a local folder for the embedded default. */
    private final ObjectStore store;

    ReportPublisher(ObjectStore store) {
        this.store = store;
    }

    /**
     * @param files the report's files for reports/&lt;date&gt;/, unless an earlier attempt already wrote them
     * @param index reports/index.html, already listing the new date
     * @param previous the report latest/ shows now (the last run that published), if any
     */
    void publish(LocalDate date, List<ReportObject> files, ReportObject index, Optional<LocalDate> previous) {
        for (var object : files) {
            var key = PREFIX + date + "/" + object.name();
            if (!store.exists(key)) {
                put(key, object, IMMUTABLE);
            }
        }
        // From here on latest/ may change, so a failure puts the previous report back before the run fails.
        try {
            copyToLatest(date, files);
            put(PREFIX + index.name(), index, SHORT);
        } catch (RuntimeException failure) {
            try {
                if (previous.isPresent()) {
                    copyToLatest(previous.get(), files);
                } else {
                    files.forEach(object -> store.delete(LATEST + object.name()));
                }
            } catch (RuntimeException restoreFailure) {
                failure.addSuppressed(restoreFailure);
            }
            throw failure;
        }
    }

    /**
     * latest/ gets the dated folder's bytes as they are (perhaps an earlier attempt's). The file names and types are
     * the same in every report, so the new report's list names any report's files.
     */
    private void copyToLatest(LocalDate date, List<ReportObject> files) {
        files.forEach(object ->
                store.copy(PREFIX + date + "/" + object.name(), LATEST + object.name(), object.contentType(), SHORT));
    }

    private void put(String key, ReportObject object, String cacheControl) {
        store.put(
                key, new ByteArrayInputStream(object.body()), object.body().length, object.contentType(), cacheControl);
    }
}
