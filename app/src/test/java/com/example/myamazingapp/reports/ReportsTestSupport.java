package com.example.myamazingapp.reports;

import com.example.myamazingapp.storage.ObjectStore;
import com.example.myamazingapp.storage.S3ObjectStore;
import com.example.myamazingapp.storage.StorageUnavailableException;
import com.example.myamazingapp.support.DelegatingObjectStore;
import com.example.myamazingapp.support.TestS3;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Seeds the core tables with accounts and files of known dates and sizes (all in the test domain, so they can be
 * removed again), and reads what a run published in the test reports bucket.
 */
final class ReportsTestSupport {

    static final String BUCKET = "reports";
    static final String DOMAIN = "@reports.test";

    private final JdbcClient jdbc;
    private final S3Client s3 = TestS3.client();

    ReportsTestSupport(JdbcClient jdbc) {
        this.jdbc = jdbc;
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(request -> request.bucket(BUCKET));
        }
    }

    /**
     * Removes the test domain's accounts (their files, objects and activity go with them), every run and every report
     * object, so the other tests' bucket-and-table consistency still holds.
     */
    void clean() {
        // Files uploaded through the application have objects in the data bucket: remove them with their rows.
        jdbc.sql(
                        "select storage_key from stored_files join accounts on accounts.id = owner_id where email like :domain")
                .param("domain", "%" + DOMAIN)
                .query(String.class)
                .list()
                .forEach(key ->
                        s3.deleteObject(request -> request.bucket(TestS3.BUCKET).key(key)));
        jdbc.sql("delete from accounts where email like :domain")
                .param("domain", "%" + DOMAIN)
                .update();
        jdbc.sql("delete from report_runs").update();
        List<S3Object> objects = s3.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream()
                .toList();
        if (!objects.isEmpty()) {
            s3.deleteObjects(request -> request.bucket(BUCKET)
                    .delete(delete -> delete.objects(objects.stream()
                            .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                            .toList())));
        }
    }

    long account(String name, String createdAt) {
        return jdbc.sql("""
                        insert into accounts (email, password_hash, created_at)
                        values (:email, '{noop}unused', :created)
                        returning id""")
                .param("email", name + DOMAIN)
                .param("created", OffsetDateTime.parse(createdAt))
                .query(Long.class)
                .single();
    }

    void file(long owner, long size, String contentType, String createdAt) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                        insert into stored_files
                            (id, owner_id, original_name, content_type, size_bytes, sha256, storage_key, created_at)
                        values (:id, :owner, :name, :type, :size, :sha, :key, :created)""")
                .param("id", id)
                .param("owner", owner)
                .param("name", "private-holiday-photo-" + id + ".png")
                .param("type", contentType)
                .param("size", size)
                .param("sha", "0".repeat(64))
                .param("key", "files/reports-seed-" + id)
                .param("created", OffsetDateTime.parse(createdAt))
                .update();
    }

    /** A sign-in that day (an upload records its day by itself: migration V7). */
    void active(long account, String day) {
        jdbc.sql("insert into account_activity (account_id, day) values (:account, :day) on conflict do nothing")
                .param("account", account)
                .param("day", LocalDate.parse(day))
                .update();
    }

    ReportJob job(
            TransactionTemplate transactions,
            ReportStatistics statistics,
            ReportRenderer renderer,
            String now,
            ObjectStore store) {
        return new ReportJob(
                transactions,
                jdbc,
                statistics,
                renderer,
                new ReportPublisher(store),
                ReportConfiguration.parse(ReportConfiguration.DEFAULT_SCHEDULE),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    ObjectStore bucket() {
        return new S3ObjectStore(s3, BUCKET);
    }

    /**
     * The test bucket, calling {@code beforeWrite} with the key before each put, copy or delete (to count, wait or
     * fail).
     */
    ObjectStore bucket(Consumer<String> beforeWrite) {
        return watching(bucket(), beforeWrite);
    }

    /** {@code store}, refusing the second write into latest/ (later ones, the putting back, succeed); counts them. */
    static ObjectStore refusingTheSecondLatestWrite(ObjectStore store, AtomicInteger latestWrites) {
        return watching(store, key -> {
            if (key.startsWith(ReportPublisher.LATEST) && latestWrites.incrementAndGet() == 2) {
                throw new StorageUnavailableException("injected: S3 went away", null);
            }
        });
    }

    /** {@code store}, calling {@code beforeWrite} with the key before each put, copy or delete. */
    static ObjectStore watching(ObjectStore store, Consumer<String> beforeWrite) {
        return new DelegatingObjectStore(store) {
            @Override
            public void put(String key, InputStream content, long length, String contentType, String cacheControl) {
                beforeWrite.accept(key);
                super.put(key, content, length, contentType, cacheControl);
            }

            @Override
            public void copy(String from, String to, String contentType, String cacheControl) {
                beforeWrite.accept(to);
                super.copy(from, to, contentType, cacheControl);
            }

            @Override
            public void delete(String key) {
                beforeWrite.accept(key);
                super.delete(key);
            }
        };
    }

    String text(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
    }

    byte[] bytes(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray();
    }

    HeadObjectResponse head(String key) {
        return s3.headObject(request -> request.bucket(BUCKET).key(key));
    }

    List<String> keys() {
        return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    String url(String key) {
        return TestS3.endpoint() + "/" + BUCKET + "/" + key;
    }
}
