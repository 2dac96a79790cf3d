package com.example.myamazingapp.storage;

/** The object store could not be reached or refused the operation; the user gets 503 and nothing is half-stored. */
public class StorageUnavailableException extends RuntimeException {

    /** What the user is told, on the pages and in the API alike. */
    public static final String USER_MESSAGE =
            "File storage is unavailable right now; nothing was changed. Please try again later.";

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
