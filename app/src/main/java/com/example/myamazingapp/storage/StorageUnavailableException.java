package com.example.myamazingapp.storage;

/** The object store could not be reached or refused the operation; the user gets 503 and nothing is half-stored. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
