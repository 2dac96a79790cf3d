package com.example.myamazingapp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.storage.ObjectStore;
import com.example.myamazingapp.storage.StorageUnavailableException;
import com.example.myamazingapp.support.Consistency;
import com.example.myamazingapp.support.DelegatingObjectStore;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.TestS3;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Faults injected around the real S3Mock bucket and the real PostgreSQL table: they must agree afterwards. */
class ConsistencyTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectStore store;

    @Autowired
    StoredFileRepository repository;

    @Autowired
    UploadLimits limits;

    @Autowired
    TransactionTemplate transaction;

    private static final String PASSWORD = "correct horse battery";

    String email;
    long ownerId;
    Set<String> objectsBefore;

    /** Each test's own account: the bucket and the table are compared on what it wrote, not on other tests' data. */
    @BeforeEach
    void account() {
        email = "consistency-" + UUID.randomUUID() + "@example.com";
        assertThat(api().signUp(email, PASSWORD).status()).isEqualTo(201);
        ownerId = jdbc.sql("SELECT id FROM accounts WHERE email = :email")
                .param("email", email)
                .query(Long.class)
                .single();
        objectsBefore = Consistency.objects();
    }

    @Test
    void theObjectIsStoredBeforeItsRowIsWritten() {
        var events = new ArrayList<String>();
        var service =
                new FileService(new RecordingStore(store, events), recordingTable(events, false), limits, transaction);

        var stored = service.upload(ownerId, "a.txt", "text/plain", content(), 5);

        var key = stored.storageKey();
        assertThat(events).containsExactly("put " + key, "insert " + key);
        assertThat(TestS3.keys("files/")).contains(key);
        Consistency.assertBucketAndTableAgree(jdbc, ownerId, objectsBefore);
    }

    @Test
    void whenTheRowCannotBeWrittenTheStoredObjectIsRemoved() {
        var events = new ArrayList<String>();
        var service =
                new FileService(new RecordingStore(store, events), recordingTable(events, true), limits, transaction);

        assertThatThrownBy(() -> service.upload(ownerId, "a.txt", "text/plain", content(), 5))
                .isInstanceOf(DataAccessResourceFailureException.class);

        // The same key: put, then the insert that fails, then the delete of exactly that object.
        assertThat(events).hasSize(3);
        var key = events.getFirst().substring("put ".length());
        assertThat(key).startsWith("files/");
        assertThat(events).containsExactly("put " + key, "insert " + key, "delete " + key);
        assertThat(Consistency.objects()).doesNotContain(key).isEqualTo(objectsBefore);
        Consistency.assertBucketAndTableAgree(jdbc, ownerId, objectsBefore);
    }

    /** S3 breaks while the bytes are on their way (after 100 KiB of 300 KiB): 503, no row, no object. */
    @Test
    void whenTheStoreFailsMidwayNoRowIsWritten() {
        var streamed = new AtomicLong();
        var failingStore = new DelegatingObjectStore(store) {
            @Override
            public void put(String key, InputStream content, long length, String contentType) {
                super.put(key, new FailingAfter(content, 100 * 1024, streamed), length, contentType);
            }
        };
        var service = new FileService(failingStore, repository, limits, transaction);

        assertThatThrownBy(() -> service.upload(
                        ownerId,
                        "a.bin",
                        "application/octet-stream",
                        new ByteArrayInputStream(new byte[300 * 1024]),
                        300 * 1024))
                .isInstanceOf(StorageUnavailableException.class);

        assertThat(streamed.get()).as("bytes streamed to S3 before the fault").isEqualTo(100 * 1024);
        assertThat(repository.count(ownerId)).isZero();
        assertThat(Consistency.objects()).isEqualTo(objectsBefore);
        Consistency.assertBucketAndTableAgree(jdbc, ownerId, objectsBefore);
    }

    /**
     * The client's stream ends early (the service-level twin of the HTTP test in FilesApiTest): 400, nothing stored.
     */
    @Test
    void aStreamShorterThanItsDeclaredLengthIsTheClientsProblem() {
        var service = new FileService(store, repository, limits, transaction);

        assertThatThrownBy(() -> service.upload(ownerId, "a.txt", "text/plain", content(), 50))
                .isInstanceOfSatisfying(UploadRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadRefusedException.Reason.ENDED_EARLY);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "The upload ended after 5 of 50 bytes. Nothing was stored; please send the file again.");
                });

        assertThat(repository.count(ownerId)).isZero();
        assertThat(Consistency.objects()).isEqualTo(objectsBefore);
        Consistency.assertBucketAndTableAgree(jdbc, ownerId, objectsBefore);
    }

    @Test
    void aBrokenStreamOfUnknownLengthIsTheClientsProblemToo() {
        var service = new FileService(store, repository, limits, transaction);
        var broken = new FailingAfter(new ByteArrayInputStream(new byte[1000]), 100, new AtomicLong());

        assertThatThrownBy(() -> service.uploadUnknownLength(ownerId, "a.bin", "application/octet-stream", broken))
                .isInstanceOfSatisfying(UploadRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadRefusedException.Reason.ENDED_EARLY);
                    assertThat(e.getMessage()).startsWith("The upload ended after 100 bytes.");
                });

        assertThat(repository.count(ownerId)).isZero();
        assertThat(Consistency.objects()).isEqualTo(objectsBefore);
    }

    @Test
    void whenTheObjectCannotBeDeletedTheRowStays() {
        var stored = new FileService(store, repository, limits, transaction)
                .upload(ownerId, "keep.txt", "text/plain", content(), 5);
        var failingStore = new DelegatingObjectStore(store) {
            @Override
            public void delete(String key) {
                throw new StorageUnavailableException("injected: bucket gone", null);
            }
        };

        assertThatThrownBy(() ->
                        new FileService(failingStore, repository, limits, transaction).delete(ownerId, stored.id()))
                .isInstanceOf(StorageUnavailableException.class);

        assertThat(repository.find(stored.id(), ownerId)).isPresent();
        Consistency.assertBucketAndTableAgree(jdbc, ownerId, objectsBefore);
    }

    @Test
    void everyApiPathLeavesBucketAndTableInAgreement() {
        var user = api().as(email, PASSWORD);
        user.put("ok.txt", "hello".getBytes(), "text/plain");
        user.put("big.bin", new byte[(int) MAX_UPLOAD_BYTES + 10], "application/octet-stream");
        user.put("empty.bin", new byte[0], "application/octet-stream");
        user.delete("/api/files/" + UUID.randomUUID());

        Consistency.assertBucketAndTableAgree(jdbc, ownerId, objectsBefore);
    }

    private StoredFileRepository recordingTable(List<String> events, boolean fail) {
        return new StoredFileRepository(jdbc) {
            @Override
            public StoredFile insert(StoredFile file) {
                events.add("insert " + file.storageKey());
                if (fail) {
                    throw new DataAccessResourceFailureException("injected: database gone");
                }
                return super.insert(file);
            }
        };
    }

    private static InputStream content() {
        return new ByteArrayInputStream("hello".getBytes());
    }

    /** The real store, noting each put and delete (after it succeeded) in order. */
    static class RecordingStore extends DelegatingObjectStore {
        private final List<String> events;

        RecordingStore(ObjectStore delegate, List<String> events) {
            super(delegate);
            this.events = events;
        }

        @Override
        public void put(String key, InputStream content, long length, String contentType) {
            super.put(key, content, length, contentType);
            events.add("put " + key);
        }

        @Override
        public void delete(String key) {
            super.delete(key);
            events.add("delete " + key);
        }
    }

    /** Passes {@code limit} bytes through, then fails every read as a broken connection would. */
    static class FailingAfter extends FilterInputStream {
        private final long limit;
        private final AtomicLong passed;

        FailingAfter(InputStream in, long limit, AtomicLong passed) {
            super(in);
            this.limit = limit;
            this.passed = passed;
        }

        @Override
        public int read() throws IOException {
            var one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long left = limit - passed.get();
            if (left <= 0) {
                throw new IOException("injected: connection reset after " + passed.get() + " bytes");
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                passed.addAndGet(n);
            }
            return n;
        }
    }
}
