package com.example.myamazingapp.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.support.TestS3;
import java.io.ByteArrayInputStream;
import java.net.URI;
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

    @Test
    void anUnreachableServerIsReportedAsUnavailable() throws Exception {
        var closed = s3(URI.create("http://127.0.0.1:" + TestS3.freePort()), TestS3.BUCKET);

        assertThatThrownBy(closed::checkReachable).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.put("files/x", new ByteArrayInputStream(new byte[1]), 1, "text/plain"))
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
