package com.example.myamazingapp.reports;

import com.example.myamazingapp.storage.LocalFolderObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

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

    /** Where the objects go: the reports bucket, or a local folder for the embedded default. */
    interface Target {
        boolean exists(String key);

        void put(String key, ReportObject object, String cacheControl);

        /**
         * Copies {@code from} to {@code to} inside the target, with the object's Content-Type and this Cache-Control.
         */
        void copy(String from, String to, ReportObject object, String cacheControl);

        void delete(String key);

        static Target bucket(S3Client s3, String bucket) {
            return new Target() {
                /**
                 * HeadObject: a missing key is a 404 because the task role may list reports/ (without, S3 says 403).
                 */
                @Override
                public boolean exists(String key) {
                    try {
                        s3.headObject(request -> request.bucket(bucket).key(key));
                        return true;
                    } catch (NoSuchKeyException e) {
                        return false;
                    }
                }

                @Override
                public void put(String key, ReportObject object, String cacheControl) {
                    s3.putObject(
                            request -> request.bucket(bucket)
                                    .key(key)
                                    .contentType(object.contentType())
                                    .cacheControl(cacheControl)
                                    .contentLength((long) object.body().length),
                            RequestBody.fromBytes(object.body()));
                }

                /** Server-side (CopyObject): nothing travels through the application. */
                @Override
                public void copy(String from, String to, ReportObject object, String cacheControl) {
                    s3.copyObject(request -> request.sourceBucket(bucket)
                            .sourceKey(from)
                            .destinationBucket(bucket)
                            .destinationKey(to)
                            .metadataDirective(MetadataDirective.REPLACE)
                            .contentType(object.contentType())
                            .cacheControl(cacheControl));
                }

                @Override
                public void delete(String key) {
                    s3.deleteObject(request -> request.bucket(bucket).key(key));
                }
            };
        }

        /** Without S3 there are no response headers to set: the folder keeps the bytes, a browser opens them. */
        static Target folder(LocalFolderObjectStore folder) {
            return new Target() {
                @Override
                public boolean exists(String key) {
                    return folder.exists(key);
                }

                @Override
                public void put(String key, ReportObject object, String cacheControl) {
                    folder.put(
                            key, new ByteArrayInputStream(object.body()), object.body().length, object.contentType());
                }

                @Override
                public void copy(String from, String to, ReportObject object, String cacheControl) {
                    try (var in = folder.open(from)) {
                        put(to, new ReportObject(object.name(), object.contentType(), in.readAllBytes()), cacheControl);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void delete(String key) {
                    folder.delete(key);
                }
            };
        }
    }

    private final Target target;

    ReportPublisher(Target target) {
        this.target = target;
    }

    /**
     * @param files the report's files for reports/&lt;date&gt;/, unless an earlier attempt already wrote them
     * @param index reports/index.html, already listing the new date
     * @param previous the report latest/ shows now (the last run that published), if any
     */
    void publish(LocalDate date, List<ReportObject> files, ReportObject index, Optional<LocalDate> previous) {
        for (var object : files) {
            var key = PREFIX + date + "/" + object.name();
            if (!target.exists(key)) {
                target.put(key, object, IMMUTABLE);
            }
        }
        // From here on latest/ may change, so a failure puts the previous report back before the run fails.
        try {
            copyToLatest(date, files);
            target.put(PREFIX + index.name(), index, SHORT);
        } catch (RuntimeException failure) {
            try {
                if (previous.isPresent()) {
                    copyToLatest(previous.get(), files);
                } else {
                    files.forEach(object -> target.delete(LATEST + object.name()));
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
        files.forEach(
                object -> target.copy(PREFIX + date + "/" + object.name(), LATEST + object.name(), object, SHORT));
    }
}
