package com.example.myamazingapp.storage;

import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A bucket. Uploads go up as one PUT of known length, streamed from the caller's stream. Such a stream cannot be
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
    public void put(String key, InputStream content, long length, String contentType, String cacheControl) {
        try {
            s3.putObject(
                    request -> request.bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .cacheControl(cacheControl)
                            .contentLength(length),
                    RequestBody.fromInputStream(content, length));
        } catch (SdkException | IllegalStateException e) {
            // IllegalStateException: the SDK's answer to a stream shorter than its declared length.
            throw unavailable("Could not store " + key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw unavailable("Could not read " + key, e);
        }
    }

    /** HeadObject: a missing key is a 404 only where the caller may list the bucket (else S3 says 403). */
    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw unavailable("Could not look for " + key, e);
        }
    }

    /** CopyObject, replacing the metadata (Content-Type, Cache-Control) with the given one. */
    @Override
    public void copy(String from, String to, String contentType, String cacheControl) {
        try {
            s3.copyObject(request -> request.sourceBucket(bucket)
                    .sourceKey(from)
                    .destinationBucket(bucket)
                    .destinationKey(to)
                    .metadataDirective(MetadataDirective.REPLACE)
                    .contentType(contentType)
                    .cacheControl(cacheControl));
        } catch (SdkException e) {
            throw unavailable("Could not copy " + from + " to " + to, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw unavailable("Could not delete " + key, e);
        }
    }

    @Override
    public void checkReachable() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            throw new StorageUnavailableException("The bucket " + bucket + " is not reachable", e);
        }
    }

    private StorageUnavailableException unavailable(String what, RuntimeException cause) {
        return new StorageUnavailableException(what + " in the bucket " + bucket, cause);
    }
}
