package com.example.myamazingapp.files;

import com.example.myamazingapp.web.ByteSizes;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One uploaded file's metadata; the bytes are in the object store under {@code storageKey}. */
public record StoredFile(
        UUID id,
        long ownerId,
        String originalName,
        String contentType,
        long sizeBytes,
        String sha256,
        String storageKey,
        OffsetDateTime createdAt) {

    /** The size as the pages show it, e.g. "900 KiB". */
    public String readableSize() {
        return ByteSizes.readable(sizeBytes);
    }
}
