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
 */
class MeasuredInputStream extends FilterInputStream {

    private final long limit;
    private final MessageDigest sha256;
    private long count;
    private boolean overLimit;

    MeasuredInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        var buffer = new byte[1];
        int n = read(buffer, 0, 1);
        return n == -1 ? -1 : buffer[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (count > limit) {
                overLimit = true;
                throw new UploadTooLargeException(count);
            }
            sha256.update(buffer, offset, n);
        }
        return n;
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

    boolean overLimit() {
        return overLimit;
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
}
