package com.example.myamazingapp.files;

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
        OffsetDateTime createdAt) {}
