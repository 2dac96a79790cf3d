package com.example.myamazingapp.storage;

import java.io.InputStream;

/**
 * Where objects live: the uploaded files (the S3 data bucket, or a local folder for the embedded default) and the
 * published reports (the reports bucket, or a local folder). Every failure to reach the store is a
 * {@link StorageUnavailableException}.
 */
public interface ObjectStore {

    /**
     * Stores exactly {@code length} bytes read from {@code content} under {@code key}, never holding them all in
     * memory.
     */
    default void put(String key, InputStream content, long length, String contentType) {
        put(key, content, length, contentType, null);
    }

    /**
     * The same, with the Cache-Control the object is served with ({@code null}: none). A local folder serves no
     * headers, so it keeps only the bytes.
     */
    void put(String key, InputStream content, long length, String contentType, String cacheControl);

    /** Opens the object for reading; the caller closes the stream. */
    InputStream open(String key);

    boolean exists(String key);

    /**
     * Copies the object {@code from} to {@code to} inside the store (in S3 server-side: the bytes do not travel through
     * the application), served with this Content-Type and Cache-Control.
     */
    void copy(String from, String to, String contentType, String cacheControl);

    /** Deletes the object; deleting a missing key is not an error. */
    void delete(String key);

    /** Throws {@link StorageUnavailableException} when the store cannot be reached (used by readiness). */
    void checkReachable();
}
