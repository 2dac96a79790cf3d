package com.example.myamazingapp.files;

import com.example.myamazingapp.storage.ObjectStore;
import com.example.myamazingapp.storage.StorageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads, downloads and deletes, keeping the bucket and the table in agreement: the object is stored before its row is
 * written, and removed again if the row cannot be written; a store failure leaves no row.
 */
@Service
public class FileService {

    public static final int PAGE_SIZE = 20;
    private static final Logger log = LoggerFactory.getLogger(FileService.class);

    private final ObjectStore store;
    private final StoredFileRepository files;
    private final UploadLimits limits;
    private final TransactionTemplate transaction;

    public FileService(
            ObjectStore store, StoredFileRepository files, UploadLimits limits, TransactionTemplate transaction) {
        this.store = store;
        this.files = files;
        this.limits = limits;
        this.transaction = transaction;
    }

    /** A multipart part (form field "file"), from the page or the API; missing counts as empty. */
    public StoredFile upload(long ownerId, MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw empty();
        }
        try (var content = file.getInputStream()) {
            return upload(ownerId, file.getOriginalFilename(), file.getContentType(), content, file.getSize());
        }
    }

    /** An upload whose length is known up front (a multipart part on disk, or a body with Content-Length). */
    public StoredFile upload(long ownerId, String name, String contentType, InputStream content, long length) {
        if (length == 0) {
            throw empty();
        }
        if (length > limits.maxBytes()) {
            throw tooLarge();
        }
        var id = UUID.randomUUID();
        // The key is ours alone: never derived from the user's file name.
        var key = "files/" + UUID.randomUUID();
        var measured = MeasuredInputStream.exactly(content, length);
        try {
            store.put(key, measured, length, FileNames.contentType(contentType));
        } catch (RuntimeException e) {
            if (!measured.endedEarly()) {
                throw e;
            }
            // S3 keeps nothing of an incomplete PUT; the delete makes sure of it for any store.
            deleteObject(key);
            throw endedEarly(measured.count() + " of " + length);
        }
        var file = new StoredFile(
                id,
                ownerId,
                FileNames.clean(name),
                FileNames.contentType(contentType),
                length,
                measured.sha256Hex(),
                key,
                null);
        try {
            return files.insert(file);
        } catch (RuntimeException e) {
            deleteObject(key);
            throw e;
        }
    }

    /**
     * A raw request body (the API's PUT, the page's script): streamed straight to the store when its length is known
     * ({@code length} >= 0), else spooled as {@link #uploadUnknownLength} does.
     */
    public StoredFile uploadBody(long ownerId, String name, String contentType, InputStream content, long length) {
        return length >= 0
                ? upload(ownerId, name, contentType, content, length)
                : uploadUnknownLength(ownerId, name, contentType, content);
    }

    /**
     * An upload of unknown length (a chunked body): spooled to a temporary file, counting against the limit as it
     * arrives, then stored with its now known length (an S3 PUT needs the length before the first byte).
     */
    public StoredFile uploadUnknownLength(long ownerId, String name, String contentType, InputStream content) {
        Path spool = null;
        try {
            spool = Files.createTempFile("upload-", ".part");
            var measured = MeasuredInputStream.atMost(content, limits.maxBytes());
            try {
                Files.copy(measured, spool, StandardCopyOption.REPLACE_EXISTING);
            } catch (MeasuredInputStream.UploadTooLargeException e) {
                throw tooLarge();
            } catch (MeasuredInputStream.UploadEndedEarlyException e) {
                throw endedEarly(String.valueOf(measured.count()));
            }
            try (var in = Files.newInputStream(spool)) {
                return upload(ownerId, name, contentType, in, measured.count());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    log.warn("Could not delete the temporary upload {}", spool, e);
                }
            }
        }
    }

    public FilePage list(long ownerId, int page) {
        return list(ownerId, page, "", FileOrder.NEWEST);
    }

    /** A page of the owner's files in {@code order}, only those whose name contains {@code search} when not blank. */
    public FilePage list(long ownerId, int page, String search, FileOrder order) {
        int safePage = Math.max(0, page);
        // No control characters (PostgreSQL refuses a NUL) and no longer than a name can be.
        var text = search == null ? "" : search.replaceAll("\\p{Cntrl}", "").strip();
        text = text.length() > FileNames.MAX_CODE_POINTS ? text.substring(0, FileNames.MAX_CODE_POINTS) : text;
        return new FilePage(
                files.page(ownerId, text, order, (long) safePage * PAGE_SIZE, PAGE_SIZE),
                safePage,
                PAGE_SIZE,
                files.count(ownerId, text));
    }

    public StoredFile get(long ownerId, UUID id) {
        return files.find(id, ownerId).orElseThrow(StoredFileNotFoundException::new);
    }

    public InputStream open(StoredFile file) {
        return store.open(file.storageKey());
    }

    /**
     * The row goes in a transaction that commits only once the object is gone, so a store failure changes nothing.
     * Returns what was deleted (the page names it).
     */
    public StoredFile delete(long ownerId, UUID id) {
        var file = get(ownerId, id);
        transaction.executeWithoutResult(status -> {
            if (!files.delete(file.id(), ownerId)) {
                throw new StoredFileNotFoundException();
            }
            store.delete(file.storageKey());
        });
        return file;
    }

    /** Every file of the owner, one after the other as {@link #delete} does (the account is being closed). */
    public void deleteAll(long ownerId) {
        for (var batch = files.newestFirst(ownerId, 0, PAGE_SIZE);
                !batch.isEmpty();
                batch = files.newestFirst(ownerId, 0, PAGE_SIZE)) {
            batch.forEach(file -> delete(ownerId, file.id()));
        }
    }

    private void deleteObject(String key) {
        try {
            store.delete(key);
        } catch (StorageUnavailableException e) {
            log.error("Could not remove the orphaned object {} after a failed upload", key, e);
        }
    }

    /** The client stopped sending: the client's problem and an INFO line, not a storage outage. */
    private static UploadRefusedException endedEarly(String received) {
        log.info("Upload ended after {} bytes; nothing stored", received);
        return new UploadRefusedException(
                UploadRefusedException.Reason.ENDED_EARLY,
                "The upload ended after " + received + " bytes. Nothing was stored; please send the file again.");
    }

    private static UploadRefusedException empty() {
        return new UploadRefusedException(
                UploadRefusedException.Reason.EMPTY, "The file is empty. Choose a file with content.");
    }

    private UploadRefusedException tooLarge() {
        return new UploadRefusedException(UploadRefusedException.Reason.TOO_LARGE, limits.tooLargeMessage());
    }
}
