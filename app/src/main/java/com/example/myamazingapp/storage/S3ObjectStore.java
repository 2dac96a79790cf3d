package com.example.myamazingapp.storage;

import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data bucket. Uploads go up as one PUT of known length, streamed from the caller's stream. Such a stream cannot be
 * replayed, so the SDK does not retry a failed PUT: the upload fails as a whole (503) and the user tries again.
 */
public class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        try {
            s3.putObject(
                    request -> request.bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .contentLength(length),
                    RequestBody.fromInputStream(content, length));
        } catch (SdkException | IllegalStateException e) {
            // IllegalStateException: the SDK's answer to a stream shorter than its declared length.
            throw new StorageUnavailableException("Could not store the file in the data bucket", e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new StorageUnavailableException("Could not read the file from the data bucket", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new StorageUnavailableException("Could not delete the file from the data bucket", e);
        }
    }

    @Override
    public void checkReachable() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            throw new StorageUnavailableException("The data bucket " + bucket + " is not reachable", e);
        }
    }
}
