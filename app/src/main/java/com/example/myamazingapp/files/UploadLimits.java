package com.example.myamazingapp.files;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** @param maxUploadSize MAX_UPLOAD_SIZE (e.g. 100MB, 2GB; MB means MiB), default 100MB */
@ConfigurationProperties("app.files")
public record UploadLimits(DataSize maxUploadSize) {

    public long maxBytes() {
        return maxUploadSize.toBytes();
    }

    public String tooLargeMessage() {
        return "The file is larger than the upload limit of " + readable(maxBytes()) + ". Nothing was stored.";
    }

    static String readable(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes + " bytes";
    }
}
