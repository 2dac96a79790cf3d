package com.example.myamazingapp.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) the bytes as they stream through, and stops at a limit. Mark/reset is not supported on
 * purpose: a reader that wants to retry (the AWS SDK) must buffer above us, so every byte is hashed exactly once.
 *
 * <p>A body that breaks while it is read (the client went away), or with a declared length ({@link #exactly}) ends
 * before it, is the client's problem, not the store's: {@link UploadEndedEarlyException} is thrown from inside the read
 * and remembered, so the caller can tell it apart from a storage failure whatever the store wraps it in.
 */
class MeasuredInputStream extends FilterInputStream {

    private final long limit;
    private final boolean exact;
    private final MessageDigest sha256;
    private long count;
    private boolean endedEarly;

    private MeasuredInputStream(InputStream in, long limit, boolean exact) {
        super(in);
        this.limit = limit;
        this.exact = exact;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** A body of a declared length: more is refused, less is {@link UploadEndedEarlyException}. */
    static MeasuredInputStream exactly(InputStream in, long length) {
        return new MeasuredInputStream(in, length, true);
    }

    /** A body of unknown length: at most {@code limit} bytes. */
    static MeasuredInputStream atMost(InputStream in, long limit) {
        return new MeasuredInputStream(in, limit, false);
    }

    @Override
    public int read() throws IOException {
        var buffer = new byte[1];
        int n = read(buffer, 0, 1);
        return n == -1 ? -1 : buffer[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            // Reading the request body failed: the client went away (Tomcat's EOFException / ClientAbortException).
            throw endedEarly(e);
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new UploadTooLargeException(count);
            }
            sha256.update(buffer, offset, n);
        } else if (n == -1 && exact && count < limit) {
            throw endedEarly(null);
        }
        return n;
    }

    private UploadEndedEarlyException endedEarly(IOException cause) {
        endedEarly = true;
        return new UploadEndedEarlyException(count, exact ? limit : -1, cause);
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip would leave bytes out of the hash");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readLimit) {
        // not supported, see the class comment
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    long count() {
        return count;
    }

    boolean endedEarly() {
        return endedEarly;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Thrown from inside a read, so whoever is copying (the SDK, Files.copy) stops at once. */
    static class UploadTooLargeException extends IOException {
        UploadTooLargeException(long count) {
            super("upload exceeds the limit after " + count + " bytes");
        }
    }

    static class UploadEndedEarlyException extends IOException {
        UploadEndedEarlyException(long count, long length, IOException cause) {
            super("upload ended after " + count + " bytes" + (length >= 0 ? " of " + length : ""), cause);
        }
    }
}
