package com.example.myamazingapp.files;

/**
 * An upload the files feature does not store: the message tells the user what to do. Nothing of it was kept, in the
 * bucket or in the table.
 */
public class UploadRefusedException extends RuntimeException {

    /** Why; each feature's web layer turns it into a status. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** More bytes than MAX_UPLOAD_SIZE. */
        TOO_LARGE,
        /** The client stopped sending before the declared length (or the connection broke). */
        ENDED_EARLY
    }

    private final Reason reason;

    UploadRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
