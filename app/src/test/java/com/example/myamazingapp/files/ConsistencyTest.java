package com.example.myamazingapp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.myamazingapp.storage.ObjectStore;
import com.example.myamazingapp.storage.StorageUnavailableException;
import com.example.myamazingapp.support.Consistency;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.TestS3;

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

    long ownerId;

    @BeforeEach
    void account() {
        api().newAccount();
        ownerId = jdbc.sql("SELECT max(id) FROM accounts").query(Long.class).single();
    }

    @Test
    void whenTheRowCannotBeWrittenTheStoredObjectIsRemoved() {
        var failingTable = new StoredFileRepository(jdbc) {
            @Override
            public StoredFile insert(StoredFile file) {
                throw new DataAccessResourceFailureException("injected: database gone");
            }
        };
        var service = new FileService(store, failingTable, limits, transaction);
        int objectsBefore = TestS3.keys("files/").size();

        assertThatThrownBy(() -> service.upload(ownerId, "a.txt", "text/plain", content(), 5))
                .isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(TestS3.keys("files/")).hasSize(objectsBefore);
        Consistency.assertBucketAndTableAgree(jdbc);
    }

    @Test
    void whenTheStoreFailsMidwayNoRowIsWritten() {
        var failingStore = new DelegatingStore(store) {
            @Override
            public void put(String key, InputStream content, long length, String contentType) {
                throw new StorageUnavailableException("injected: bucket gone", null);
            }
        };
        var service = new FileService(failingStore, repository, limits, transaction);

        assertThatThrownBy(() -> service.upload(ownerId, "a.txt", "text/plain", content(), 5))
                .isInstanceOf(StorageUnavailableException.class);

        assertThat(repository.count(ownerId)).isZero();
        Consistency.assertBucketAndTableAgree(jdbc);
    }

    @Test
    void whenTheObjectCannotBeDeletedTheRowStays() {
        var stored = new FileService(store, repository, limits, transaction)
                .upload(ownerId, "keep.txt", "text/plain", content(), 5);
        var failingStore = new DelegatingStore(store) {
            @Override
            public void delete(String key) {
                throw new StorageUnavailableException("injected: bucket gone", null);
            }
        };

        assertThatThrownBy(() -> new FileService(failingStore, repository, limits, transaction).delete(ownerId, stored.id()))
                .isInstanceOf(StorageUnavailableException.class);

        assertThat(repository.find(stored.id(), ownerId)).isPresent();
        Consistency.assertBucketAndTableAgree(jdbc);
    }

    @Test
    void everyApiPathLeavesBucketAndTableInAgreement() {
        var user = api().newAccount();
        user.put("ok.txt", "hello".getBytes(), "text/plain");
        user.put("big.bin", new byte[(int) MAX_UPLOAD_BYTES + 10], "application/octet-stream");
        user.put("empty.bin", new byte[0], "application/octet-stream");
        user.delete("/api/files/" + UUID.randomUUID());

        Consistency.assertBucketAndTableAgree(jdbc);
    }

    private static InputStream content() {
        return new ByteArrayInputStream("hello".getBytes());
    }

    static class DelegatingStore implements ObjectStore {
        private final ObjectStore delegate;

        DelegatingStore(ObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String key, InputStream content, long length, String contentType) {
            delegate.put(key, content, length, contentType);
        }

        @Override
        public InputStream open(String key) {
            return delegate.open(key);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public void checkReachable() {
            delegate.checkReachable();
        }
    }
}
