package com.example.myamazingapp.files;

import com.example.myamazingapp.accounts.CurrentAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The same operations as the pages, as JSON over HTTP Basic, for scripts and tests. */
@RestController
@RequestMapping("/api/files")
class FilesApiController {

    // Declared, so a client that does not accept JSON gets 406 before anything is stored, not after.
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final FileService files;

    FilesApiController(FileService files) {
        this.files = files;
    }

    @GetMapping(produces = JSON)
    Listing list(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "0") int page) {
        var result = files.list(me.id(), page);
        return new Listing(
                result.items().stream().map(FileView::of).toList(), result.page(), result.size(), result.total());
    }

    @GetMapping(path = "/{id}", produces = JSON)
    FileView get(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
        return FileView.of(files.get(me.id(), id));
    }

    @GetMapping("/{id}/content")
    ResponseEntity<InputStreamResource> content(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
        var file = files.get(me.id(), id);
        return Downloads.of(file, files.open(file));
    }

    /** A multipart form upload (field "file"), as a browser would send it. */
    @PostMapping(consumes = "multipart/form-data", produces = JSON)
    ResponseEntity<FileView> uploadForm(
            @AuthenticationPrincipal CurrentAccount me,
            @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        return created(files.upload(me.id(), file));
    }

    /**
     * A raw body: {@code PUT /api/files?name=report.pdf} with the bytes as the body. With Content-Length the body is
     * streamed straight to the store; a chunked body is counted against the limit while it is spooled to disk.
     */
    @PutMapping(produces = JSON)
    ResponseEntity<FileView> uploadRaw(
            @AuthenticationPrincipal CurrentAccount me, @RequestParam String name, HttpServletRequest request)
            throws IOException {
        try (var content = request.getInputStream()) {
            return created(
                    files.uploadBody(me.id(), name, request.getContentType(), content, request.getContentLengthLong()));
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
        files.delete(me.id(), id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<FileView> created(StoredFile file) {
        return ResponseEntity.created(URI.create("/api/files/" + file.id())).body(FileView.of(file));
    }

    record Listing(List<FileView> items, int page, int size, long total) {}

    /** What the API shows of a file: not the owner, not the storage key. */
    record FileView(UUID id, String name, String contentType, long size, String sha256, OffsetDateTime createdAt) {
        static FileView of(StoredFile file) {
            return new FileView(
                    file.id(),
                    file.originalName(),
                    file.contentType(),
                    file.sizeBytes(),
                    file.sha256(),
                    file.createdAt());
        }
    }
}
