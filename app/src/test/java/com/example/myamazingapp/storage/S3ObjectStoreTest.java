package com.example.myamazingapp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.support.TestS3;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against S3Mock, through the same client configuration the application builds. */
class S3ObjectStoreTest extends ObjectStoreContract {

    static ObjectStore store;

    @BeforeAll
    static void connect() {
        store = s3(TestS3.endpoint(), TestS3.BUCKET);
    }

    @Override
    ObjectStore store() {
        return store;
    }

    /**
     * What CloudFront passes on to browsers: the objects' Content-Type and Cache-Control, set by a put or a copy. (The
     * copy keeps the type: S3Mock does not replace it on a copy, S3 does; the reports copy with the same type.)
     */
    @Test
    void putAndCopySetTheHeadersTheObjectIsServedWith() {
        var from = "contract/" + UUID.randomUUID();
        var to = "contract/copies/" + UUID.randomUUID();
        store.put(from, new ByteArrayInputStream(new byte[] {'{', '}'}), 2, "application/json", "immutable");

        store.copy(from, to, "application/json", "public, max-age=300");

        var s3 = TestS3.client();
        var original = s3.headObject(request -> request.bucket(TestS3.BUCKET).key(from));
        var copy = s3.headObject(request -> request.bucket(TestS3.BUCKET).key(to));
        assertThat(original.contentType()).isEqualTo("application/json");
        assertThat(original.cacheControl()).isEqualTo("immutable");
        assertThat(copy.contentType()).isEqualTo("application/json");
        assertThat(copy.cacheControl()).isEqualTo("public, max-age=300");
        store.delete(from);
        store.delete(to);
    }

    @Test
    void anUnreachableServerIsReportedAsUnavailable() throws Exception {
        var closed = s3(URI.create("http://127.0.0.1:" + TestS3.freePort()), TestS3.BUCKET);

        assertThatThrownBy(closed::checkReachable).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.put("files/x", new ByteArrayInputStream(new byte[1]), 1, "text/plain"))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.exists("files/x")).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.copy("files/x", "files/y", "text/plain", null))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aMissingBucketIsReportedAsUnavailable() throws Exception {
        var missing = s3(TestS3.endpoint(), "no-such-bucket");

        assertThatThrownBy(missing::checkReachable).isInstanceOf(StorageUnavailableException.class);
    }

    static ObjectStore s3(URI endpoint, String bucket) {
        return new S3ObjectStore(StorageConfiguration.s3Client(TestS3.REGION, endpoint), bucket);
    }
}
