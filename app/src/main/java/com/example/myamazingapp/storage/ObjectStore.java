package com.example.myamazingapp.storage;

import java.io.InputStream;

/** Where the bytes of uploaded files live: the S3 data bucket, or a local folder for the embedded default. */
public interface ObjectStore {

    /**
     * Stores exactly {@code length} bytes read from {@code content} under {@code key}, never holding them all in
     * memory.
     */
    void put(String key, InputStream content, long length, String contentType);

    /** Opens the object for reading; the caller closes the stream. */
    InputStream open(String key);

    /** Deletes the object; deleting a missing key is not an error. */
    void delete(String key);

    /** Throws {@link StorageUnavailableException} when the store cannot be reached (used by readiness). */
    void checkReachable();
}
