package com.example.myamazingapp.reports;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;

import com.example.myamazingapp.storage.LocalFolderObjectStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes a report into the reports bucket, in the order that keeps every public URL whole: the dated folder first,
 * then the latest/ copy, then the index. An exception at any put stops the run there, so latest/ and the index are
 * only touched once every dated object is stored, and a failed run leaves the previous latest/ as it was.
 */
class ReportPublisher {

    static final String PREFIX = "reports/";
    /** A dated report never changes once written: caches may keep it for a year. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** latest/ and the index change with every run: caches revalidate after five minutes. */
    static final String SHORT = "public, max-age=300";

    /** Where the objects go: the reports bucket, or a local folder for the embedded default. */
    @FunctionalInterface
    interface Target {
        void put(String key, ReportObject object, String cacheControl);

        static Target bucket(S3Client s3, String bucket) {
            return (key, object, cacheControl) -> s3.putObject(request -> request.bucket(bucket).key(key)
                            .contentType(object.contentType())
                            .cacheControl(cacheControl)
                            .contentLength((long) object.body().length),
                    RequestBody.fromBytes(object.body()));
        }

        /** Without S3 there are no response headers to set: the folder keeps the bytes, a browser opens them. */
        static Target folder(LocalFolderObjectStore folder) {
            return (key, object, cacheControl) -> folder.put(key, new ByteArrayInputStream(object.body()),
                    object.body().length, object.contentType());
        }
    }

    private final Target target;

    ReportPublisher(Target target) {
        this.target = target;
    }

    /**
     * @param dated  the files of reports/&lt;date&gt;/
     * @param latest the same report rendered for reports/latest/
     * @param index  reports/index.html, already listing the new date
     */
    void publish(LocalDate date, List<ReportObject> dated, List<ReportObject> latest, ReportObject index) {
        dated.forEach(object -> target.put(PREFIX + date + "/" + object.name(), object, IMMUTABLE));
        latest.forEach(object -> target.put(PREFIX + "latest/" + object.name(), object, SHORT));
        target.put(PREFIX + index.name(), index, SHORT);
    }
}
